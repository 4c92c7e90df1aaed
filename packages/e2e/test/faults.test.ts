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
  /** What the simulator's `count` counts (default: hour slots). */
  countMode?: 'candles';
}

const TRANSIENT: TransientCase[] = [
  {
    name: 'HTTP 503 gateway pages, then a 500 error envelope',
    rules: [
      {kind: 'http5xx', status: 503, count: 2},
      {kind: 'http5xx', status: 500, count: 1},
    ],
  },
  {name: 'connection resets', rules: [{kind: 'reset', count: 2}]},
  {
    name: 'a request that never answers (timeout)',
    rules: [{kind: 'timeout', count: 1}],
    config: {request_timeout_seconds: 1},
  },
  {name: 'truncated JSON bodies', rules: [{kind: 'truncated', count: 2}]},
  {name: 'malformed JSON bodies', rules: [{kind: 'malformed', count: 2}]},
  {name: 'empty pages (count counts hour slots)', rules: [{kind: 'emptyPage', count: 2}]},
  {
    name: 'empty pages (count counts candles)',
    rules: [{kind: 'emptyPage', count: 2}],
    countMode: 'candles',
  },
];

/** What each exchange's error envelope (the simulator's `errorIn200`) names. */
const ERROR_IN_200: Record<SourceUnderTest['exchange'], RegExp> = {
  upbit: /server_error/,
  bithumb: /invalid_parameter/,
  coinone: /107/,
  korbit: /TRY_AGAIN/,
};

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
      if (injected || !everyMarketStarted(source, cursors)) return;
      injected = true;
      sim.setFaults(rules.map((r) => ({...r, exchange: source.exchange, endpoint: 'candles'})));
    },
  });
}

describe.each(SOURCES)('$exchange: faults', (source) => {
  let sim: RunningSimulator;
  /** Same data as `sim`, but `count` counts existing candles, not hour slots. */
  let candleCountingSim: RunningSimulator;
  let catalog: ConfiguredAirbyteCatalog;
  let clean: Map<string, CandleData>;

  beforeAll(async () => {
    sim = await startTestSimulator();
    candleCountingSim = await startTestSimulator({countMode: 'candles'});
    ({catalog, set: clean} = await cleanRun(source, sim));
  }, 60_000);
  afterAll(async () => {
    await sim.close();
    await candleCountingSim.close();
  });
  beforeEach(() => {
    sim.reset();
    candleCountingSim.reset();
  });

  describe('transient: retried away, same data set as a clean run, exit 0', () => {
    it.each(TRANSIENT)('$name', async ({rules, config, countMode}) => {
      const server = countMode === 'candles' ? candleCountingSim : sim;
      const read = await readWithFaultMidway(
        source,
        server,
        catalog,
        rules,
        scenarioConfig(source, server, config)
      );
      expectAllInjected(server, rules);
      if (read.exitCode !== 0) throw new Error(explain(read));
      expect(duplicateKeys(read.records)).toEqual([]);
      expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(clean));
    });
  });

  /**
   * Regression (fixed in 865c467): a market's FIRST window has nothing before it, so one empty
   * answer there used to be believed as "no trades" and its hours were skipped for good (exit
   * 0, no warning). KRW-BTC trades every hour, so all 24 hours below must come back.
   */
  it("an empty page for a market's first window loses no hour", async () => {
    const config = scenarioConfig(source, sim, {
      markets: ['KRW-BTC'],
      start_date: '2024-02-29T00:00:00Z',
    });
    sim.setFaults([{kind: 'emptyPage', count: 1, exchange: source.exchange, endpoint: 'candles'}]);
    const read = await streamingRead(source, {config, catalog});
    expect(sim.stats().faultsInjected.emptyPage).toBe(1);
    expect(read.exitCode).toBe(0);
    const want = [...clean.values()].filter(
      (r) =>
        r.market === source.marketCode('KRW-BTC') && r.candle_start_utc >= '2024-02-29T00:00:00Z'
    );
    expect(want).toHaveLength(24);
    expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(recordSet(want)));
  });

  describe('permanent: TRACE ERROR naming the cause, resumable state', () => {
    // Upbit and Bithumb send numbers as JSON numbers; Coinone and Korbit send prices as strings
    // and only `timestamp` as a number.
    const upbitLike = source.exchange === 'upbit' || source.exchange === 'bithumb';
    const price = upbitLike ? 'trade_price' : 'close';
    const number = upbitLike ? 'candle_acc_trade_price' : 'timestamp';
    const PERMANENT: Array<{name: string; rule: Rule; cause: RegExp}> = [
      {
        name: 'a renamed field',
        rule: {kind: 'renameField', field: price, renameTo: 'close_price_renamed'},
        cause: new RegExp(price),
      },
      {
        name: 'a number sent as a string',
        rule: {kind: 'numberAsString', field: number},
        cause: new RegExp(number),
      },
      {
        name: 'an error envelope with HTTP 200 that persists',
        rule: {kind: 'errorIn200'},
        cause: ERROR_IN_200[source.exchange],
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

/** Every fault of a counted rule fired (else the scenario tested nothing). */
function expectAllInjected(sim: RunningSimulator, rules: Rule[]): void {
  const stats = sim.stats();
  const byKind = new Map<string, number>();
  const byStatus = new Map<string, number>();
  for (const r of rules) {
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.count!);
    if (r.status !== undefined) byStatus.set(String(r.status), r.count!);
  }
  for (const [kind, n] of byKind)
    expect([kind, stats.faultsInjected[kind as Rule['kind']]]).toEqual([kind, n]);
  for (const [status, n] of byStatus)
    expect([status, stats.responsesByStatus[status]]).toEqual([status, n]);
}

function MARKETS_OF(config: Record<string, unknown>): string[] {
  return config.markets as string[];
}
