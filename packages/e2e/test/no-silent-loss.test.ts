/**
 * Issue 11 ("no hour lost in silence"), at the process level: every way a sync used to lose
 * hours or die without a TRACE now either reads every hour or fails the stream (INCOMPLETE,
 * TRACE ERROR, non-zero exit) with the cursor left where the data stops.
 */
import type {ConfiguredAirbyteCatalog} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';
import {spawn} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {candleCursors, configuredCatalog, explain} from './helpers/connector';
import {expectedRecordSet, recordSet, sortedRows} from './helpers/records';
import {END, MARKETS, scenarioConfig, START} from './helpers/scenario';
import {startTestSimulator} from './helpers/simulator';
import {BITHUMB, SOURCES} from './helpers/sources';
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

describe.each(SOURCES)('$exchange: a 404 for a market the list still shows', (source) => {
  let sim: RunningSimulator;
  let catalog: ConfiguredAirbyteCatalog;
  beforeAll(async () => {
    sim = await startTestSimulator();
    catalog = await configuredCatalog(source, scenarioConfig(source, sim));
  }, 60_000);
  afterAll(() => sim.close());

  it('fails the stream (never a silent skip), and a later sync reads the market', async () => {
    const config = scenarioConfig(source, sim);
    sim.setFaults([
      {kind: 'notFound', market: 'KRW-XRP', exchange: source.exchange, endpoint: 'candles'},
    ]);
    const failed = await streamingRead(source, {config, catalog});
    expect(sim.stats().faultsInjected.notFound).toBeGreaterThan(0);
    expect(failed.exitCode).toBe(1);
    expect(failed.errors.join('\n')).toMatch(/404 "Code not found" for the candles of KRW-XRP/);
    expect(candleCursors(failed.nextState)['KRW-XRP']).toBeUndefined();

    sim.reset();
    const resumed = await streamingRead(source, {config, catalog, state: failed.nextState});
    if (resumed.exitCode !== 0) throw new Error(explain(resumed));
    const want = expectedRecordSet(sim, source.exchange, MARKETS, START, END);
    expect(sortedRows(recordSet([...failed.records, ...resumed.records]))).toEqual(
      sortedRows(want)
    );
  });
});
