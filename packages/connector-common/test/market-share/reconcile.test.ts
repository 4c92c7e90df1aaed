import {exchangeSpans} from '../../src/market-share/coverage';
import {MarketShareAggregator} from '../../src/market-share/aggregate';
import {
  DailyFigureError,
  parseDailyFigures,
  reconcileDailyFigures,
} from '../../src/market-share/reconcile';
import {parseCandleData} from '../../src/market-share/normalize';
import {Candle} from '../../src/model/candle';
import {candle} from './fixtures';

/**
 * Hourly KRW-BTC from 2024-12-31T15:00Z to 2025-01-01T23:00Z (33 hours) on both exchanges:
 * 7 per hour on UTC 2024-12-31 (15..23Z, 9 hours), 100 per hour on UTC 2025-01-01 (24 hours).
 *   UTC day 2025-01-01 (Upbit's day)      = 24 x 100          = 2400
 *   KST day 2025-01-01 (15Z..14Z, Bithumb) = 9 x 7 + 15 x 100 = 1563
 */
function hourlyInput(): Candle[] {
  const out: Candle[] = [];
  for (let i = 0; i < 33; i++) {
    const ms = Date.parse('2024-12-31T15:00:00Z') + i * 3_600_000;
    const hour = new Date(ms).toISOString().slice(0, 19) + 'Z';
    const value = i < 9 ? '7' : '100';
    out.push(candle({exchange: 'upbit', market: 'KRW-BTC', hour, value}));
    out.push(candle({exchange: 'bithumb', market: 'KRW-BTC', hour, value}));
  }
  return out;
}

function reconcile(figuresText: Record<string, string>, tolerance?: string) {
  const figures = Object.entries(figuresText).flatMap(([exchange, text]) =>
    parseDailyFigures(text, exchange, `${exchange}.json`)
  );
  const agg = new MarketShareAggregator({
    convertQuotes: new Set(['BTC']),
    watchMarkets: new Set(figures.map((f) => `${f.exchange}\u0000${f.market}`)),
  });
  for (const c of hourlyInput()) {
    const p = parseCandleData(c);
    if (p.ok) agg.add(p.candle);
  }
  const spans = exchangeSpans(agg.finish());
  return reconcileDailyFigures(
    figures,
    (e, m) => agg.watched.get(`${e}\u0000${m}`),
    spans,
    tolerance
  );
}

const day = (utc: string, price: string) =>
  `{"market":"KRW-BTC","candle_date_time_utc":"${utc}","candle_date_time_kst":"x","candle_acc_trade_price":${price},"prev_closing_price":1.0}`;

describe('reconciliation with native day candles', () => {
  it('reads an Upbit day as a UTC day and a Bithumb day as a KST day', () => {
    const rows = reconcile({
      upbit: `[${day('2025-01-01T00:00:00', '2400.00000000')}]`,
      bithumb: day('2024-12-31T15:00:00', '1563') + '\n',
    });
    expect(
      rows.map((r) => [r.exchange, r.window, r.hourlySum.toFixed(), r.hoursPresent, r.status])
    ).toEqual([
      ['upbit', 'utc_day', '2400', 24, 'ok'],
      ['bithumb', 'kst_day', '1563', 24, 'ok'],
    ]);
  });

  it('flags a day whose hourly sum disagrees beyond the tolerance', () => {
    const [row] = reconcile({upbit: day('2025-01-01T00:00:00', '2500')});
    // 2400 - 2500 = -100; -100 / 2500 = -0.04
    expect(row).toMatchObject({status: 'mismatch'});
    expect(row?.difference.toFixed()).toBe('-100');
    expect(row?.relativeDifference?.toFixed()).toBe('-0.04');
  });

  it('applies the relative tolerance', () => {
    // |2400 - 2400.001| / 2400.001 = 4.17e-7: within 1e-6, not within 0
    expect(reconcile({upbit: day('2025-01-01T00:00:00', '2400.001')}, '0.000001')[0]?.status).toBe(
      'ok'
    );
    expect(reconcile({upbit: day('2025-01-01T00:00:00', '2400.001')}, '0')[0]?.status).toBe(
      'mismatch'
    );
  });

  it('does not judge a day the hourly input only partly covers', () => {
    // The input ends at 2025-01-01T23:00Z; the Bithumb KST day 2025-01-02 runs to 2025-01-02T14:00Z.
    const [row] = reconcile({bithumb: day('2025-01-01T15:00:00', '900')});
    expect(row).toMatchObject({status: 'partial_input', hoursPresent: 9});
  });

  it('keeps day-candle values exact and names the bad field', () => {
    const [f] = parseDailyFigures(
      day('2025-01-01T00:00:00', '37189906239683.17623'),
      'upbit',
      'u.jsonl'
    );
    expect(f?.value.toFixed()).toBe('37189906239683.17623');
    expect(() =>
      parseDailyFigures(
        '{"market":"KRW-BTC","candle_date_time_utc":"2025-01-01T00:00:00"}',
        'upbit',
        'u.jsonl'
      )
    ).toThrow(
      new DailyFigureError(
        'u.jsonl:1: day candle field candle_acc_trade_price must be a non-negative number (or decimal string)'
      )
    );
  });
});
