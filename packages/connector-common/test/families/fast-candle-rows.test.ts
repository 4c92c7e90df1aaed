import {parseJsonExact} from '../../src/json/json-number';
import {upbitCompatibleCandles} from '../../src/families/upbit-compatible';
import {fastUpbitCompatibleRows} from '../../src/families/upbit-compatible/fast-candle-rows';
import {candlePage, candleRow} from '../../src/families/upbit-compatible/fixtures';

/** What zod makes of a body, in the fast path's shape; undefined when zod rejects it. */
function viaZod(body: unknown) {
  const result = upbitCompatibleCandles.safeParse(body);
  if (!result.success) return undefined;
  return result.data.map((row) => ({
    market: row.market,
    startMs: row.candle_date_time_utc,
    open: row.opening_price,
    high: row.high_price,
    low: row.low_price,
    close: row.trade_price,
    tradedValue: row.candle_acc_trade_price,
    volume: row.candle_acc_trade_volume,
    timestamp: row.timestamp,
  }));
}

const base = JSON.parse(candleRow('KRW-BTC', {utc: '2024-01-09T20:00:00'})) as Record<
  string,
  unknown
>;

/** Each field replaced by values zod accepts or rejects (raw JSON, numbers kept as written). */
const REPLACEMENTS: Record<string, string[]> = {
  market: ['"KRW-ETH"', '5', 'null', '""'],
  candle_date_time_utc: [
    '"2024-01-09T20:30:00"',
    '"2024-02-30T00:00:00"',
    '"2024-01-09T20:00:00Z"',
    '"2024-01-09T21:00:00"',
    '1704830400000',
  ],
  candle_date_time_kst: ['"2024-01-10T05:00:00"', '"2024-01-10T06:00:00"', '"2024-01-09T20:00:00"'],
  opening_price: ['"58000000"', '-1.50', '1e-8', '0', '0.000', 'null', '58000000.10'],
  high_price: ['1E+3', '0.50'],
  low_price: ['-0.0'],
  trade_price: ['true'],
  timestamp: ['1.5', '-1', '9007199254740993', '"1704830400000"', '1e3'],
  candle_acc_trade_price: ['-5', '0', '37189906239683.17623', '-0.000'],
  candle_acc_trade_volume: ['-0.1', '2.5e-7', '640'],
  unit: ['60.0', '61', '"60"', '60'],
};

function rowWith(field: string, raw: string | undefined): string {
  const parts = Object.keys(base).flatMap((key) => {
    if (key !== field) return [`${JSON.stringify(key)}:${rawOf(key)}`];
    return raw === undefined ? [] : [`${JSON.stringify(key)}:${raw}`];
  });
  return `{${parts.join(',')}}`;
}

const ORIGINAL = candleRow('KRW-BTC', {utc: '2024-01-09T20:00:00'});
function rawOf(key: string): string {
  const match = new RegExp(`"${key}":("[^"]*"|[^,}]+)`).exec(ORIGINAL);
  return match![1]!;
}

describe('the fast candle-row check agrees with the zod schema', () => {
  it('gives the same rows for a valid page', () => {
    const page = candlePage('KRW-BTC', [
      {utc: '2024-01-09T20:00:00'},
      {utc: '2024-01-09T21:00:00', open: '1.50000000', value: '0.00000000'},
    ]);
    const body = parseJsonExact(page);
    const fast = fastUpbitCompatibleRows(body);
    expect(fast).toBeDefined();
    expect(fast).toEqual(viaZod(parseJsonExact(page)));
  });

  const cases = Object.entries(REPLACEMENTS).flatMap(([field, values]) => [
    ...values.map((v) => [field, v] as const),
    [field, undefined] as const,
  ]);
  test.each(cases)('with %s = %s: rejected by both, or the same row', (field, raw) => {
    const text = `[${rowWith(field, raw)}]`;
    const zod = viaZod(parseJsonExact(text));
    const fast = fastUpbitCompatibleRows(parseJsonExact(text));
    if (zod === undefined) expect(fast).toBeUndefined();
    // The fast path may pass a row to zod (an exponent); when it answers, it answers as zod.
    if (fast !== undefined) expect(fast).toEqual(zod);
  });

  it('leaves bodies that are not arrays of objects to zod', () => {
    for (const text of ['{}', '[[]]', '[null]', '["row"]', 'null']) {
      expect(fastUpbitCompatibleRows(parseJsonExact(text))).toBeUndefined();
    }
  });
});
