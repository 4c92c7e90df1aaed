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
  return `export {${names.exportName}} from './${names.id}';\n`;
}

export function definitionTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  const pascal = exportName.charAt(0).toUpperCase() + exportName.slice(1);
  return `import type {
  Candle,
  ExchangeDefinition,
  Market,
  MarketRef,
  RequestContext,
} from '@korea-candles/connector-common';

/**
 * ${displayName}'s public API. TODO (docs/adding-an-exchange.md#declare): replace every value
 * marked TODO with the exchange's documented fact, and say here where each fact comes from
 * (doc page, recorded response), as src/upbit.ts and src/bithumb.ts do.
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
  // TODO: how the exchange reads a \`to\` without an offset ('UTC' or 'KST'); the SDK always
  // sends an explicit one, but a test must prove the exchange honours it.
  timeParamZone: 'UTC',
  // TODO: the largest \`count\` the candle endpoint accepts.
  maxPageSize: 200,
  rateLimits: {
    // TODO: the documented requests per second per IP of each group (a deliberately slow
    // placeholder until then). Per-minute limits: divide by 60.
    candles: {documentedRequestsPerSecond: 1},
    markets: {documentedRequestsPerSecond: 1},
  },
  // TODO: a parser for the exchange's remaining-quota headers, next to upbitQuotaHeader in
  // connector-common/src/http/quota-headers.ts; leave undefined if it sends none.
  quotaHeader: undefined,
  // TODO: the market-list endpoint and its fixed query parameters.
  marketsRequest: {endpoint: '/TODO/market-list', params: {}},
  // TODO: the hourly candle endpoint; it gets \`market\`, \`to\` (exclusive) and \`count\`.
  candlesEndpoint: '/TODO/hourly-candles',
  parseMarkets: parse${pascal}Markets,
  parseCandles: parse${pascal}Candles,
};

/**
 * TODO: validate \`body\` (parsed by parseJsonExact: every JSON number is a JsonNumber) with the
 * schema in src/response-schemas.ts through parseResponse, and map each row to a Market whose
 * \`market\` is QUOTE-BASE (KRW-BTC). For an Upbit-shaped list use parseUpbitCompatibleMarkets.
 */
export function parse${pascal}Markets(_body: unknown, _context: RequestContext): Market[] {
  throw new Error(
    '${notImplementedMessage(names, 'market-list')}'
  );
}

/**
 * TODO: validate \`body\` with the candle schema and map each row to a Candle of \`market\`:
 * the UTC hour start as the key, exact decimal strings, the quote-currency traded value (or
 * an estimate flagged with traded_value_is_estimated). For Upbit-shaped candles use
 * parseUpbitCompatibleCandles.
 */
export function parse${pascal}Candles(
  _body: unknown,
  _context: RequestContext,
  _market: MarketRef
): Candle[] {
  throw new Error(
    '${notImplementedMessage(names, 'candle')}'
  );
}
`;
}

export function responseSchemasTs(names: ConnectorNames): string {
  const {exportName, displayName} = names;
  return `import {jsonDecimal, jsonInteger, jsonNonNegativeDecimal} from '@korea-candles/connector-common';
import {z} from 'zod';

/*
 * TODO (docs/adding-an-exchange.md#parsing): ${displayName}'s responses, field for field as the
 * API sends them. The fields below are placeholders showing the building blocks; replace them.
 * - A value sent as a JSON number: jsonDecimal() (exact string), jsonNonNegativeDecimal(),
 *   jsonInteger() (epoch milliseconds). A number that arrives as a string is then rejected,
 *   naming the field, which is what we want when the documented type is a number.
 * - A value sent as a decimal string: add a shared building block next to jsonDecimal in
 *   connector-common/src/validation/json-values.ts rather than parsing it here.
 * - Upbit-shaped responses: delete this file and use presets/upbit-compatible instead.
 */
export const ${exportName}CandleRow = z.object({
  timestamp: jsonInteger(),
  open: jsonDecimal(),
  high: jsonDecimal(),
  low: jsonDecimal(),
  close: jsonDecimal(),
  volume: jsonNonNegativeDecimal(),
});

/** TODO: the whole candle response: a bare array, or the envelope object that wraps the rows. */
export const ${exportName}CandlePage = z.array(${exportName}CandleRow);

/** TODO: one row of the market list: the exchange's market code and names. */
export const ${exportName}MarketRow = z.object({
  market: z.string(),
  korean_name: z.string().nullish(),
  english_name: z.string().nullish(),
});

export const ${exportName}MarketList = z.array(${exportName}MarketRow);
`;
}
