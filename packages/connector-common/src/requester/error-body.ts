import {
  ExchangeApiError,
  type FailureType,
  type RequestContext,
  UnknownMarketError,
} from '../errors/connector-error';
import type {ErrorMeaning, ExchangeErrorBody} from '../definition/error-declaration';

/**
 * Which failure type a permanent exchange error deserves. The connector builds every request
 * from the configured markets and its own paging, so:
 * - an error declared `unknown_market` means a configured market does not exist (typo,
 *   delisted, wrong base_url): config_error, the user must fix the config;
 * - 401/403/404 without a declaration: a public endpoint refusing us or missing means a wrong
 *   base_url or an IP/region block the user must resolve: config_error;
 * - any other 4xx or error body means the exchange rejects a request we built: system_error,
 *   a bug to report; retrying cannot help.
 */
export function failureTypeForApiError(
  status: number | undefined,
  meaning: ErrorMeaning | undefined
): FailureType {
  if (meaning === 'unknown_market') return 'config_error';
  if (meaning === 'rejected') return 'system_error';
  if (status === 401 || status === 403 || status === 404) return 'config_error';
  return 'system_error';
}

/** Builds the error for an exchange rejection: exchange, endpoint, market, status, code, message. */
export function exchangeApiErrorFrom(
  context: RequestContext,
  status: number | undefined,
  body: ExchangeErrorBody | undefined,
  rawText: string,
  meaning?: ErrorMeaning
): ExchangeApiError {
  const detail = describeExchangeError(status, body, rawText);
  const failureType = failureTypeForApiError(status, meaning);
  const hint = failureHint(failureType, context);
  const message = hint ? `${detail}. ${hint}` : detail;
  return meaning === 'unknown_market' && context.market !== undefined
    ? new UnknownMarketError(context, status, body?.code, message, failureType)
    : new ExchangeApiError(context, status, body?.code, message, failureType);
}

/** `HTTP 200 error "109": Unknown pair`, or the status with a short excerpt of the body. */
export function describeExchangeError(
  status: number | undefined,
  body: ExchangeErrorBody | undefined,
  rawText: string
): string {
  const statusPart = status === undefined ? 'no HTTP status' : `HTTP ${status}`;
  return body
    ? `${statusPart} error "${body.code}": ${body.message}`
    : `${statusPart}${rawText.trim() ? `, body: ${bodySnippet(rawText)}` : ', empty body'}`;
}

function failureHint(type: FailureType, context: RequestContext): string | undefined {
  if (type !== 'config_error') return undefined;
  return context.market
    ? `Check that market "${context.market}" is listed on ${context.exchange} and that base_url is right`
    : `Check base_url and that ${context.exchange} is reachable from this IP`;
}

/** A short, single-line excerpt of a body for messages: never the full body. */
export function bodySnippet(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}...` : oneLine);
}
