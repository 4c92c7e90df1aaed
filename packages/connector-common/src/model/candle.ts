/**
 * The one normalized hourly candle every exchange source emits (stream `candles_hourly`).
 *
 * Decimal quantities are strings holding the exact decimal the exchange sent (canonical form:
 * no exponent, no trailing fractional zeros), because KRW traded values reach 1e13 with 8
 * decimals and would lose digits as float64. Destinations cast them to NUMERIC/DECIMAL.
 */
export interface Candle {
  /** Exchange id, lower case: `upbit`, `bithumb`. */
  readonly exchange: string;
  /** The exchange's own market code, e.g. `KRW-BTC`. Primary key part. */
  readonly market: string;
  readonly base_currency: string;
  readonly quote_currency: string;
  /** Candle start, UTC, `YYYY-MM-DDTHH:00:00Z`. Primary key part and cursor. */
  readonly candle_start_utc: string;
  /** The same instant as KST wall clock with offset, `YYYY-MM-DDTHH:00:00+09:00`. */
  readonly candle_start_kst: string;
  /** The KST calendar day (00:00-24:00 KST) the hour belongs to, `YYYY-MM-DD`. */
  readonly kst_date: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Traded quantity of the base asset. */
  readonly volume_base: string;
  /** Traded value in the quote currency (KRW for KRW markets). */
  readonly traded_value_quote: string;
  /** True when traded_value_quote was estimated (e.g. volume x close) rather than reported. */
  readonly traded_value_is_estimated: boolean;
  /** Last trade (or last tick stored) in the hour, UTC ISO-8601 with milliseconds; null if unknown. */
  readonly last_trade_at_utc: string | null;
  /** Which API produced the row, e.g. `upbit_v1`. */
  readonly source_api: string;
}

export const CANDLE_STREAM = 'candles_hourly';
export const CANDLE_PRIMARY_KEY: ReadonlyArray<ReadonlyArray<string>> = [
  ['market'],
  ['candle_start_utc'],
];
export const CANDLE_CURSOR_FIELD = 'candle_start_utc';

const decimal = (description: string) => ({
  type: 'string',
  pattern: '^-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?$',
  description: `${description} Exact decimal as a string.`,
});

export const candleJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: true,
  required: [
    'exchange',
    'market',
    'base_currency',
    'quote_currency',
    'candle_start_utc',
    'candle_start_kst',
    'kst_date',
    'open',
    'high',
    'low',
    'close',
    'volume_base',
    'traded_value_quote',
    'traded_value_is_estimated',
    'last_trade_at_utc',
    'source_api',
  ],
  properties: {
    exchange: {type: 'string', description: 'Exchange id, lower case.'},
    market: {type: 'string', description: "The exchange's market code, e.g. KRW-BTC."},
    base_currency: {type: 'string'},
    quote_currency: {type: 'string'},
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
    traded_value_is_estimated: {type: 'boolean'},
    last_trade_at_utc: {type: ['string', 'null'], format: 'date-time'},
    source_api: {type: 'string'},
  },
} as const;
