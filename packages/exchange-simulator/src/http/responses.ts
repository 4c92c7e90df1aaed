import type {ExchangeId} from '../config';

export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const TEXT_TYPE = 'text/plain;charset=UTF-8';
export const HTML_TYPE = 'text/html';

export function json(
  status: number,
  body: string,
  headers: Record<string, string> = {}
): SimResponse {
  return {status, headers: {'Content-Type': JSON_TYPE, ...headers}, body};
}

export function text(
  status: number,
  body: string,
  headers: Record<string, string> = {}
): SimResponse {
  return {status, headers: {'Content-Type': TEXT_TYPE, ...headers}, body};
}

function errorBody(name: string | number, message: string): string {
  return JSON.stringify({error: {name, message}});
}

/** The documented missing-parameter error (same text on both exchanges, numeric name). */
export function missingParameter(): SimResponse {
  return json(
    400,
    errorBody(400, 'Missing request parameter error. Check the required parameters!')
  );
}

/**
 * A parameter with a bad value. Upbit names such errors `validation_error`, Bithumb
 * `invalid_parameter` (its documented 400 code); the message names the parameter and the fix.
 */
export function invalidParameter(exchange: ExchangeId, message: string): SimResponse {
  return json(
    400,
    errorBody(exchange === 'upbit' ? 'validation_error' : 'invalid_parameter', message)
  );
}

/** Unknown or delisted market code. */
export function codeNotFound(): SimResponse {
  return json(404, errorBody(404, 'Code not found'));
}

export function pathNotFound(path: string): SimResponse {
  return json(404, errorBody(404, `No such endpoint in the simulator: ${path}`));
}

export function methodNotAllowed(method: string): SimResponse {
  return json(405, errorBody(405, `Method ${method} not allowed; the public API is GET only`));
}

/** Upbit 429: plain text, not JSON. */
export function upbitTooManyRequests(remainingReq: string): SimResponse {
  return text(429, 'Too many API requests.', {'Remaining-Req': remainingReq});
}

/**
 * Upbit 418 (IP blocked). The real body/headers are not recorded anywhere; the simulator sends
 * plain text naming the block length, and no Retry-After (Upbit documents none).
 */
export function upbitBlocked(blockedForMs: number): SimResponse {
  const seconds = Math.ceil(blockedForMs / 1000);
  return text(418, `Too many API requests. Your IP is blocked for ${seconds} seconds.`);
}

/** Bithumb excess: JSON error envelope (status 429 is the gateway default; see README). */
export function bithumbTooManyRequests(headers: Record<string, string>): SimResponse {
  return json(429, errorBody(429, 'Too Many Requests'), headers);
}

/** Bithumb-style error inside HTTP 200. */
export function errorIn200(exchange: ExchangeId): SimResponse {
  return exchange === 'bithumb'
    ? json(200, errorBody('invalid_parameter', '잘못된 파라미터 입니다.'))
    : json(200, errorBody('server_error', 'Temporary server error. Please retry.'));
}

export function serverError(status: number): SimResponse {
  if (status === 500) return json(500, errorBody(500, 'Internal Server Error'));
  // Gateways in front of the API answer 502/503/504 with HTML, not the JSON envelope.
  const reason: Record<number, string> = {
    502: 'Bad Gateway',
    503: 'Service Temporarily Unavailable',
    504: 'Gateway Time-out',
  };
  const title = `${status} ${reason[status] ?? 'Server Error'}`;
  return {
    status,
    headers: {'Content-Type': HTML_TYPE},
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}
