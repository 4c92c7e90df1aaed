/**
 * Issue 11 ("no hour lost in silence"), at the process level: every way a sync used to lose
 * hours or die without a TRACE now either reads every hour or fails the stream (INCOMPLETE,
 * TRACE ERROR, non-zero exit) with the cursor left where the data stops.
 */
import type {
  ConfiguredAirbyteCatalog,
  StreamStateInput,
} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';
import {spawn} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {candleCursors, configuredCatalog, explain} from './helpers/connector';
import {
  CANDLE_STREAM,
  expectedRecordSet,
  recordSet,
  sortedRows,
  type CandleData,
} from './helpers/records';
import {cleanRun, END, MARKETS, scenarioConfig, START} from './helpers/scenario';
import {startTestSimulator} from './helpers/simulator';
import {BITHUMB, SOURCES, type SourceUnderTest} from './helpers/sources';
import {streamingRead} from './helpers/streaming-read';

describe('a failure while stdout drains slowly (Bithumb)', () => {
  let sim: RunningSimulator;
  let catalog: ConfiguredAirbyteCatalog;
  beforeAll(async () => {
    sim = await startTestSimulator();
    catalog = await configuredCatalog(BITHUMB, scenarioConfig(BITHUMB, sim));
  }, 60_000);
  afterAll(() => sim.close());

  it('ends in a TRACE error and INCOMPLETE, never an unhandled rejection', async () => {
    const config = scenarioConfig(BITHUMB, sim, {
      markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP', 'KRW-SOL', 'BTC-XRP', 'BTC-ETH'],
      start_date: '2024-01-01T00:00:00Z',
      page_size: 24,
    });
    let injected = false;
    const read = await streamingRead(BITHUMB, {
      config,
      catalog,
      lineDelayMs: 10,
      // By the fifth checkpoint the pipe is full and the connector waits for 'drain'.
      onCheckpoint: (n) => {
        if (injected || n < 5) return;
        injected = true;
        sim.setFaults([
          {kind: 'renameField', field: 'trade_price', exchange: 'bithumb', endpoint: 'candles'},
        ]);
      },
    });
    expect(sim.stats().faultsInjected.renameField).toBeGreaterThan(0);
    expect(read.stderr).not.toMatch(/handled asynchronously|UnhandledPromiseRejection|^\s+at /m);
    expect(read.exitCode).toBe(1);
    // streamingRead already checked the protocol: INCOMPLETE before the TRACE ERROR.
    expect(read.errors.join('\n')).toMatch(/trade_price/);
  });
});

describe('a closed pipe (`read ... | head -c 100`)', () => {
  let sim: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startTestSimulator({latencyMs: 5});
    dir = await mkdtemp(join(tmpdir(), 'e2e-pipe-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, {recursive: true, force: true});
  });

  it.each(SOURCES)(
    '$exchange: stops quietly and promptly, without a stack trace',
    async (source) => {
      const config = scenarioConfig(source, sim, {
        start_date: '2024-01-01T00:00:00Z',
        page_size: 24,
      });
      const catalog = await configuredCatalog(source, config);
      await writeFile(join(dir, 'config.json'), JSON.stringify(config));
      await writeFile(join(dir, 'catalog.json'), JSON.stringify(catalog));
      const child = spawn(
        process.execPath,
        [
          source.bin,
          'read',
          '--config',
          join(dir, 'config.json'),
          '--catalog',
          join(dir, 'catalog.json'),
        ],
        {stdio: ['ignore', 'pipe', 'pipe']}
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const started = Date.now();
      const ended = new Promise<{code: number | null; ms: number}>((resolve) =>
        child.on('close', (code) => resolve({code, ms: Date.now() - started}))
      );
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        // Like `head -c 100`: take 100 bytes, then close the pipe.
        let got = 0;
        await new Promise<void>((resolve) => {
          child.stdout.on('data', (chunk: Buffer) => {
            got += chunk.length;
            if (got >= 100) {
              child.stdout.destroy();
              resolve();
            }
          });
        });
        const closedAt = Date.now();
        const {code} = await ended;
        expect(stderr).not.toMatch(/EPIPE|Unhandled|^\s+at /m);
        expect(code).toBe(0);
        expect(Date.now() - closedAt).toBeLessThan(5_000);
      } finally {
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  );
});

const DISPLAY_NAME: Record<SourceUnderTest['exchange'], string> = {
  upbit: 'Upbit',
  bithumb: 'Bithumb',
  coinone: 'Coinone',
  korbit: 'Korbit',
};

/** Each exchange's "unknown market" answer, as the simulator's `notFound` fault sends it. */
const UNKNOWN_MARKET_ANSWER: Record<SourceUnderTest['exchange'], string> = {
  upbit: 'HTTP 404 error "404": Code not found',
  bithumb: 'HTTP 404 error "404": Code not found',
  coinone: 'HTTP 200 error "109": Unknown cryptocurrency pair',
  korbit: 'HTTP 400 error "INVALID_CURRENCY_PAIR": INVALID_CURRENCY_PAIR',
};

describe.each(SOURCES)(
  '$exchange: an unknown-market answer (Upbit/Bithumb 404) for a market the list still shows',
  (source) => {
    let sim: RunningSimulator;
    let catalog: ConfiguredAirbyteCatalog;
    beforeAll(async () => {
      sim = await startTestSimulator();
      catalog = await configuredCatalog(source, scenarioConfig(source, sim));
    }, 60_000);
    afterAll(() => sim.close());

    it('fails the stream (never a silent skip), and a later sync reads the market', async () => {
      const config = scenarioConfig(source, sim);
      const xrp = source.marketCode('KRW-XRP');
      sim.setFaults([
        {kind: 'notFound', market: xrp, exchange: source.exchange, endpoint: 'candles'},
      ]);
      const failed = await streamingRead(source, {config, catalog});
      expect(sim.stats().faultsInjected.notFound).toBeGreaterThan(0);
      expect(failed.exitCode).toBe(1);
      expect(failed.errors.join('\n')).toContain(
        `${DISPLAY_NAME[source.exchange]} says it does not know ${xrp} when asked for its candles ` +
          `(${UNKNOWN_MARKET_ANSWER[source.exchange]}), yet its market list still shows ${xrp}.`
      );
      expect(candleCursors(failed.nextState)[xrp]).toBeUndefined();

      sim.reset();
      const resumed = await streamingRead(source, {config, catalog, state: failed.nextState});
      if (resumed.exitCode !== 0) throw new Error(explain(resumed));
      const want = expectedRecordSet(sim, source, MARKETS, START, END);
      expect(sortedRows(recordSet([...failed.records, ...resumed.records]))).toEqual(
        sortedRows(want)
      );
    });
  }
);

/** A STATE input with these candle cursors, as a previous sync would have left it. */
function stateWithCursors(cursors: Record<string, string>): StreamStateInput[] {
  return [
    {
      type: 'STREAM',
      stream: {
        stream_descriptor: {name: CANDLE_STREAM},
        stream_state: {
          markets: Object.fromEntries(
            Object.entries(cursors).map(([m, c]) => [m, {candle_start_utc: c}])
          ),
        },
      },
    },
  ];
}

describe.each(SOURCES)(
  '$exchange: empty answers after a saved cursor or seen candles',
  (source) => {
    let sim: RunningSimulator;
    let catalog: ConfiguredAirbyteCatalog;
    let clean: Map<string, CandleData>;
    beforeAll(async () => {
      sim = await startTestSimulator();
      ({catalog, set: clean} = await cleanRun(source, sim));
    }, 60_000);
    afterAll(() => sim.close());
    beforeEach(() => sim.reset());

    const btc = source.marketCode('KRW-BTC');
    const xrp = source.marketCode('KRW-XRP');

    it('two empty answers in a row after a cursor a few hours old lose no hour', async () => {
      const config = scenarioConfig(source, sim, {markets: ['KRW-BTC'], lookback_hours: 3});
      const state = stateWithCursors({[btc]: '2024-02-29T20:00:00Z'});
      sim.setFaults([
        {
          kind: 'emptyPage',
          count: 2,
          market: btc,
          exchange: source.exchange,
          endpoint: 'candles',
        },
      ]);
      const read = await streamingRead(source, {config, catalog, state});
      expect(sim.stats().faultsInjected.emptyPage).toBe(2);
      if (read.exitCode !== 0) throw new Error(explain(read));
      // From the cursor minus the lookback (17:00) to END: KRW-BTC trades every hour.
      const want = [...clean.values()].filter(
        (r) => r.market === btc && r.candle_start_utc >= '2024-02-29T17:00:00Z'
      );
      expect(want).toHaveLength(7);
      expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(recordSet(want)));
      expect(candleCursors(read.nextState)[btc]).toBe('2024-02-29T23:00:00Z');
    });

    it('empty answers that persist mid-sync fail the stream, and a resume completes the data', async () => {
      const config = scenarioConfig(source, sim, {max_attempts: 3});
      // From KRW-XRP's third request on (its first two windows are answered): mid-read however
      // far ahead the connector requests.
      sim.setFaults([
        {kind: 'emptyPage', after: 2, market: xrp, exchange: source.exchange, endpoint: 'candles'},
      ]);
      const failed = await streamingRead(source, {config, catalog});
      expect(sim.stats().faultsInjected.emptyPage).toBeGreaterThan(0);
      expect(failed.exitCode).toBe(1);
      expect(failed.errors.join('\n')).toMatch(
        new RegExp(`answered no candles for ${xrp} from .* stays before`)
      );
      const cursors = candleCursors(failed.nextState);
      expect(cursors[xrp]! < '2024-02-29T23:00:00Z').toBe(true);
      // The other markets were read to the end.
      expect(cursors[btc]).toBe('2024-02-29T23:00:00Z');
      // Nothing after the cursor of KRW-XRP was claimed.
      const xrpEmitted = failed.records.filter((r) => r.market === xrp);
      expect(xrpEmitted.every((r) => r.candle_start_utc <= cursors[xrp]!)).toBe(true);

      sim.reset();
      const resumed = await streamingRead(source, {config, catalog, state: failed.nextState});
      if (resumed.exitCode !== 0) throw new Error(explain(resumed));
      expect(sortedRows(recordSet([...failed.records, ...resumed.records]))).toEqual(
        sortedRows(clean)
      );
    });
  }
);

describe.each(SOURCES)('$exchange: start_date long before the first candle', (source) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // An exchange whose `count` counts candles (as documented for Upbit: "the latest candles").
    sim = await startTestSimulator({countMode: 'candles'});
  });
  afterAll(() => sim.close());

  it('finds the first candle in a few requests and reads every hour from there', async () => {
    const markets = ['KRW-XRP', 'BTC-XRP'];
    const config = scenarioConfig(source, sim, {
      markets,
      start_date: '1900-01-01T00:00:00Z',
      page_size: 200,
    });
    const catalog = await configuredCatalog(source, config);
    const read = await streamingRead(source, {config, catalog, timeoutMs: 60_000});
    if (read.exitCode !== 0) throw new Error(explain(read));
    // Page by page from 1900 this was over 5,000 requests per market.
    expect(sim.stats().requests[source.exchange].candles).toBeLessThan(100);
    const want = expectedRecordSet(sim, source, markets, '2023-06-01T00:00:00Z', END);
    expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(want));
  }, 120_000);
});
