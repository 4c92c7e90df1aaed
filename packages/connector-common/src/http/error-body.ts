import {ExchangeApiError, type FailureType, type RequestContext} from '../errors/connector-error';
import {JsonNumber} from '../json/json-number';

/** The envelope both exchanges use: `{"error":{"name":<string|number>,"message":string}}`. */
export interface ExchangeErrorBody {
  readonly name: string;
  readonly message: string;
}

/**
 * Finds the error envelope in a parsed body (numbers are JsonNumber, see parseJsonExact).
 * Bithumb sends it with HTTP 2xx too, so every successful body must pass through here.
 */
export function findErrorEnvelope(body: unknown): ExchangeErrorBody | undefined {
  if (!isRecord(body) || !('error' in body)) return undefined;
  const error = body.error;
  if (!isRecord(error)) return undefined;
  const name = scalarText(error.name);
  const message = scalarText(error.message);
  if (name === undefined && message === undefined) return undefined;
  return {name: name ?? 'unknown', message: message ?? ''};
}

/** Reads the error envelope out of raw body text; plain-text bodies (Upbit's 429) yield undefined. */
export function parseErrorBodyText(text: string): ExchangeErrorBody | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return findErrorEnvelope(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/**
 * Which failure type an exchange error deserves. The connector builds every request from the
 * configured markets and its own paging, so:
 * - 404 ("Code not found") and errors that name the market/currency/code mean a configured market
 *   does not exist (typo, delisted, wrong base_url): config_error, the user must fix the config.
 * - 401/403: a public endpoint refusing us means a wrong base_url or an IP/region block the user
 *   must resolve: config_error.
 * - any other 4xx or error body means the connector sent something the exchange rejects (a
 *   parameter we format): system_error, a bug to report; retrying cannot help.
 */
export function failureTypeForApiError(
  status: number | undefined,
  body: ExchangeErrorBody | undefined
): FailureType {
  if (status === 401 || status === 403 || status === 404) return 'config_error';
  const text = `${body?.name ?? ''} ${body?.message ?? ''}`.toLowerCase();
  if (/market|currency|not found|symbol/.test(text)) return 'config_error';
  return 'system_error';
}

/** Builds the error for an exchange rejection: exchange, endpoint, market, status, name, message. */
export function exchangeApiErrorFrom(
  context: RequestContext,
  status: number | undefined,
  body: ExchangeErrorBody | undefined,
  rawText: string
): ExchangeApiError {
  const statusPart = status === undefined ? 'no HTTP status' : `HTTP ${status}`;
  const detail = body
    ? `${statusPart} error "${body.name}": ${body.message}`
    : `${statusPart}${rawText.trim() ? `, body: ${bodySnippet(rawText)}` : ', empty body'}`;
  const failureType = failureTypeForApiError(status, body);
  const hint = failureHint(failureType, context);
  return new ExchangeApiError(
    context,
    status,
    body?.name,
    hint ? `${detail}. ${hint}` : detail,
    failureType
  );
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

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof JsonNumber) return value.text;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
