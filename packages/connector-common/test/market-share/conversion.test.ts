import {totalOf} from '../../src/market-share/breakdown';
import {candle} from './fixtures';
import {reportOf} from './helpers';

const H0 = '2025-01-01T00:00:00Z'; // 09:00 KST, KST day 2025-01-01

function hour(report: ReturnType<typeof reportOf>, hourUtc: string, exchange = 'upbit') {
  const h = report.hourly.find(
    (x) =>
      x.exchange === exchange && new Date(x.hourMs).toISOString() === hourUtc.replace('Z', '.000Z')
  );
  if (!h) throw new Error(`no hour ${hourUtc}`);
  return h;
}

describe('KRW normalization', () => {
  it('converts a BTC-quoted market at the KRW-BTC hour value / volume and a USDT-quoted one via KRW-USDT', () => {
    const report = reportOf([
      // KRW-BTC rate = 1,500,000,000 / 10 = 150,000,000 KRW per BTC
      candle({market: 'KRW-BTC', hour: H0, value: '1500000000', volume: '10', close: '149000000'}),
      // 2.5 BTC x 150,000,000 = 375,000,000 KRW
      candle({market: 'BTC-ETH', hour: H0, value: '2.5', volume: '70'}),
      // KRW-USDT rate = 29,000,000 / 20,000 = 1,450 KRW per USDT
      candle({market: 'KRW-USDT', hour: H0, value: '29000000', volume: '20000', close: '1460'}),
      // 1,234.5 USDT x 1,450 = 1,790,025 KRW
      candle({market: 'USDT-XRP', hour: H0, value: '1234.5', volume: '500'}),
      candle({market: 'KRW-XRP', hour: H0, value: '100000000.5'}),
    ]);
    const h = hour(report, H0);
    // exact: 1,500,000,000 + 29,000,000 + 100,000,000.5 = 1,629,000,000.5
    expect(h.value.exact.toFixed()).toBe('1629000000.5');
    // converted: 375,000,000 + 1,790,025 = 376,790,025
    expect(h.value.converted.toFixed()).toBe('376790025');
    expect(totalOf(h.value).toFixed()).toBe('2005790025.5');
    expect([h.value.candlesExact, h.value.candlesConverted, h.value.candlesExcluded]).toEqual([
      3, 2, 0,
    ]);
    // Per asset, each converted market lands on its base currency.
    const eth = report.assets.find((a) => a.base === 'ETH');
    expect(eth?.value.converted.toFixed()).toBe('375000000');
    const xrp = report.assets.find((a) => a.base === 'XRP');
    // 100,000,000.5 exact + 1,790,025 converted
    expect(totalOf(xrp!.value).toFixed()).toBe('101790025.5');
  });

  it('multiplies before dividing, so a repeating rate does not drift', () => {
    const report = reportOf([
      // rate 1000 / 3 = 333.333... KRW per BTC
      candle({market: 'KRW-BTC', hour: H0, value: '1000', volume: '3'}),
      // 0.3 x 1000 / 3 = 100 exactly (rounding the rate first would give 99.9999999999)
      candle({market: 'BTC-ETH', hour: H0, value: '0.3'}),
      // 1 x 1000 / 3 = 333.333333333... -> 8 places, half-even: 333.33333333
      candle({market: 'BTC-XRP', hour: H0, value: '1'}),
    ]);
    expect(report.assets.find((a) => a.base === 'ETH')?.value.converted.toFixed()).toBe('100');
    expect(report.assets.find((a) => a.base === 'XRP')?.value.converted.toFixed()).toBe(
      '333.33333333'
    );
    // hour total = 1000 + 100 + 333.33333333
    expect(totalOf(hour(report, H0).value).toFixed()).toBe('1433.33333333');
  });

  it('falls back to the KRW-BTC close when that hour traded no volume', () => {
    const report = reportOf([
      candle({market: 'KRW-BTC', hour: H0, value: '0', volume: '0', close: '151000000'}),
      // 0.1 BTC x close 151,000,000 = 15,100,000 KRW
      candle({market: 'BTC-ETH', hour: H0, value: '0.1'}),
    ]);
    const h = hour(report, H0);
    expect(h.value.converted.toFixed()).toBe('15100000');
    expect(h.value.candlesConverted).toBe(1);
  });

  it('with carrying disabled, excludes and counts a candle whose quote has no KRW rate that hour', () => {
    const report = reportOf(
      [
        candle({market: 'KRW-BTC', hour: H0, value: '1500000000', volume: '10'}),
        // 01:00Z has no KRW-BTC candle: no rate, even though 00:00Z had one
        candle({market: 'KRW-XRP', hour: '2025-01-01T01:00:00Z', value: '5000'}),
        candle({market: 'BTC-ETH', hour: '2025-01-01T01:00:00Z', value: '0.2'}),
        candle({market: 'USDT-ETH', hour: '2025-01-01T01:00:00Z', value: '7'}),
        // ETH is not a convertible quote at all
        candle({market: 'ETH-XYZ', hour: '2025-01-01T01:00:00Z', value: '3'}),
      ],
      ['BTC', 'USDT'],
      0
    );
    const h = hour(report, '2025-01-01T01:00:00Z');
    expect(totalOf(h.value).toFixed()).toBe('5000');
    expect(h.value.candlesExcluded).toBe(3);
    expect(h.value.excludedByQuote).toEqual({BTC: 1, USDT: 1, ETH: 1});
    expect(h.markets).toBe(4);
    const day = report.daily.find((d) => d.exchange === 'upbit');
    expect(day?.value.candlesExcluded).toBe(3);
    // A period with excluded candles is not complete, though its shares still sum to 1.
    expect(report.hourlyShares.find((s) => s.period === '2025-01-01T01:00:00Z')).toMatchObject({
      share: '1.000000',
      complete: false,
    });
  });

  it("converts an hour without a KRW-<quote> candle at that market's last close, flagged as carried, within the bound", () => {
    const H1 = '2025-01-01T01:00:00Z';
    const H7 = '2025-01-01T07:00:00Z';
    const report = reportOf([
      // KRW-BTC traded at 00:00Z (close 149,000,000), then nobody traded it for hours.
      candle({market: 'KRW-BTC', hour: H0, value: '1500000000', volume: '10', close: '149000000'}),
      // 01:00Z: 0.2 BTC x the last close 149,000,000 = 29,800,000 KRW (not the 00:00Z vwap)
      candle({market: 'BTC-ETH', hour: H1, value: '0.2'}),
      // 07:00Z is 7 hours after the last KRW-BTC candle: older than the 6-hour bound, excluded
      candle({market: 'BTC-ETH', hour: H7, value: '0.3'}),
      candle({market: 'KRW-XRP', hour: H7, value: '5'}),
    ]);
    const h1 = hour(report, H1);
    expect(h1.value.converted.toFixed()).toBe('29800000');
    expect([
      h1.value.candlesConverted,
      h1.value.candlesCarriedRate,
      h1.value.candlesExcluded,
    ]).toEqual([1, 1, 0]);
    const h7 = hour(report, H7);
    expect(totalOf(h7.value).toFixed()).toBe('5');
    expect(h7.value.excludedByQuote).toEqual({BTC: 1});
    // A period whose only conversion was carried stays complete; the excluded one does not.
    expect(report.hourlyShares.find((s) => s.period === H1)?.complete).toBe(true);
    expect(report.hourlyShares.find((s) => s.period === H7)?.complete).toBe(false);
  });

  it('keeps estimated values flagged, including values converted at an estimated rate', () => {
    const report = reportOf([
      // Korbit reports no value: volume x close estimates, flagged by the source
      candle({
        exchange: 'korbit',
        market: 'KRW-BTC',
        hour: H0,
        value: '300000000',
        volume: '2',
        estimated: true,
      }),
      candle({exchange: 'korbit', market: 'KRW-ETH', hour: H0, value: '400', estimated: false}),
      // 0.5 BTC x (300,000,000 / 2) = 75,000,000, estimated because the rate is
      candle({exchange: 'korbit', market: 'BTC-ETH', hour: H0, value: '0.5'}),
    ]);
    const h = hour(report, H0, 'korbit');
    expect(h.value.exact.toFixed()).toBe('400');
    expect(h.value.converted.toFixed()).toBe('0');
    // 300,000,000 + 75,000,000
    expect(h.value.estimated.toFixed()).toBe('375000000');
    expect([h.value.candlesExact, h.value.candlesConverted, h.value.candlesEstimated]).toEqual([
      1, 0, 2,
    ]);
  });
});
