import {z} from 'zod';
import {D, Dec} from './decimal';
import {kstDateOf, parseHourUtc} from './time';

/** KRW values are reported to this many decimals after conversion from another quote currency. */
export const CONVERTED_DECIMALS = 8;
export const KRW = 'KRW';

const decimalText = z
  .string()
  .regex(
    /^(0|[1-9][0-9]*)(\.[0-9]+)?$/,
    'must be a non-negative plain decimal string such as "123.45"'
  );

/** The fields of a normalized Candle (model/candle.ts) that market share reads. */
const candleDataSchema = z.object({
  exchange: z.string().min(1),
  market: z.string().min(1),
  base_currency: z.string().min(1),
  quote_currency: z.string().min(1),
  candle_start_utc: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/, 'must be YYYY-MM-DDTHH:00:00Z'),
  kst_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  close: decimalText,
  volume_base: decimalText,
  traded_value_quote: decimalText,
  traded_value_is_estimated: z.boolean(),
});

/** One deduplicated hourly candle reduced to what the aggregates need; decimals stay text until summed. */
export interface ShareCandle {
  readonly exchange: string;
  readonly market: string;
  /** Upper-cased, so `btc` from one source and `BTC` from another are one asset. */
  readonly base: string;
  readonly quote: string;
  readonly hourMs: number;
  readonly value: string;
  readonly volume: string;
  readonly close: string;
  readonly estimated: boolean;
}

export type ParseResult =
  {ok: true; candle: ShareCandle} | {ok: false; field: string; message: string};

/** Validates the `data` of a candles_hourly RECORD; a failure names the field so the source can be fixed. */
export function parseCandleData(data: unknown): ParseResult {
  const parsed = candleDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      field: issue?.path.join('.') || '(record)',
      message: issue?.message ?? 'invalid candle',
    };
  }
  const c = parsed.data;
  const hourMs = parseHourUtc(c.candle_start_utc);
  if (hourMs === undefined) {
    return {
      ok: false,
      field: 'candle_start_utc',
      message: `"${c.candle_start_utc}" is not a real UTC hour`,
    };
  }
  if (c.kst_date !== undefined && c.kst_date !== kstDateOf(hourMs)) {
    return {
      ok: false,
      field: 'kst_date',
      message: `is ${c.kst_date} but candle_start_utc ${c.candle_start_utc} is on KST day ${kstDateOf(hourMs)}`,
    };
  }
  return {
    ok: true,
    candle: {
      exchange: c.exchange.toLowerCase(),
      market: c.market,
      base: c.base_currency.toUpperCase(),
      quote: c.quote_currency.toUpperCase(),
      hourMs,
      value: c.traded_value_quote,
      volume: c.volume_base,
      close: c.close,
      estimated: c.traded_value_is_estimated,
    },
  };
}

/** The KRW price of a quote currency in one exchange-hour, read from that exchange's KRW-<quote> candle. */
export interface KrwRate {
  readonly rate: Dec;
  /** `vwap` = the hour's traded value / volume; `close` = fallback when the hour traded no volume. */
  readonly source: 'vwap' | 'close';
  /** The reference candle's own value was estimated, so anything converted with it is too. */
  readonly estimated: boolean;
}

export interface ReferenceCandle {
  readonly value: string;
  readonly volume: string;
  readonly close: string;
  readonly estimated: boolean;
}

/**
 * value / volume is the hour's volume-weighted price, the rate at which the hour actually
 * traded; with volume 0 that ratio is undefined, so the close stands in. A zero close too means
 * there is no usable rate (undefined), and the caller excludes rather than guesses.
 */
export function krwRateOf(ref: ReferenceCandle): KrwRate | undefined {
  const volume = new D(ref.volume);
  if (!volume.isZero()) {
    return {rate: new D(ref.value).div(volume), source: 'vwap', estimated: ref.estimated};
  }
  const close = new D(ref.close);
  if (close.isZero()) return undefined;
  return {rate: close, source: 'close', estimated: ref.estimated};
}

/**
 * Converts a quote-currency amount to KRW. For the vwap rate this is amount x value / volume,
 * multiplied before dividing so there is a single rounding, to CONVERTED_DECIMALS places.
 */
export function toKrw(amountInQuote: Dec, ref: ReferenceCandle, rate: KrwRate): Dec {
  const krw =
    rate.source === 'vwap'
      ? amountInQuote.times(ref.value).div(ref.volume)
      : amountInQuote.times(rate.rate);
  return krw.toDecimalPlaces(CONVERTED_DECIMALS, D.ROUND_HALF_EVEN);
}
