import {JsonNumber} from '../json/json-number';

/**
 * What an exchange error means to a sync. The SDK acts on the meaning, never on an
 * exchange's particular status or code:
 * - `unknown_market`: the exchange does not know the requested market (config_error);
 * - `transient`: try again (retried like a 5xx);
 * - `rate_limited`: over the limit (the group pauses, then retries, like a 429);
 * - `blocked`: the IP is blocked; retrying makes it worse (fails at once);
 * - `rejected`: the exchange refused a request we built (system_error, a bug to report).
 */
export type ErrorMeaning = 'unknown_market' | 'transient' | 'rate_limited' | 'blocked' | 'rejected';

type Scalar = string | number | boolean;

/**
 * Where an exchange puts its error in a JSON body, with any HTTP status (several exchanges
 * answer errors with 200). Paths are field names from the top of the body.
 */
export interface ErrorEnvelope {
  /**
   * The body is an error when the value at `path` exists, equals `equals` if given, and
   * differs from `notEquals` if given (`{"code":0,...}` is success, any other code an error).
   * Values compare as text, so the JSON number `0` equals `notEquals: 0`.
   */
  readonly when: {
    readonly path: ReadonlyArray<string>;
    readonly equals?: Scalar;
    readonly notEquals?: Scalar;
  };
  readonly code: ReadonlyArray<string>;
  readonly message: ReadonlyArray<string>;
  /**
   * Other spellings of the same error, tried in order when `code` is absent: Coinone's v2
   * API writes `error_code`/`error_msg`, but its documented rate-limit refusal uses the
   * legacy `errorCode`/`errorMsg`.
   */
  readonly alternatives?: ReadonlyArray<{
    readonly code: ReadonlyArray<string>;
    readonly message: ReadonlyArray<string>;
  }>;
}

export interface ErrorDeclaration {
  readonly envelope?: ErrorEnvelope;
  /** Meaning of an HTTP status, e.g. Upbit `{404: 'unknown_market', 418: 'blocked'}`. */
  readonly byStatus?: Readonly<Record<number, ErrorMeaning>>;
  /** Meaning of an envelope code, e.g. Coinone `{'4': 'blocked', '109': 'unknown_market'}`. */
  readonly byCode?: Readonly<Record<string, ErrorMeaning>>;
}

/** An exchange error read from a body: its code and message as text. */
export interface ExchangeErrorBody {
  readonly code: string;
  readonly message: string;
}

/** Finds the declared envelope in a parsed body (numbers are JsonNumber, see parseJsonExact). */
export function findErrorEnvelope(
  envelope: ErrorEnvelope | undefined,
  body: unknown
): ExchangeErrorBody | undefined {
  if (!envelope) return undefined;
  const flag = valueAt(body, envelope.when.path);
  if (flag === undefined || flag === null) return undefined;
  if (envelope.when.equals !== undefined && scalarText(flag) !== String(envelope.when.equals)) {
    return undefined;
  }
  if (
    envelope.when.notEquals !== undefined &&
    scalarText(flag) === String(envelope.when.notEquals)
  ) {
    return undefined;
  }
  const spellings = [
    {code: envelope.code, message: envelope.message},
    ...(envelope.alternatives ?? []),
  ];
  const spelling =
    spellings.find((s) => scalarText(valueAt(body, s.code)) !== undefined) ?? spellings[0]!;
  const code = scalarText(valueAt(body, spelling.code));
  const message = scalarText(valueAt(body, spelling.message));
  return {code: code ?? 'unknown', message: message ?? ''};
}

/** Reads the envelope out of raw body text; non-JSON bodies (Upbit's 429) yield undefined. */
export function parseErrorBodyText(
  envelope: ErrorEnvelope | undefined,
  text: string
): ExchangeErrorBody | undefined {
  const trimmed = text.trim();
  if (!envelope || !trimmed.startsWith('{')) return undefined;
  try {
    return findErrorEnvelope(envelope, JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/** The declared meaning of an error; the status wins over the code (a 429 is a 429). */
export function errorMeaning(
  decl: ErrorDeclaration,
  status: number | undefined,
  body: ExchangeErrorBody | undefined
): ErrorMeaning | undefined {
  const byStatus = status === undefined ? undefined : decl.byStatus?.[status];
  return byStatus ?? (body ? decl.byCode?.[body.code] : undefined);
}

function valueAt(body: unknown, path: ReadonlyArray<string>): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof JsonNumber) return value.text;
  return undefined;
}
