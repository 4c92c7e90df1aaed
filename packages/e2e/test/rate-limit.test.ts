/**
 * Rate limits over real HTTP, with the simulator enforcing them: a backfill at the documented
 * rate draws no 429; 429 bursts are waited out; an IP block stops the read with a TRACE
 * ERROR naming it and a state that resumes once the block is lifted.
 */
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {candleCursors, configuredCatalog, explain, readConnector} from './helpers/connector';
import {expectedRecordSet, recordSet, sortedRows} from './helpers/records';
import {startTestSimulator} from './helpers/simulator';
import {
  BITHUMB,
  COINONE,
  configMarkets,
  KORBIT,
  UPBIT,
  type SourceUnderTest,
} from './helpers/sources';
import {burstFromSameIp} from './helpers/other-client';
import {streamingRead, type StreamingReadRun} from './helpers/streaming-read';

const MARKETS = ['KRW-BTC', 'KRW-ETH', 'BTC-XRP'];
/** The shorter read the burst and block scenarios use: 6 days, 18 candle requests. */
const SHORT_START = '2024-02-24T00:00:00Z';
const START = '2024-02-10T00:00:00Z';
const END = '2024-03-01T00:00:00Z';

function backfillConfig(
  source: SourceUnderTest,
  sim: RunningSimulator,
  rps: number | undefined,
  start = START
) {
  return {
    start_date: start,
    end_date: END,
    markets: configMarkets(source, MARKETS),
    // 20 days x 3 markets in 24-hour windows: 60 candle requests.
    page_size: 24,
    // Absent: the connector's default.
    ...(rps === undefined ? {} : {requests_per_second: rps}),
    max_attempts: 3,
    api_base_url: source.baseUrl(sim),
  };
}

function expectComplete(
  sim: RunningSimulator,
  source: SourceUnderTest,
  records: unknown[],
  start = START
) {
  const expected = expectedRecordSet(sim, source, MARKETS, start, END);
  expect(sortedRows(recordSet(records as never))).toEqual(sortedRows(expected));
}

describe('upbit: limits on (10/s per group, 418 block after repeated 429s)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({rateLimits: {enabled: true}});
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('backfills 60 requests at the documented rate without a single 429', async () => {
    const config = backfillConfig(UPBIT, sim, 10);
    const catalog = await configuredCatalog(UPBIT, config);
    sim.reset();
    const read = await readConnector(UPBIT, {config, catalog});
    if (read.exitCode !== 0) throw new Error(explain(read));
    const stats = sim.stats();
    expect(stats.requests.upbit.candles).toBeGreaterThanOrEqual(60);
    expect(stats.rateLimited429.upbit).toBe(0);
    expect(stats.blocked418).toBe(0);
    expectComplete(sim, UPBIT, read.records);
  }, 60_000);
});

/**
 * While the read runs (after its 2nd checkpoint), another client on the same IP bursts
 * `burst` requests; returns the read and the statuses the burst got.
 */
async function readWithBurst(
  source: SourceUnderTest,
  sim: RunningSimulator,
  config: Record<string, unknown>,
  burst: number,
  timeoutMs?: number
): Promise<{read: StreamingReadRun; burstStatuses: Record<number, number>}> {
  const catalog = await configuredCatalog(source, config);
  sim.reset();
  let burstDone: Promise<Record<number, number>> | undefined;
  const read = await streamingRead(source, {
    config,
    catalog,
    timeoutMs,
    onCheckpoint: (n) => {
      if (n === 2) burstDone = burstFromSameIp(source.baseUrl(sim), burst);
    },
  });
  if (burstDone === undefined) throw new Error('the read ended before its 2nd checkpoint');
  return {read, burstStatuses: await burstDone};
}

/** After a failed read: the block is lifted, a resume from its last state completes the data. */
async function expectResumable(
  source: SourceUnderTest,
  sim: RunningSimulator,
  config: Record<string, unknown>,
  failed: StreamingReadRun
) {
  expect(Object.keys(candleCursors(failed.nextState)).length).toBeGreaterThan(0);
  sim.reset();
  const catalog = await configuredCatalog(source, config);
  const resumed = await readConnector(source, {config, catalog, state: failed.nextState});
  if (resumed.exitCode !== 0) throw new Error(explain(resumed));
  expectComplete(sim, source, [...failed.records, ...resumed.records], SHORT_START);
}

describe('upbit: a 429 burst from another client on the IP', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // Many 429s without a block: this scenario is about waiting a burst out.
    sim = await startTestSimulator({rateLimits: {enabled: true, upbit: {abuse429Count: 10_000}}});
  });
  afterAll(() => sim.close());

  it('is waited out: exit 0, complete data', async () => {
    const config = backfillConfig(UPBIT, sim, 10, SHORT_START);
    const {read, burstStatuses} = await readWithBurst(UPBIT, sim, config, 30);
    expect(burstStatuses[429]).toBeGreaterThan(0);
    if (read.exitCode !== 0) throw new Error(explain(read));
    expect(sim.stats().rateLimited429.upbit).toBeGreaterThan(burstStatuses[429]!);
    expectComplete(sim, UPBIT, read.records, SHORT_START);
  }, 60_000);
});

describe('upbit: an IP block (418) started by another client mid-read', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({rateLimits: {enabled: true}});
  });
  afterAll(() => sim.close());

  it('fails naming the block, then resumes once it is lifted', async () => {
    const config = backfillConfig(UPBIT, sim, 10, SHORT_START);
    const {read, burstStatuses} = await readWithBurst(UPBIT, sim, config, 40);
    expect(sim.stats().blocksStarted.upbit).toBe(1);
    expect(burstStatuses[429]).toBeGreaterThan(0);
    expect(read.exitCode).not.toBe(0);
    expect(read.errors.join('\n')).toMatch(/418/);
    expect(read.errors.join('\n')).toMatch(/blocked/i);
    // A blocked IP must not be hammered: the stream stops instead of retrying into a longer block.
    const toConnector = sim.stats().blocked418 - (burstStatuses[418] ?? 0);
    expect(toConnector).toBeGreaterThan(0);
    // Only requests already sent when the block began may see it: after the first 418 the
    // limiter sends none of the windows still waiting for a permit.
    expect(toConnector).toBeLessThanOrEqual(MARKETS.length * 2);
    await expectResumable(UPBIT, sim, config, read);
  }, 60_000);
});

describe('bithumb: limits on (per-category window, the category closes after an excess)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({rateLimits: {enabled: true, bithumb: {perSecond: 150}}});
  });
  afterAll(() => sim.close());

  it('backfills at 150 requests/s without a 429', async () => {
    const config = backfillConfig(BITHUMB, sim, 150);
    const catalog = await configuredCatalog(BITHUMB, config);
    sim.reset();
    const read = await readConnector(BITHUMB, {config, catalog});
    if (read.exitCode !== 0) throw new Error(explain(read));
    expect(sim.stats().rateLimited429.bithumb).toBe(0);
    expectComplete(sim, BITHUMB, read.records);
  }, 60_000);

  it('waits out the minute a category is closed by another client: exit 0, complete data', async () => {
    // 10 requests/s: the read is still going when the burst closes the category (for the
    // simulator's minute, Bithumb's FAQ figure). Three attempts a request would all fail inside it.
    const config = backfillConfig(BITHUMB, sim, 10, SHORT_START);
    const startedAt = performance.now();
    const {read, burstStatuses} = await readWithBurst(BITHUMB, sim, config, 200, 120_000);
    expect(burstStatuses[429]).toBeGreaterThan(0);
    if (read.exitCode !== 0) throw new Error(explain(read));
    expectComplete(sim, BITHUMB, read.records, SHORT_START);
    // Nothing was sent into the closed category but what was already on its way: at most the
    // windows read ahead (2 a market) saw a 429, and the read took the minute.
    const toConnector = sim.stats().rateLimited429.bithumb - burstStatuses[429]!;
    expect(toConnector).toBeGreaterThan(0);
    expect(toConnector).toBeLessThanOrEqual(MARKETS.length * 2);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(60_000);
  }, 150_000);
});

describe('coinone: limits on (one public budget per IP per minute, refused for a minute after an excess)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // The older docs' 300 requests a minute: the budget the default 5/s is sized for.
    sim = await startTestSimulator({rateLimits: {enabled: true, coinone: {perMinute: 300}}});
  });
  afterAll(() => sim.close());

  it('backfills 360 requests at the default 5 requests/s without a single refusal', async () => {
    // Four-hour windows: 360 candle requests, over a minute at 5/s, so the sliding minute fills.
    const config = {...backfillConfig(COINONE, sim, undefined), page_size: 4};
    const catalog = await configuredCatalog(COINONE, config);
    sim.reset();
    const read = await readConnector(COINONE, {config, catalog, timeoutMs: 150_000});
    if (read.exitCode !== 0) throw new Error(explain(read));
    const stats = sim.stats();
    expect(stats.requests.coinone.candles).toBeGreaterThanOrEqual(360);
    expect(stats.rateLimited429.coinone).toBe(0);
    expectComplete(sim, COINONE, read.records);
  }, 180_000);
});

describe('korbit: limits on (50/s per IP, 429 with Retry-After)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({rateLimits: {enabled: true}});
  });
  afterAll(() => sim.close());

  it('backfills at the documented 50 requests/s without a single 429', async () => {
    const config = backfillConfig(KORBIT, sim, 50);
    // Four-hour windows: 360 candle requests, so the read runs at the limit for ~7 s.
    const hourly = {...config, page_size: 4};
    const catalog = await configuredCatalog(KORBIT, hourly);
    sim.reset();
    const read = await readConnector(KORBIT, {config: hourly, catalog, timeoutMs: 90_000});
    if (read.exitCode !== 0) throw new Error(explain(read));
    const stats = sim.stats();
    expect(stats.requests.korbit.candles).toBeGreaterThanOrEqual(360);
    expect(stats.rateLimited429.korbit).toBe(0);
    expectComplete(sim, KORBIT, read.records);
  }, 120_000);
});
