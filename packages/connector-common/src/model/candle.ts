/**
 * The one normalized hourly candle every exchange source emits (stream `candles_hourly`).
 * `candleJsonSchema` below is its only definition: discover emits it, and the `Candle` type is
 * derived from it, so a field added to one is in the other.
 *
 * Decimal quantities are strings holding the exact decimal the exchange sent (canonical form:
 * no exponent, no trailing fractional zeros), because KRW traded values reach 1e13 with 8
 * decimals and would lose digits as float64. Destinations cast them to NUMERIC/DECIMAL.
 */
export const CANDLE_STREAM = 'candles_hourly';
export const CANDLE_PRIMARY_KEY: ReadonlyArray<ReadonlyArray<string>> = [
  ['market'],
  ['candle_start_utc'],
];
export const CANDLE_CURSOR_FIELD = 'candle_start_utc';

const decimal = (description: string) => ({
  type: 'string' as const,
  pattern: '^-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?$',
  description: `${description} Exact decimal as a string.`,
});

const candleProperties = {
  exchange: {type: 'string', description: 'Exchange id, lower case.'},
  market: {type: 'string', description: "The exchange's market code, e.g. KRW-BTC."},
  base_currency: {type: 'string'},
  quote_currency: {type: 'string'},
  // Primary key part and cursor.
  candle_start_utc: {
    type: 'string',
    format: 'date-time',
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:00:00Z$',
    description: 'Start of the hour, UTC.',
  },
  candle_start_kst: {
    type: 'string',
    format: 'date-time',
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:00:00\\+09:00$',
    description: 'Start of the hour as KST wall clock.',
  },
  // The KST calendar day (00:00-24:00 KST) the hour belongs to.
  kst_date: {
    type: 'string',
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
    description: 'KST calendar day of the hour.',
  },
  open: decimal('Opening price.'),
  high: decimal('Highest price.'),
  low: decimal('Lowest price.'),
  close: decimal('Closing (last) price.'),
  volume_base: decimal('Traded quantity of the base asset.'),
  traded_value_quote: decimal('Traded value in the quote currency.'),
  // True when traded_value_quote was estimated (e.g. volume x close) rather than reported.
  traded_value_is_estimated: {type: 'boolean'},
  // Last trade (or last tick stored) in the hour, UTC with milliseconds; null if unknown.
  last_trade_at_utc: {type: ['string', 'null'], format: 'date-time'},
  // Which API produced the row, e.g. `upbit_v1`.
  source_api: {type: 'string'},
} as const;

type CandleField = keyof typeof candleProperties;

/** Every field is present in every record (a value the exchange lacks is null, not absent). */
export const candleJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: true,
  required: Object.keys(candleProperties) as CandleField[],
  properties: candleProperties,
} as const;

/** The TypeScript type of a JSON Schema `type` keyword (the few the candle uses). */
type JsonType<T> = T extends 'string'
  ? string
  : T extends 'boolean'
    ? boolean
    : T extends 'null'
      ? null
      : never;
type PropertyType<P> = P extends {readonly type: infer T}
  ? T extends ReadonlyArray<infer E>
    ? JsonType<E>
    : JsonType<T>
  : never;

/** One candle as a source emits it: every field of candleJsonSchema. */
export type Candle = {
  readonly [K in CandleField]: PropertyType<(typeof candleProperties)[K]>;
};

/**
 * Oldest hour first. The UTC texts have one fixed width (`toUtcIso`), so comparing texts
 * compares hours, without a `Date.parse` per comparison.
 */
export function byCandleStart(a: Candle, b: Candle): number {
  return a.candle_start_utc < b.candle_start_utc
    ? -1
    : a.candle_start_utc > b.candle_start_utc
      ? 1
      : 0;
}
