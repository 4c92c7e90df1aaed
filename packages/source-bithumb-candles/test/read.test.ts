import {
  configuredCatalog,
  InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import {candlePage, hours} from '@korea-candles/connector-common/upbit-compatible/fixtures';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import nock from 'nock';

import {bithumb} from '../src/bithumb';

const BASE = 'https://api.bithumb.test';
const CANDLES = '/v1/candles/minutes/60';
const MARKETS = readFileSync(join(__dirname, 'fixtures/market-all.json'), 'utf8');
const NOW = '2024-01-10T00:30:00Z';
const catalog = configuredCatalog(['candles_hourly', 'incremental']);
const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: BASE,
  max_attempts: 3,
  ...extra,
});
const run = (command: string, files: object): Promise<InProcessRun> =>
  runInProcess(bithumb, command, files, NOW);

function marketList() {
  return nock(BASE).get('/v1/market/all').query({isDetails: 'true'}).reply(200, MARKETS, {
    'x-ratelimit-remaining': '149',
    'x-ratelimit-burst-capacity': '150',
    'x-ratelimit-replenish-rate': '150',
  });
}

/**
 * Bithumb's reading of `to`: a time with an offset is that instant; a bare time is KST.
 * Answers with the latest `count` candles before it, from a market that traded every hour.
 */
function bithumbTo(to: string): number {
  return /(Z|[+-]\d{2}:\d{2})$/.test(to)
    ? Date.parse(to)
    : Date.parse(`${to.replace(' ', 'T')}+09:00`);
}
const allHours = hours('2024-01-09T00:00:00', 25);
function candlesBefore(query: Record<string, string>): string {
  const before = bithumbTo(query.to!);
  const rows = allHours.filter((c) => Date.parse(`${c.utc}Z`) < before).slice(-Number(query.count));
  return candlePage(query.market!, rows);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('Bithumb candles_hourly read', () => {
  it('sends `to` with an explicit +09:00 offset, so Bithumb reads the intended instant', async () => {
    marketList();
    const seen: string[] = [];
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, (uri: unknown) => {
        // nock 15 hands the reply callback a fetch Request.
        const url = new URL(typeof uri === 'string' ? uri : (uri as Request).url, BASE);
        const query = Object.fromEntries(url.searchParams) as Record<string, string>;
        if (!query.to) throw new Error(`no "to" in ${uri}`);
        seen.push(query.to);
        return candlesBefore(query);
      });

    const result = await run('read', {config: config(), catalog});

    expect(result.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
    expect(result.code).toBe(0);
    expect(seen).toEqual(['2024-01-10T10:00:00+09:00']);
    // Were the offset dropped, Bithumb would read 01:00 as KST (16:00 UTC the day before)
    // and these five hours would be missing.
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T22:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(result.records[0]!.data).toMatchObject({
      exchange: 'bithumb',
      source_api: 'bithumb_v1',
      candle_start_kst: '2024-01-10T05:00:00+09:00',
      kst_date: '2024-01-10',
      traded_value_quote: '37189906239683.17623',
    });
  });

  it('fails the stream on an error body sent with HTTP 200, emitting nothing from it', async () => {
    marketList();
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, '{"error":{"name":"invalid_parameter","message":"잘못된 파라미터입니다."}}');

    const result = await run('read', {config: config(), catalog});

    expect(result.code).toBe(1);
    expect(result.records).toHaveLength(0);
    const error = result.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain('invalid_parameter');
    expect(error.stream_descriptor).toEqual({name: 'candles_hourly'});
  });

  it('reads market_warning into the markets stream', async () => {
    marketList();
    const result = await run('read', {
      config: config(),
      catalog: configuredCatalog(['markets', 'full_refresh']),
    });

    expect(result.code).toBe(0);
    const zil = result.records.find((r) => r.data.market === 'KRW-ZIL')!.data;
    expect(zil).toMatchObject({
      exchange: 'bithumb',
      // Bithumb's "CAUTION" is its 투자유의 designation, i.e. its warning; it has no caution flags.
      warning: true,
      cautions: null,
      warning_details: {market_warning: 'CAUTION'},
    });
    expect(result.records.find((r) => r.data.market === 'KRW-BTC')!.data).toMatchObject({
      warning: false,
      cautions: null,
    });
  });

  it('defaults to the documented 150 requests per second and refuses more', async () => {
    const spec = (await run('spec', {})).messages[0]!.spec;
    expect(spec.connectionSpecification.properties.requests_per_second).toMatchObject({
      default: 150,
      maximum: 150,
    });
    const check = await run('check', {config: config({requests_per_second: 200})});
    expect(check.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message:
        'config field "requests_per_second" must be at most 150, the limit Bithumb documents per IP.',
    });
  });
});
