/**
 * SIGKILL mid-read, then resume from the last STATE that reached stdout, until a run
 * completes. Nothing may be lost, and anything read twice must lie in the lookback window
 * the resume started from (the only overlap the design allows).
 */
import type {StreamStateInput} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {candleCursors, configuredCatalog, explain} from './helpers/connector';
import {
  duplicateKeys,
  expectedRecordSet,
  keyOf,
  recordSet,
  sortedRows,
  type CandleData,
} from './helpers/records';
import {startTestSimulator} from './helpers/simulator';
import {configMarkets, SOURCES} from './helpers/sources';
import {streamingRead} from './helpers/streaming-read';

const MARKETS = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP', 'BTC-XRP'];
const START = '2024-02-24T00:00:00Z';
const END = '2024-03-01T00:00:00Z';
const LOOKBACK_HOURS = 3;
/** Kill the 1st, 2nd and 3rd run right after their 1st, 5th and 20th candle STATE; the 4th runs to the end. */
const KILL_AFTER = [1, 5, 20];
const HOUR_MS = 3_600_000;

describe.each(SOURCES)('$exchange: SIGKILL and resume', (source) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // A little latency so the process is still busy when it is killed.
    sim = await startTestSimulator({latencyMs: 20});
  });
  afterAll(() => sim.close());

  it('loses no hour across kills, and re-reads only inside the lookback window', async () => {
    const config = {
      start_date: START,
      end_date: END,
      markets: configMarkets(source, MARKETS),
      page_size: 12,
      lookback_hours: LOOKBACK_HOURS,
      requests_per_second: source.maxRps,
      api_base_url: source.baseUrl(sim),
    };
    const catalog = await configuredCatalog(source, config);
    const runs: Array<{records: CandleData[]; from?: StreamStateInput[]}> = [];
    let state: StreamStateInput[] | undefined;

    for (const killAfter of [...KILL_AFTER, undefined]) {
      const read = await streamingRead(source, {
        config,
        catalog,
        ...(state === undefined ? {} : {state}),
        onCheckpoint: (n) => (n === killAfter ? 'kill' : undefined),
      });
      if (killAfter === undefined) {
        if (read.exitCode !== 0) throw new Error(`final run: ${explain(read)}`);
      } else {
        // The read must still have been running: a kill after the end proves nothing.
        expect({killedAt: read.killedAt, exitCode: read.exitCode}).toEqual({
          killedAt: killAfter,
          exitCode: 137,
        });
      }
      expect(duplicateKeys(read.records)).toEqual([]);
      runs.push({records: read.records, ...(state === undefined ? {} : {from: state})});
      // The platform saves the last state it received; without one the next run starts over.
      if (read.nextState.length > 0) state = read.nextState;
    }

    const all = runs.flatMap((r) => r.records);
    const expected = expectedRecordSet(sim, source, MARKETS, START, END);
    expect(sortedRows(recordSet(all))).toEqual(sortedRows(expected));
    expect(outsideLookback(runs)).toEqual([]);
    // The kills cost something only if a resume re-read anything; it must have.
    expect(all.length).toBeGreaterThan(expected.size);
  }, 180_000);
});

/** Keys a run emitted again although they lie before (its input cursor - lookback). */
function outsideLookback(
  runs: ReadonlyArray<{records: CandleData[]; from?: StreamStateInput[]}>
): string[] {
  const seen = new Set<string>();
  const violations: string[] = [];
  for (const [i, run] of runs.entries()) {
    const cursors = run.from === undefined ? {} : candleCursors(run.from);
    for (const record of run.records) {
      const key = keyOf(record);
      if (seen.has(key)) {
        const cursor = cursors[record.market];
        const lookbackFrom =
          cursor === undefined ? undefined : Date.parse(cursor) - LOOKBACK_HOURS * HOUR_MS;
        if (lookbackFrom === undefined || Date.parse(record.candle_start_utc) < lookbackFrom) {
          violations.push(`run ${i + 1} re-emitted ${key} (its cursor: ${cursor ?? 'none'})`);
        }
      }
    }
    for (const record of run.records) seen.add(keyOf(record));
  }
  return violations;
}
