/**
 * Failures the operator is expected to meet. The CLI prints `message` (never a stack trace) and
 * exits with `exitCode`: 1 for a failed registration, 2 for a wrong invocation.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line or the environment is wrong; nothing was sent. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** A non-2xx answer from Airbyte, kept raw so that `explain` can decide what it means. */
export class AirbyteHttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string
  ) {
    super(`${method} ${url} answered HTTP ${status}`);
    this.name = 'AirbyteHttpError';
  }
}

/** The request never got an HTTP answer (DNS, refused, timeout, TLS). */
export class AirbyteUnreachableError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly reason: string
  ) {
    super(`${method} ${url} failed: ${reason}`);
    this.name = 'AirbyteUnreachableError';
  }
}

/**
 * The server's own words from an error body. Airbyte answers in several shapes depending on the
 * version and the API: KnownExceptionInfo `{message}`, problems `{title, detail}`, validation
 * errors `{validationErrors:[...]}`, and (recent servers, for uncaught errors) only `{errorId}`.
 */
export function serverMessage(body: string): string {
  const parsed = parseJsonObject(body);
  if (!parsed) {
    return oneLine(body);
  }
  const parts: string[] = [];
  for (const key of ['message', 'title', 'detail']) {
    const value = parsed[key];
    if (typeof value === 'string' && value.trim() !== '' && !parts.includes(value)) {
      parts.push(value);
    }
  }
  const validation = parsed['validationErrors'];
  if (Array.isArray(validation)) {
    for (const entry of validation) {
      if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>;
        parts.push(`${String(e['propertyPath'] ?? '?')}: ${String(e['message'] ?? 'invalid')}`);
      }
    }
  }
  if (parts.length === 0 && typeof parsed['errorId'] === 'string') {
    parts.push(`errorId ${parsed['errorId']} (details are only in the airbyte-server log)`);
  }
  return oneLine(parts.length > 0 ? parts.join('; ') : body);
}

export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat || '(empty body)';
}
