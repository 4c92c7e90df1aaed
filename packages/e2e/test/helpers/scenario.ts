/** The small, checkpoint-rich read the fault scenarios share, and its clean result. */
import type {ConfiguredAirbyteCatalog} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {configuredCatalog, explain, readConnector} from './connector';
import {expectedRecordSet, recordSet, sortedRows, type CandleData} from './records';
import type {SourceUnderTest} from './sources';

/** A liquid, a mid and a thin market (the thin one has hours without trades). */
export const MARKETS = ['KRW-BTC', 'KRW-XRP', 'BTC-XRP'];
export const START = '2024-02-24T00:00:00Z';
/** A closed hour boundary before the simulator's now, so every read sees the same data. */
export const END = '2024-03-01T00:00:00Z';

export function scenarioConfig(
  source: SourceUnderTest,
  sim: RunningSimulator,
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    start_date: START,
    end_date: END,
    markets: MARKETS,
    // 24-hour windows: six checkpoints per market, so a fault can strike mid-read.
    page_size: 24,
    requests_per_second: source.maxRps,
    max_attempts: 5,
    request_timeout_seconds: 5,
    api_base_url: source.baseUrl(sim),
    ...overrides,
  };
}

export interface CleanRun {
  catalog: ConfiguredAirbyteCatalog;
  set: Map<string, CandleData>;
}

/** A clean read, checked against the simulator's ground truth: what every faulty run must end with. */
export async function cleanRun(
  source: SourceUnderTest,
  sim: RunningSimulator,
  markets: readonly string[] = MARKETS
): Promise<CleanRun> {
  const config = scenarioConfig(source, sim, {markets});
  const catalog = await configuredCatalog(source, config);
  const read = await readConnector(source, {config, catalog});
  if (read.exitCode !== 0) throw new Error(`clean run failed: ${explain(read)}`);
  const set = recordSet(read.records);
  const expected = expectedRecordSet(sim, source.exchange, markets, START, END);
  expect(sortedRows(set)).toEqual(sortedRows(expected));
  return {catalog, set};
}

/** True once every market has a cursor: each has read a window, so a later empty page is suspicious. */
export function everyMarketStarted(cursors: Record<string, string>, markets = MARKETS): boolean {
  return markets.every((m) => cursors[m] !== undefined);
}
