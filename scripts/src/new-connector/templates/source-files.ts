import type {ConnectorNames} from '../exchange-name';
import {documentationUrl} from './package-files';

export const PARSING_ANCHOR = 'docs/adding-an-exchange.md#parsing';

/** The exact error a parser throws until it is written; the scaffolding test looks for it. */
export function notImplementedMessage(
  names: ConnectorNames,
  what: 'candle' | 'market-list'
): string {
  return `not implemented: write the ${names.id} ${what} parser in src/${names.id}.ts (see ${PARSING_ANCHOR})`;
}

export function indexTs(names: ConnectorNames): string {
  return (
    "export {connectionSpecification} from './connection-specification';\n" +
    `export {${names.exportName}} from './${names.id}';\n`
  );
}

/**
 * Until `npm run write-specs` replaces it with the spec's JSON Schema (once the package builds),
 * `spec` emits the schema at run time; `npm test` (write-specs --check) fails while it is stale.
 */
export function connectionSpecificationTs(): string {
  return `// Replaced by \`npm run write-specs\` (after \`npm run build\`) with the spec's JSON Schema, emitted
// from the config schema in connector-common. Until then \`spec\` emits it at run time, and
// \`npm test\` fails naming this file.
export const connectionSpecification: Record<string, unknown> | undefined = undefined;
`;
}

export function definitionTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  const pascal = exportName.charAt(0).toUpperCase() + exportName.slice(1);
  return `import type {
  ExchangeCandle,
  ExchangeDefinition,
  Market,
  MarketRef,
  RequestContext,
} from '@korea-candles/connector-common';

/**
 * ${displayName}'s public API. TODO (docs/adding-an-exchange.md#declare): replace every value
 * marked TODO with the exchange's documented fact, and say here where each fact comes from
 * (doc page, recorded response), as src/upbit.ts and src/bithumb.ts do. The generated tests
 * and the local exchange read these declarations: they ask, order and fail as declared here.
 */
export const ${exportName}: ExchangeDefinition = {
  id: '${id}',
  // TODO: the name shown in Airbyte and in every error message.
  displayName: '${displayName}',
  // TODO: which API produced the rows (written into every record), e.g. '${id}_v2'.
  sourceApi: '${id}_v1',
  // TODO: the API root. A .invalid host never resolves, so nothing is called before this is set.
  defaultBaseUrl: 'https://api.${id}.invalid',
  documentationUrl:
    '${documentationUrl(names)}',
  // TODO: how ${displayName} writes a market code; configured markets are checked against the
  // pattern. Upbit: QUOTE-BASE 'KRW-BTC'; Korbit: {pattern: '^[a-z0-9]+_[a-z0-9]+$',
  // form: 'lower-case base_quote', example: 'btc_krw'}.
  marketCode: {pattern: '^[A-Z0-9]+-[A-Z0-9]+$', form: 'QUOTE-BASE', example: 'KRW-BTC'},
  // TODO: the largest page the candle endpoint accepts (the limit parameter's maximum).
  maxPageSize: 200,
  rateLimits: {
    // TODO: the documented requests per second per IP of each group (a deliberately slow
    // placeholder until then). Per-minute limits: divide by 60.
    candles: {documentedRequestsPerSecond: 1},
    markets: {documentedRequestsPerSecond: 1},
  },
  // TODO: the parser of ${displayName}'s remaining-quota headers, if it sends any: write it in
  // src/quota-header.ts with a test (see source-upbit-candles), built from headerValue and
  // nonNegativeInt, or use ietfRateLimitHeader for IETF \`RateLimit\` headers. Leave undefined
  // if it sends none.
  quotaHeader: undefined,
  errors: {
    // TODO: where ${displayName} puts an error in a JSON body (with any HTTP status): the field
    // that marks an error (\`when\`: exists, \`equals\` or \`notEquals\` a value) and the paths of
    // its code and message. Upbit: {when: {path: ['error']}, code: ['error', 'name'],
    // message: ['error', 'message']}. Delete \`envelope\` if errors are plain text.
    envelope: {
      when: {path: ['TODO_error']},
      code: ['TODO_error', 'code'],
      message: ['TODO_error', 'message'],
    },
    // TODO: what the exchange's statuses and codes mean: 'unknown_market' (skipped with a
    // warning), 'transient' (retried), 'rate_limited' (paused and retried), 'blocked' (stop
    // at once), 'rejected' (a bug to report). 429 and 5xx need no declaration.
    byStatus: {},
    byCode: {},
  },
  // TODO: the market-list endpoint and its fixed query parameters.
  marketsRequest: {endpoint: '/TODO/market-list', params: {}},
  // TODO: how one window of hourly candles is asked (src/candle-request.ts in connector-common).
  candlesRequest: {
    // {market}, {base} and {quote} are filled in: '/public/v2/chart/{quote}/{base}'.
    path: '/TODO/hourly-candles',
    // The query parameter naming the market; delete it when the market is in the path.
    marketParam: 'market',
    // Sent with every request, e.g. {interval: '1h'}.
    fixedParams: {},
    limitParam: 'count',
    // The window end: its parameter, format ('epoch-ms', 'epoch-s', 'iso-utc', 'iso-kst')
    // and whether a candle starting exactly at it is included.
    end: {param: 'to', format: 'iso-utc', inclusive: false},
    // If the exchange takes a window start too, e.g.:
    // start: {param: 'start', format: 'epoch-ms', inclusive: true},
    // The documented row order: fixtures, the nock tests and the local exchange follow it.
    order: 'newest-first',
  },
  // TODO: 'reported' when rows carry the quote-currency traded value (the parser returns it as
  // tradedValueQuote); 'estimated-typical-price' when they carry base volume only.
  tradedValue: 'reported',
  parseMarkets: parse${pascal}Markets,
  parseCandles: parse${pascal}Candles,
};

/**
 * TODO: validate \`body\` (parsed by parseJsonExact: every JSON number is a JsonNumber) with the
 * schema in src/response-schemas.ts through parseResponse, and map each row to a Market whose
 * \`market\` is the exchange's code in the declared marketCode form. For an Upbit-shaped list
 * use parseUpbitCompatibleMarkets from @korea-candles/connector-common/upbit-compatible.
 */
export function parse${pascal}Markets(_body: unknown, _context: RequestContext): Market[] {
  throw new Error(
    '${notImplementedMessage(names, 'market-list')}'
  );
}

/**
 * TODO: validate \`body\` with the candle schema through parseResponse, reject a row of another
 * market than \`market\`, and return one ExchangeCandle per row: \`startMs\` (the UTC start of
 * its hour, never a last-trade time), the exact decimal strings the schema gives
 * (jsonDecimal/stringDecimal), \`tradedValueQuote\` when tradedValue is 'reported', and
 * \`lastTradeMs\` when the exchange says. The SDK adds the KST fields, the estimate, the source.
 */
export function parse${pascal}Candles(
  _body: unknown,
  _context: RequestContext,
  _market: MarketRef
): ExchangeCandle[] {
  throw new Error(
    '${notImplementedMessage(names, 'candle')}'
  );
}
`;
}

export function responseSchemasTs(names: ConnectorNames): string {
  const {exportName, displayName} = names;
  return `import {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
  stringDecimal,
  stringNonNegativeDecimal,
} from '@korea-candles/connector-common';
import {z} from 'zod';

/*
 * TODO (docs/adding-an-exchange.md#parsing): ${displayName}'s responses, field for field as the
 * API sends them. The fields below are placeholders showing the building blocks; replace them.
 * - A value sent as a JSON number: jsonDecimal() (exact string), jsonNonNegativeDecimal(),
 *   jsonInteger() (epoch milliseconds or seconds). A string there is rejected, naming the field.
 * - A value sent as a decimal string ("58100000.0"): stringDecimal(), stringNonNegativeDecimal().
 *   A JSON number there is rejected, naming the field.
 * - Upbit-shaped responses: delete this file and use @korea-candles/connector-common/upbit-compatible.
 */
export const ${exportName}CandleRow = z.object({
  timestamp: jsonInteger(),
  open: jsonDecimal(),
  high: jsonDecimal(),
  low: stringDecimal(),
  close: stringDecimal(),
  volume: stringNonNegativeDecimal(),
  value: jsonNonNegativeDecimal(),
});

/** TODO: the whole candle response: a bare array, or the envelope object that wraps the rows. */
export const ${exportName}CandlePage = z.array(${exportName}CandleRow);

/** TODO: one row of the market list: the exchange's market code, its currencies and names. */
export const ${exportName}MarketRow = z.object({
  market: z.string(),
  korean_name: z.string().nullish(),
  english_name: z.string().nullish(),
});

export const ${exportName}MarketList = z.array(${exportName}MarketRow);
`;
}
