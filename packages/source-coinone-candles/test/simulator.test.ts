import {configuredCatalog, runInProcess} from '@korea-candles/connector-common/testing';
import {type RunningSimulator, startSimulator} from '@korea-candles/exchange-simulator';

import {coinone} from '../src/coinone';

/**
 * The connector in this process against the simulator's Coinone over real HTTP, compared
 * candle for candle with the simulator's ground truth, also with the simulator breaking each
 * undocumented assumption the connector must not depend on.
 */
const NOW = '2024-02-10T05:20:00Z';
const START = '2024-02-05T00:00:00Z';
const END = '2024-02-10T06:00:00Z'; // end of the open hour

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({port: 0, seed: 42, clock: {now: NOW}});
});
afterAll(() => sim.close());
afterEach(() => sim.setBreaks([]));

function expected(market: string) {
  return sim
    .expectedApiCandles('coinone', market, START, END)
    .map((c) => ({
      market,
      candle_start_utc: new Date(c.timestamp).toISOString().replace('.000Z', 'Z'),
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume_base: c.target_volume,
      traded_value_quote: c.quote_volume,
    }))
    .reverse();
}

async function read() {
  const run = await runInProcess(
    coinone,
    'read',
    {
      config: {
        start_date: START,
        markets: ['KRW-BTC', 'KRW-XRP'],
        api_base_url: sim.coinoneUrl,
        page_size: 48,
        requests_per_second: 20,
      },
      catalog: configuredCatalog(['candles_hourly', 'incremental']),
    },
    NOW
  );
  expect(run.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
  expect(run.code).toBe(0);
  const of = (market: string) =>
    run.records
      .map((r) => r.data)
      .filter((d) => d.market === market)
      .map((d) => ({
        market: d.market,
        candle_start_utc: d.candle_start_utc,
        open: d.open,
        high: d.high,
        low: d.low,
        close: d.close,
        volume_base: d.volume_base,
        traded_value_quote: d.traded_value_quote,
      }));
  return {btc: of('KRW-BTC'), xrp: of('KRW-XRP')};
}

describe('Coinone against the simulator', () => {
  it('reads every candle the simulator holds, exactly, once, oldest first', async () => {
    const {btc, xrp} = await read();
    expect(btc.length).toBeGreaterThan(100);
    expect(xrp.length).toBeLessThan(btc.length); // hours without trades: no row
    expect(btc).toEqual(expected('KRW-BTC'));
    expect(xrp).toEqual(expected('KRW-XRP'));
  });

  it.each(['order-reversed', 'bound-flipped', 'count-slots'] as const)(
    'reads the same candles when the simulator breaks an assumption: %s',
    async (mode) => {
      sim.setBreaks([{mode, exchange: 'coinone'}]);
      const {btc, xrp} = await read();
      expect(btc).toEqual(expected('KRW-BTC'));
      expect(xrp).toEqual(expected('KRW-XRP'));
    }
  );

  it('emits zero candles as Coinone sends them, if it sends them for hours without trades', async () => {
    sim.setBreaks([{mode: 'empty-hours-zero', exchange: 'coinone'}]);
    const {xrp} = await read();
    const truth = expected('KRW-XRP');
    const traded = new Set(truth.map((c) => c.candle_start_utc));
    const zero = xrp.filter((c) => !traded.has(c.candle_start_utc));
    expect(zero.length).toBeGreaterThan(0);
    expect(xrp.filter((c) => traded.has(c.candle_start_utc))).toEqual(truth);
    for (const c of zero) {
      expect(c).toMatchObject({
        volume_base: '0',
        traded_value_quote: '0',
        open: c.close,
        high: c.close,
      });
    }
  });
});
