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

/** 502/503/504 and other non-500 5xx: the HTML page a gateway in front of any exchange sends. */
export function gatewayError(status: number): SimResponse {
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
