/**
 * Faults injected mid-read (once every market has checkpointed). Transient faults must be
 * retried away: exit 0 and exactly the clean data set. Permanent faults must stop the read
 * with a TRACE ERROR naming the cause, emit no invalid record, and leave a state from which
 * a resume (fault cleared) completes the data set.
 */
import type {ConfiguredAirbyteCatalog} from '@korea-candles/connector-common/testing';
import type {FaultRule, RunningSimulator} from '@korea-candles/exchange-simulator';

import {candleCursors, explain} from './helpers/connector';
import {duplicateKeys, recordSet, sortedRows, type CandleData} from './helpers/records';
import {cleanRun, everyMarketStarted, scenarioConfig} from './helpers/scenario';
import {startTestSimulator} from './helpers/simulator';
import {SOURCES, type SourceUnderTest} from './helpers/sources';
import {streamingRead, type StreamingReadRun} from './helpers/streaming-read';

type Rule = Omit<FaultRule, 'exchange' | 'endpoint'>;

interface TransientCase {
  name: string;
  rules: Rule[];
  config?: Record<string, unknown>;
}

const TRANSIENT: TransientCase[] = [
  {name: 'a burst of HTTP 503 gateway pages', rules: [{kind: 'http5xx', status: 503, count: 3}]},
  {name: 'HTTP 500 error envelopes', rules: [{kind: 'http5xx', status: 500, count: 2}]},
  {name: 'connection resets', rules: [{kind: 'reset', count: 2}]},
  {
    name: 'a request that never answers (timeout)',
    rules: [{kind: 'timeout', count: 1}],
    config: {request_timeout_seconds: 1},
  },
  {name: 'truncated JSON bodies', rules: [{kind: 'truncated', count: 2}]},
  {name: 'malformed JSON bodies', rules: [{kind: 'malformed', count: 2}]},
  {name: 'empty pages (count counts hour slots)', rules: [{kind: 'emptyPage', count: 2}]},
];

/** Runs a read that gets `rules` (candle endpoint of this exchange) once every market has started. */
function readWithFaultMidway(
  source: SourceUnderTest,
  sim: RunningSimulator,
  catalog: ConfiguredAirbyteCatalog,
  rules: Rule[],
  config: Record<string, unknown>,
  state?: Parameters<typeof streamingRead>[1]['state']
): Promise<StreamingReadRun> {
  let injected = false;
  return streamingRead(source, {
    config,
    catalog,
    ...(state === undefined ? {} : {state}),
    onCheckpoint: (_n, cursors) => {
      if (injected || !everyMarketStarted(cursors)) return;
      injected = true;
      sim.setFaults(rules.map((r) => ({...r, exchange: source.exchange, endpoint: 'candles'})));
    },
  });
}

describe.each(SOURCES)('$exchange: faults', (source) => {
  let sim: RunningSimulator;
  let catalog: ConfiguredAirbyteCatalog;
  let clean: Map<string, CandleData>;

  beforeAll(async () => {
    sim = await startTestSimulator();
    ({catalog, set: clean} = await cleanRun(source, sim));
  }, 60_000);
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  describe('transient: retried away, same data set as a clean run, exit 0', () => {
    it.each(TRANSIENT)('$name', async ({rules, config}) => {
      const read = await readWithFaultMidway(
        source,
        sim,
        catalog,
        rules,
        scenarioConfig(source, sim, config)
      );
      const injected = sim.stats().faultsInjected;
      for (const rule of rules) expect(injected[rule.kind]).toBe(rule.count);
      if (read.exitCode !== 0) throw new Error(explain(read));
      expect(duplicateKeys(read.records)).toEqual([]);
      expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(clean));
    });
  });

  describe('permanent: TRACE ERROR naming the cause, resumable state', () => {
    const PERMANENT: Array<{name: string; rule: Rule; cause: RegExp}> = [
      {
        name: 'a renamed field',
        rule: {kind: 'renameField', field: 'trade_price', renameTo: 'close_price'},
        cause: /trade_price/,
      },
      {
        name: 'a number sent as a string',
        rule: {kind: 'numberAsString', field: 'candle_acc_trade_price'},
        cause: /candle_acc_trade_price/,
      },
      {
        name: 'an error envelope with HTTP 200 that persists',
        rule: {kind: 'errorIn200'},
        cause: source.exchange === 'bithumb' ? /invalid_parameter/ : /server_error/,
      },
    ];

    it.each(PERMANENT)('$name', async ({rule, cause}) => {
      const config = scenarioConfig(source, sim, {max_attempts: 3});
      const failed = await readWithFaultMidway(source, sim, catalog, [rule], config);
      expect(sim.stats().faultsInjected[rule.kind]).toBeGreaterThan(0);
      await expectFailedThenResumed(failed, cause, config);
    });
  });

  /**
   * The failed run must exit non-zero with the cause named, have checkpointed before the fault
   * (else there is nothing to resume), and a resume without the fault must complete the data.
   */
  async function expectFailedThenResumed(
    failed: StreamingReadRun,
    cause: RegExp,
    config: Record<string, unknown>
  ): Promise<void> {
    expect(failed.exitCode).not.toBe(0);
    expect(failed.errors.join('\n')).toMatch(cause);
    const cursors = candleCursors(failed.nextState);
    expect(Object.keys(cursors).sort()).toEqual([...MARKETS_OF(config)].sort());

    sim.reset();
    const resumed = await streamingRead(source, {config, catalog, state: failed.nextState});
    if (resumed.exitCode !== 0) throw new Error(explain(resumed));
    const union = recordSet([...failed.records, ...resumed.records]);
    expect(sortedRows(union)).toEqual(sortedRows(clean));
  }
});

function MARKETS_OF(config: Record<string, unknown>): string[] {
  return config.markets as string[];
}
