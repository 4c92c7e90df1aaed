import {
  configuredCatalog,
  type InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import {type RunningSimulator, startSimulator} from '@korea-candles/exchange-simulator';
import Decimal from 'decimal.js';

import {korbit} from '../src/korbit';

/**
 * The source against the simulator's Korbit over real HTTP, compared with the simulator's
 * ground truth: every traded hour once, exact decimals, and the typical-price estimate. Then
 * again with the simulator breaking one of the unverified facts at a time (docs/sources/
 * korbit-candles.md): the answer must not change.
 */
const NOW = '2024-02-10T05:20:00Z';
const FROM = '2024-02-06T00:00:00Z';
const MARKETS = ['btc_krw', 'eth_krw'];

const Exact = Decimal.clone({precision: 100, rounding: Decimal.ROUND_HALF_EVEN});
/** volume x (H + L + C) / 3, half-even to 8 places, without trailing zeros. */
function estimate(c: {volume: string; high: string; low: string; close: string}): string {
  const fixed = new Exact(c.volume)
    .times(new Exact(c.high).plus(c.low).plus(c.close))
    .div(3)
    .toFixed(8);
  return fixed.replace(/\.?0+$/, '');
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({port: 0, clock: {now: NOW}, latencyMs: 0});
});
afterAll(() => sim.close());
afterEach(() => sim.clearBreaks());

function read(pageSize: number): Promise<InProcessRun> {
  return runInProcess(
    korbit,
    'read',
    {
      config: {
        start_date: FROM,
        markets: MARKETS,
        api_base_url: sim.korbitUrl,
        page_size: pageSize,
      },
      catalog: configuredCatalog(['candles_hourly', 'incremental']),
    },
    NOW
  );
}

function expected(market: string) {
  // Up to and including the open hour 05:00 (partial at 05:20), oldest first.
  return sim
    .expectedApiCandles('korbit', market, FROM, '2024-02-10T06:00:00Z')
    .map((c) => ({
      candle_start_utc: new Date(c.timestamp).toISOString().replace('.000Z', 'Z'),
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume_base: c.volume,
      traded_value_quote: estimate(c),
      traded_value_is_estimated: true,
    }))
    .reverse();
}

function records(result: InProcessRun, market: string) {
  return result.records
    .filter((r) => r.data.market === market)
    .map((r) => ({
      candle_start_utc: r.data.candle_start_utc,
      open: r.data.open,
      high: r.data.high,
      low: r.data.low,
      close: r.data.close,
      volume_base: r.data.volume_base,
      traded_value_quote: r.data.traded_value_quote,
      traded_value_is_estimated: r.data.traded_value_is_estimated,
    }));
}

function expectGroundTruth(result: InProcessRun): void {
  expect(result.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
  expect(result.code).toBe(0);
  for (const market of MARKETS) {
    const want = expected(market);
    expect(want.length).toBeGreaterThan(24);
    expect(records(result, market)).toEqual(want);
  }
}

describe('Korbit source against the simulator', () => {
  it('reads every traded hour once with exact decimals and the typical-price estimate', async () => {
    expectGroundTruth(await read(24));
  });

  it.each([
    ['order-reversed', 'rows newest first'],
    ['bound-flipped', '`end` exclusive'],
    ['count-slots', '`limit` counting hour slots'],
  ])('gives the same records when the simulator breaks a fact: %s (%s)', async (mode) => {
    sim.setBreaks([{mode, exchange: 'korbit'}] as Parameters<RunningSimulator['setBreaks']>[0]);
    expectGroundTruth(await read(24));
  });

  it('lists stopped pairs as markets with their trading status', async () => {
    const result = await runInProcess(
      korbit,
      'read',
      {
        config: {start_date: FROM, api_base_url: sim.korbitUrl},
        catalog: configuredCatalog(['markets', 'full_refresh']),
      },
      NOW
    );
    expect(result.code).toBe(0);
    const statuses = new Map(result.records.map((r) => [r.data.market, r.data.trading_status]));
    expect([...statuses.keys()].sort()).toEqual(
      sim
        .listedMarkets('korbit')
        .map((code) => code.split('-').reverse().join('_').toLowerCase())
        .sort()
    );
    expect(statuses.get('btc_krw')).toBe('launched');
    // The simulator's halted pair (KRW-LINK by default) stays listed as stopped.
    expect(statuses.get('link_krw')).toBe('stopped');
  });
});
