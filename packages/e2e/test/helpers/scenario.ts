/** The small, checkpoint-rich read the fault scenarios share, and its clean result. */
import type {ConfiguredAirbyteCatalog} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {configuredCatalog, explain, readConnector} from './connector';
import {expectedRecordSet, recordSet, sortedRows, type CandleData} from './records';
import {configMarkets, type SourceUnderTest} from './sources';

/**
 * A liquid, a mid and a thin market (the thin one has hours without trades), in simulator
 * codes; on KRW-only exchanges `marketsOf` swaps BTC-XRP for a thin KRW market.
 */
export const MARKETS = ['KRW-BTC', 'KRW-XRP', 'BTC-XRP'];
export const START = '2024-02-24T00:00:00Z';
/** A closed hour boundary before the simulator's now, so every read sees the same data. */
export const END = '2024-03-01T00:00:00Z';

/** `overrides.markets`, like MARKETS, in simulator codes: the config gets the exchange's own. */
export function scenarioConfig(
  source: SourceUnderTest,
  sim: RunningSimulator,
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  const {markets = MARKETS, ...rest} = overrides as {markets?: string[]};
  return {
    start_date: START,
    end_date: END,
    markets: configMarkets(source, markets),
    // 24-hour windows: six checkpoints per market, so a fault can strike mid-read.
    page_size: 24,
    requests_per_second: source.maxRps,
    max_attempts: 5,
    request_timeout_seconds: 5,
    api_base_url: source.baseUrl(sim),
    ...rest,
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
  const expected = expectedRecordSet(sim, source, markets, START, END);
  expect(sortedRows(set)).toEqual(sortedRows(expected));
  return {catalog, set};
}

/** True once every market has a cursor: each has read a window, so a later empty page is suspicious. */
export function everyMarketStarted(
  source: SourceUnderTest,
  cursors: Record<string, string>,
  markets = MARKETS
): boolean {
  return configMarkets(source, markets).every((m) => cursors[m] !== undefined);
}
