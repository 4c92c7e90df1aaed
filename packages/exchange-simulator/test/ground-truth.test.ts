import {
  SimulatedExchanges,
  expectedApiCandles,
  expectedCandles,
  startSimulator,
  universeCode,
} from '../src';

const FROM = '2024-01-01T00:00:00Z';
const TO = '2024-01-15T00:00:00Z';
const data = {seed: 7};

describe('the shared market universe and ground truth for Coinone and Korbit', () => {
  const sim = new SimulatedExchanges(data);

  test('Coinone and Korbit list KRW markets only; Korbit adds its halted pair', () => {
    const krw = sim
      .allMarkets('upbit')
      .filter((m) => m.quote === 'KRW')
      .map((m) => m.market);
    expect(sim.allMarkets('coinone').map((m) => m.market)).toEqual(krw);
    expect(sim.allMarkets('korbit').map((m) => m.market)).toEqual([...krw, 'KRW-LINK']);
    const link = sim.market('korbit', 'KRW-LINK')!;
    expect(link.halted).toBe(true);
    expect(new Date(link.delistedAtMs!).toISOString()).toBe('2024-01-08T00:00:00.000Z');
    // The delisting option reaches every exchange that lists the market.
    for (const ex of ['upbit', 'bithumb', 'coinone', 'korbit'] as const) {
      expect(sim.market(ex, 'KRW-TRX')!.delistedAtMs).toBe(Date.parse('2024-01-15T00:00:00Z'));
    }
    expect(() => new SimulatedExchanges({delisting: {market: 'KRW-LINK', at: TO}})).toThrow(
      /not a generated market/
    );
  });

  test('smaller exchanges trade less and have more hours without trades', () => {
    const value = (ex: 'upbit' | 'coinone') =>
      expectedCandles(ex, 'KRW-XRP', FROM, TO, {data}).reduce(
        (a, c) => a + Number(c.candle_acc_trade_price),
        0
      );
    expect(value('coinone')).toBeLessThan(value('upbit') / 10);
    const hours = (ex: 'upbit' | 'korbit') =>
      expectedApiCandles(ex, 'KRW-XRP', FROM, TO, {data}).length;
    expect(hours('korbit')).toBeLessThan(hours('upbit'));
    // The majors still trade every hour everywhere.
    expect(expectedApiCandles('korbit', 'KRW-BTC', FROM, TO, {data})).toHaveLength(14 * 24);
  });

  test('Coinone ground truth: raw fields, quote_volume = the exact traded value', () => {
    const rows = expectedApiCandles('coinone', 'KRW-ETH', FROM, TO, {data});
    const upbitShaped = expectedCandles('coinone', 'KRW-ETH', FROM, TO, {data});
    expect(rows).toHaveLength(upbitShaped.length);
    expect(Object.keys(rows[0]!)).toEqual([
      'timestamp',
      'open',
      'high',
      'low',
      'close',
      'target_volume',
      'quote_volume',
    ]);
    for (const [i, r] of rows.entries()) {
      const u = upbitShaped[i]!;
      expect(r.timestamp).toBe(Date.parse(`${u.candle_date_time_utc}Z`));
      expect([r.open, r.high, r.low, r.close, r.target_volume, r.quote_volume]).toEqual([
        u.opening_price,
        u.high_price,
        u.low_price,
        u.trade_price,
        u.candle_acc_trade_volume,
        u.candle_acc_trade_price,
      ]);
    }
    // The exchange's own spelling of the market is accepted.
    expect(expectedApiCandles('coinone', 'KRW/ETH', FROM, TO, {data})).toEqual(rows);
  });

  test('Korbit ground truth has no traded value; expectedCandles refuses Korbit', () => {
    const rows = expectedApiCandles('korbit', 'btc_krw', FROM, TO, {data});
    expect(Object.keys(rows[0]!)).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
    expect(rows[0]!.timestamp).toBeGreaterThan(rows[1]!.timestamp); // newest first
    expect(expectedApiCandles('korbit', 'KRW-BTC', FROM, TO, {data})).toEqual(rows);
    expect(() => expectedCandles('korbit', 'KRW-BTC', FROM, TO, {data})).toThrow(
      /Korbit reports no traded value; use expectedApiCandles/
    );
    expect(() => expectedApiCandles('korbit', 'KRW-NOPE', FROM, TO, {data})).toThrow(
      /not generated for korbit/
    );
    expect(universeCode('korbit', 'btc_krw')).toBe('KRW-BTC');
    expect(universeCode('coinone', 'krw/btc')).toBe('KRW-BTC');
  });

  test('a running simulator answers the same ground truth at its now', async () => {
    const running = await startSimulator({...data, clock: {now: '2024-01-10T05:20:00Z'}});
    try {
      const got = running.expectedApiCandles('korbit', 'KRW-ETH', FROM, '2024-02-01T00:00:00Z');
      expect(got[0]!.timestamp).toBe(Date.parse('2024-01-10T05:00:00Z'));
      expect(got.slice(1)).toEqual(
        expectedApiCandles('korbit', 'KRW-ETH', FROM, '2024-01-10T05:00:00Z', {data})
      );
      expect(running.listedMarkets('korbit')).toContain('KRW-LINK');
      // The same over HTTP.
      const q = new URLSearchParams({
        exchange: 'korbit',
        market: 'eth_krw',
        from: FROM,
        to: '2024-02-01T00:00:00Z',
      });
      const res = await fetch(`${running.url}/__admin/expected?${q.toString()}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        exchange: 'korbit',
        market: 'eth_krw',
        now: '2024-01-10T05:20:00.000Z',
        candles: got,
      });
      const bad = await fetch(`${running.url}/__admin/expected?exchange=kraken`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as {error: string}).error).toMatch(
        /exchange \(upbit\|bithumb\|coinone\|korbit\)/
      );
      const unknown = await fetch(
        `${running.url}/__admin/expected?${q.toString().replace('eth_krw', 'zzz_krw')}`
      );
      expect(unknown.status).toBe(400);
      expect(running.listedMarkets('coinone')).not.toContain('KRW-LINK');
    } finally {
      await running.close();
    }
  });
});
