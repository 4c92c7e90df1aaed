import {totalOf} from '../../src/market-share/breakdown';
import {ExchangeHour} from '../../src/market-share/aggregate';
import {exchangeSpans} from '../../src/market-share/coverage';
import {candle, kstDayHours} from './fixtures';
import {reportOf} from './helpers';

describe('KST days and coverage', () => {
  it('puts 14:00Z and 15:00Z of the same UTC date in different KST days', () => {
    const report = reportOf([
      // 14:00Z = 23:00 KST on 2025-01-01; 15:00Z = 00:00 KST on 2025-01-02
      candle({market: 'KRW-BTC', hour: '2025-01-01T14:00:00Z', value: '100'}),
      candle({market: 'KRW-BTC', hour: '2025-01-01T15:00:00Z', value: '200'}),
    ]);
    expect(report.daily.map((d) => [d.kstDate, totalOf(d.value).toFixed()])).toEqual([
      ['2025-01-01', '100'],
      ['2025-01-02', '200'],
    ]);
    // The input covers one hour of each day: both are edge days, not gaps.
    expect(
      report.daily.map((d) => [d.hoursPresent, d.hoursExpected, d.isEdgeDay, d.isComplete])
    ).toEqual([
      [1, 1, true, false],
      [1, 1, true, false],
    ]);
  });

  it('shows a missing exchange-hour as 23/24, still sums shares to 1 over present data, and flags the day', () => {
    const day = kstDayHours('2025-01-01');
    const missing = '2025-01-01T03:00:00Z'; // 12:00 KST
    const report = reportOf([
      ...day.map((hour) => candle({exchange: 'upbit', market: 'KRW-BTC', hour, value: '3'})),
      ...day
        .filter((hour) => hour !== missing)
        .map((hour) => candle({exchange: 'bithumb', market: 'KRW-BTC', hour, value: '1'})),
    ]);
    const bithumb = report.daily.find((d) => d.exchange === 'bithumb');
    expect(bithumb).toMatchObject({
      hoursPresent: 23,
      hoursExpected: 24,
      missingHoursKst: [12],
      isComplete: false,
    });
    expect(report.daily.find((d) => d.exchange === 'upbit')).toMatchObject({
      hoursPresent: 24,
      isComplete: true,
    });
    // upbit 24 x 3 = 72, bithumb 23 x 1 = 23, total 95.
    // 72/95 = 0.7578947..: floor 757894, remainder 72e6 mod 95 = 70
    // 23/95 = 0.2421052..: floor 242105, remainder 23e6 mod 95 = 25
    // 757894 + 242105 = 999999: the one leftover unit goes to the larger remainder (upbit).
    const shares = report.dailyShares.map((s) => [s.exchange, s.share, s.complete]);
    expect(shares).toEqual([
      ['bithumb', '0.242105', false],
      ['upbit', '0.757895', false],
    ]);
    // In the missing hour upbit holds 100% of what is present, and the row says bithumb is missing.
    expect(report.hourlyShares.filter((s) => s.period === missing)).toEqual([
      expect.objectContaining({
        exchange: 'upbit',
        share: '1.000000',
        exchangesMissing: ['bithumb'],
        complete: false,
      }),
    ]);
    // Any other hour is complete: 3/4 and 1/4.
    expect(
      report.hourlyShares.filter((s) => s.period === day[0]).map((s) => [s.share, s.complete])
    ).toEqual([
      ['0.250000', true],
      ['0.750000', true],
    ]);
  });

  it('expects only the hours inside the input at its edges, and shows a fully missing day', () => {
    // upbit from 2025-01-01 10:00 KST (01:00Z) to 2025-01-03 00:00 KST, nothing on 2025-01-02
    const report = reportOf([
      candle({market: 'KRW-BTC', hour: '2025-01-01T01:00:00Z', value: '1'}),
      candle({market: 'KRW-BTC', hour: '2025-01-02T15:00:00Z', value: '1'}),
    ]);
    expect(
      report.daily.map((d) => [d.kstDate, d.hoursPresent, d.hoursExpected, d.isEdgeDay])
    ).toEqual([
      ['2025-01-01', 1, 14, true], // 10:00..23:00 KST are inside the input
      ['2025-01-02', 0, 24, false], // a whole day missing is a gap, not a quiet day
      ['2025-01-03', 1, 1, true],
    ]);
    expect(report.daily[1]?.missingHoursKst).toHaveLength(24);
  });
});

describe('long inputs', () => {
  it('finds the span of more hours than a spread call can take as arguments', () => {
    // 200,000 hours (~23 years); Math.min(...hours) overflows the call stack at this size.
    const start = Date.parse('2016-01-01T00:00:00Z');
    const byHour = new Map<number, ExchangeHour>();
    for (let i = 0; i < 200_000; i++) byHour.set(start + i * 3_600_000, {} as ExchangeHour);
    const spans = exchangeSpans({
      exchanges: ['upbit'],
      hours: new Map([['upbit', byHour]]),
      assetDays: [],
      dayMarkets: new Map(),
    });
    expect(spans.get('upbit')).toEqual({
      firstHourMs: start,
      lastHourMs: start + 199_999 * 3_600_000,
    });
  });
});
