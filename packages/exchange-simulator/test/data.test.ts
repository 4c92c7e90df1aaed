import {
  HOUR_MS,
  SimulatedExchanges,
  candleAt,
  expectedCandles,
  resolveData,
  tradesInHour,
} from '../src';

const FROM = '2024-01-01T00:00:00Z';
const TO = '2024-01-29T00:00:00Z';
const WEEK = '2024-01-08T00:00:00Z';
const num = (s: string) => Number(s);

describe('synthetic data', () => {
  const sim = new SimulatedExchanges({seed: 7});

  test('the same seed gives identical candles; another seed does not', () => {
    const a = expectedCandles('upbit', 'KRW-ETH', FROM, TO, {data: {seed: 7}});
    const b = expectedCandles('upbit', 'KRW-ETH', FROM, TO, {data: {seed: 7}});
    const c = expectedCandles('upbit', 'KRW-ETH', FROM, TO, {data: {seed: 8}});
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(600);
    expect(c[0]?.trade_price).not.toBe(a[0]?.trade_price);
  });

  test('OHLC is consistent, the VWAP lies inside the range and timestamps inside the hour', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const m of sim.allMarkets('upbit').concat(sim.allMarkets('bithumb'))) {
      for (const c of expectedCandles(m.exchange, m.market, FROM, WEEK, {data: {seed: 7}})) {
        checked++;
        const [o, h, l, cl] = [c.opening_price, c.high_price, c.low_price, c.trade_price].map(
          num
        ) as [number, number, number, number];
        const vwap = num(c.candle_acc_trade_price) / num(c.candle_acc_trade_volume);
        const start = Date.parse(`${c.candle_date_time_utc}Z`);
        const id = `${m.exchange} ${m.market} ${c.candle_date_time_utc}`;
        if (!(l <= Math.min(o, cl) && h >= Math.max(o, cl))) problems.push(`${id}: OHLC`);
        if (!(vwap >= l * 0.999999 && vwap <= h * 1.000001)) problems.push(`${id}: VWAP ${vwap}`);
        if (!(c.timestamp >= start && c.timestamp < start + HOUR_MS)) problems.push(`${id}: ts`);
        if (Date.parse(`${c.candle_date_time_kst}Z`) - start !== 9 * HOUR_MS)
          problems.push(`${id}: kst`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(2_500);
  });

  test('traded value is exactly the sum of price x quantity of the hour', () => {
    const m = sim.market('upbit', 'KRW-BTC')!;
    const hour = Date.parse('2024-01-05T03:00:00Z');
    const trades = tradesInHour(7, m, hour);
    const exact = trades.reduce((acc, t) => acc + t.price * t.qty, 0n);
    const candle = candleAt(7, m, hour, Number.MAX_SAFE_INTEGER)!;
    expect(candle.value).toBe((exact * 2n + 10n ** 8n) / (2n * 10n ** 8n));
    expect(candle.volume).toBe(trades.reduce((acc, t) => acc + t.qty, 0n));
    expect(candle.tradeCount).toBe(trades.length);
  });

  test('prices are plausible per quote currency', () => {
    const btc = expectedCandles('upbit', 'KRW-BTC', FROM, TO, {data: {seed: 7}});
    for (const c of btc) {
      expect(num(c.trade_price)).toBeGreaterThan(5e7);
      expect(num(c.trade_price)).toBeLessThan(2.5e8);
      // KRW-BTC trades thousands of millions of KRW per hour.
      expect(num(c.candle_acc_trade_price)).toBeGreaterThan(1e8);
    }
    for (const c of expectedCandles('upbit', 'BTC-XRP', FROM, TO, {data: {seed: 7}})) {
      expect(num(c.trade_price)).toBeLessThan(1e-4);
      expect(c.trade_price).toMatch(/^0\.0000\d{1,4}$/);
    }
  });

  test('quiet hours have no candle at all (never a zero candle); KRW-BTC trades every hour', () => {
    const hours = (TO_MS - FROM_MS) / HOUR_MS;
    const btc = expectedCandles('upbit', 'KRW-BTC', FROM, TO, {data: {seed: 7}});
    expect(btc).toHaveLength(hours);
    const thin = expectedCandles('upbit', 'BTC-SOL', FROM, TO, {data: {seed: 7}});
    expect(thin.length).toBeLessThan(hours * 0.9);
    expect(thin.length).toBeGreaterThan(hours * 0.3);
    for (const c of thin) expect(num(c.candle_acc_trade_volume)).toBeGreaterThan(0);
  });

  test('the open hour grows as the clock moves and is final once the hour is over', () => {
    const hour = '2024-01-10T12:00:00Z';
    const at = (now: string) =>
      expectedCandles('upbit', 'KRW-BTC', hour, '2024-01-10T13:00:00Z', {data: {seed: 7}, now})[0]!;
    const early = at('2024-01-10T12:20:00Z');
    const later = at('2024-01-10T12:50:00Z');
    const closed = at('2024-01-10T15:00:00Z');
    expect(early.opening_price).toBe(closed.opening_price);
    expect(num(early.candle_acc_trade_volume)).toBeLessThan(num(later.candle_acc_trade_volume));
    expect(later.timestamp).toBeGreaterThan(early.timestamp);
    expect(early.timestamp).toBeLessThanOrEqual(Date.parse('2024-01-10T12:20:00Z'));
    expect(at('2024-01-10T14:00:00Z')).toEqual(closed);
  });

  test('the delisted market has candles only before its delisting hour', () => {
    const data = resolveData({seed: 7});
    expect(data.delisting).toEqual({market: 'KRW-TRX', atMs: Date.parse('2024-01-15T00:00:00Z')});
    const trx = expectedCandles('upbit', 'KRW-TRX', FROM, TO, {data: {seed: 7}});
    expect(trx[0]!.candle_date_time_utc < '2024-01-15T00:00:00').toBe(true);
    expect(trx[0]!.candle_date_time_utc >= '2024-01-14T00:00:00').toBe(true);
  });

  test('market counts per quote currency are configurable and BTC is never BTC-quoted', () => {
    const small = new SimulatedExchanges({
      marketsPerQuote: {KRW: 2, BTC: 1, USDT: 1},
      delisting: null,
    });
    expect(small.allMarkets('bithumb').map((m) => m.market)).toEqual([
      'KRW-BTC',
      'KRW-ETH',
      'BTC-ETH',
      'USDT-BTC',
    ]);
    expect(() => new SimulatedExchanges({delisting: {market: 'KRW-NOPE', at: TO}})).toThrow(
      /delisting\.market: KRW-NOPE is not a generated market/
    );
  });
});

const FROM_MS = Date.parse(FROM);
const TO_MS = Date.parse(TO);
