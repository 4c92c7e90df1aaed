/** A market as listed by the exchange (stream `markets`, full refresh). */
export interface Market {
  readonly exchange: string;
  /** The exchange's own market code, e.g. `KRW-BTC`. Primary key. */
  readonly market: string;
  readonly base_currency: string;
  readonly quote_currency: string;
  readonly korean_name: string | null;
  readonly english_name: string | null;
  /**
   * The exchange's own warning designation (투자유의: Upbit `market_event.warning`, Bithumb
   * `market_warning` other than `NONE`). Caution flags do not set it: they are in `cautions`.
   */
  readonly warning: boolean;
  /**
   * The exchange's caution (투자주의) flags that are on, by the exchange's own names (Upbit
   * `market_event.caution`, e.g. `GLOBAL_PRICE_DIFFERENCES`); `[]` when it sends flags and none
   * is on; null when this exchange (or this row) sends no caution flags at all. Every record
   * the sources emit has it; optional here (as in the JSON schema) because it was added later.
   */
  readonly cautions?: readonly string[] | null;
  /** The exchange's warning details as sent (shape differs per exchange). */
  readonly warning_details: Readonly<Record<string, unknown>> | null;
  /**
   * The exchange's own trading status of the market, as sent (Korbit: `launched`, or `stopped`
   * for a pair kept in the list after trading stopped). Absent or null where the exchange lists
   * only tradable markets and sends no status (Upbit, Bithumb). Not a warning: a stopped market
   * is not flagged through `warning`.
   */
  readonly trading_status?: string | null;
}

export const MARKET_STREAM = 'markets';

export const marketJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: true,
  required: ['exchange', 'market', 'base_currency', 'quote_currency', 'warning'],
  properties: {
    exchange: {type: 'string'},
    market: {type: 'string'},
    base_currency: {type: 'string'},
    quote_currency: {type: 'string'},
    korean_name: {type: ['string', 'null']},
    english_name: {type: ['string', 'null']},
    warning: {type: 'boolean'},
    cautions: {type: ['array', 'null'], items: {type: 'string'}},
    warning_details: {type: ['object', 'null']},
    trading_status: {type: ['string', 'null']},
  },
} as const;
