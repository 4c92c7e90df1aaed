import {z} from 'zod';

import {ConfigError} from '../errors/connector-error';
import {redactSecrets, registerUrlPassword} from '../errors/redact';
import {parseUserInstant, toUtcIso, USER_INSTANT_PATTERN} from '../time/hours';
import type {ExchangeDefinition} from '../definition/exchange-definition';

/** The validated configuration every candle source reads (same fields for every exchange). */
export interface CandleSourceConfig {
  readonly markets: ReadonlyArray<string>;
  readonly quoteCurrencies: ReadonlyArray<string>;
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly lookbackHours: number;
  readonly requestsPerSecond: number;
  readonly pageSize: number;
  readonly apiBaseUrl: string;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
}

const CURRENCY = /^[A-Z0-9]+$/;
export const DEFAULT_LOOKBACK_HOURS = 3;

const DATE_HINT = 'must be a date like 2024-01-01 or 2024-01-01T00:00:00Z';

/** Airbyte's keys beside JSON Schema's own: `order` places the field in the UI form. */
type FieldMeta = {
  readonly title: string;
  readonly description: string;
  readonly order: number;
  readonly examples?: ReadonlyArray<string>;
  readonly airbyte_secret?: boolean;
};

/** A date or date-time read as epoch ms; `meta` sits on the string, the side the spec shows. */
const instant = (meta: FieldMeta) =>
  z
    .string({error: DATE_HINT})
    .regex(new RegExp(USER_INSTANT_PATTERN), {error: (iss) => `${DATE_HINT} (got "${iss.input}")`})
    .meta(meta)
    .transform((s, ctx) => {
      const ms = parseUserInstant(s);
      if (ms === undefined) {
        ctx.addIssue({code: 'custom', message: `${DATE_HINT} (got "${s}")`});
        return z.NEVER;
      }
      return ms;
    });

/**
 * The one definition of a source's config: zod validates a config with it, and the spec's
 * connectionSpecification is emitted from it (connectionSpecification below), so the form in
 * Airbyte's UI and the check a config meets cannot drift apart. Fields are in UI order.
 */
function configSchema(ex: ExchangeDefinition) {
  const rps = ex.rateLimits.candles.documentedRequestsPerSecond;
  return z
    .object({
      start_date: instant({
        title: 'Start date',
        description:
          'UTC date or date-time of the first hour to read, e.g. 2024-01-01 or 2024-01-01T00:00:00Z. ' +
          'Only the first sync goes back this far; later syncs continue from the saved state.',
        examples: ['2024-01-01', '2024-01-01T00:00:00Z'],
        order: 0,
      }),
      markets: z
        .array(
          z
            .string()
            .regex(
              new RegExp(ex.marketCode.pattern),
              `must be a ${ex.marketCode.form} market code like ${ex.marketCode.example}`
            )
        )
        .default([])
        .meta({
          title: 'Markets',
          description:
            `${ex.displayName} market codes to read, ${ex.marketCode.form}, e.g. ${ex.marketCode.example}. ` +
            'Leave empty to read every listed market of the chosen quote currencies.',
          order: 1,
        }),
      quote_currencies: z
        .array(z.string().regex(CURRENCY, 'must be an upper-case currency code like KRW'))
        .min(1, 'must name at least one quote currency, e.g. ["KRW"]')
        .default(['KRW'])
        .meta({
          title: 'Quote currencies',
          description:
            'When Markets is empty: read all markets quoted in these currencies (KRW, BTC, USDT...).',
          order: 2,
        }),
      lookback_hours: z
        .number({error: 'must be a whole number of hours'})
        .int('must be a whole number of hours')
        .min(0, 'must not be negative')
        .max(720, 'must be at most 720 (30 days)')
        .default(DEFAULT_LOOKBACK_HOURS)
        .meta({
          title: 'Lookback hours',
          description:
            'Each incremental sync re-reads this many hours before the saved cursor, so the hour ' +
            'that was still open at the last sync is read again once closed. Use an Append + ' +
            'Deduped destination on the primary key (market, candle_start_utc).',
          order: 3,
        }),
      requests_per_second: z
        .number({error: 'must be a whole number'})
        .int('must be a whole number (the rate limiter starts whole requests each second)')
        .min(1, 'must be at least 1')
        .max(rps, `must be at most ${rps}, the limit ${ex.displayName} documents per IP`)
        .default(ex.rateLimits.candles.defaultRequestsPerSecond ?? rps)
        .meta({
          title: 'Requests per second',
          description:
            `Candle requests per second from this connector, a whole number. ${ex.displayName} ` +
            `documents ${rps} per second per IP; lower it when other clients share the IP.`,
          order: 4,
        }),
      page_size: z
        .number({error: 'must be a whole number'})
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(
          ex.maxPageSize,
          `must be at most ${ex.maxPageSize}, the most ${ex.displayName} returns per request`
        )
        .default(ex.maxPageSize)
        .meta({
          title: 'Page size',
          description: `Candles per request (the exchange allows at most ${ex.maxPageSize}).`,
          order: 5,
        }),
      end_date: instant({
        title: 'End date',
        description:
          'Optional UTC date or date-time; hours starting at or after it are not read. ' +
          'Leave empty to read up to the current (still open) hour.',
        order: 6,
      }).optional(),
      api_base_url: z
        .string()
        .url('must be a URL like https://api.example.com')
        .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
        .default(ex.defaultBaseUrl)
        .meta({
          title: 'API base URL',
          description:
            `Base URL of the ${ex.displayName} API. Change it only for a proxy or the local ` +
            'simulator. A proxy password may be given as http://user:password@host/...: the field ' +
            'is stored as a secret and the credentials are never printed.',
          airbyte_secret: true,
          order: 7,
        }),
      max_attempts: z.number().int('must be a whole number').min(1).max(10).default(5).meta({
        title: 'Attempts per request',
        description: 'Attempts for a request that fails transiently (429, 5xx, timeouts).',
        order: 8,
      }),
      request_timeout_seconds: z
        .number()
        .int('must be a whole number')
        .min(1)
        .max(300)
        .default(30)
        .meta({
          title: 'Request timeout (seconds)',
          description: 'A request that takes longer is retried.',
          order: 9,
        }),
    })
    .refine((c) => c.end_date === undefined || c.end_date > c.start_date, {
      message: 'must be after start_date',
      path: ['end_date'],
    })
    .meta({
      title: `${ex.displayName} Hourly Candles Spec`,
      // Unknown keys are refused by parseCandleSourceConfig with a did-you-mean message instead.
      additionalProperties: true,
    });
}

/** The connection specification shown in Airbyte's UI, emitted from configSchema (draft-07). */
export function connectionSpecification(ex: ExchangeDefinition): Record<string, unknown> {
  // io 'input': the form describes what a user writes (defaults make fields optional).
  return z.toJSONSchema(configSchema(ex), {target: 'draft-7', io: 'input'});
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * A key the spec does not know is a mistake (a typo such as "market" would otherwise read
 * every market): the error names the closest known field.
 */
function unknownFieldError(key: string, known: ReadonlyArray<string>): ConfigError {
  const norm = (s: string) => s.toLowerCase().replace(/[-\s]/g, '_');
  const [closest] = [...known]
    .map((k) => ({k, d: editDistance(norm(key), norm(k))}))
    .sort((x, y) => x.d - y.d);
  const similar = closest !== undefined && closest.d <= Math.max(2, Math.floor(key.length / 2));
  return new ConfigError(
    `config field "${redactSecrets(key)}" is not a field of this source` +
      (similar ? `; did you mean "${closest.k}"?` : '.') +
      ` Remove or rename it. Known fields: ${known.join(', ')}.`
  );
}

/**
 * Validates a raw config against the spec. Throws ConfigError naming the first bad field
 * and what to put there, e.g. `config field "page_size" must be at most 200, ...`.
 * `nowMs` is the current time: a start_date after it would read nothing, and is refused.
 */
export function parseCandleSourceConfig(
  raw: unknown,
  ex: ExchangeDefinition,
  nowMs: number = Date.now()
): CandleSourceConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError('The config must be a JSON object with at least "start_date".');
  }
  const schema = configSchema(ex);
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw unknownFieldError(unknown[0]!, known);
  const baseUrl = (raw as Record<string, unknown>).api_base_url;
  if (typeof baseUrl === 'string') registerUrlPassword(baseUrl);
  // reportInput: without it zod 4 leaves issue.input unset, and every wrong type read as missing.
  const result = schema.safeParse(raw, {reportInput: true});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(config)';
    const got = issue.code === 'invalid_type' && issue.input === undefined ? ' but is missing' : '';
    throw new ConfigError(`config field "${field}" ${issue.message}${got}.`);
  }
  const c = result.data;
  if (c.start_date > nowMs) {
    throw new ConfigError(
      `config field "start_date" is in the future (${toUtcIso(c.start_date)}; now is ` +
        `${toUtcIso(nowMs)}), so there is nothing to read. Set it to the first hour you want, ` +
        'in the past, e.g. 2024-01-01.'
    );
  }
  return {
    markets: [...new Set(c.markets)],
    quoteCurrencies: [...new Set(c.quote_currencies)],
    startMs: c.start_date,
    endMs: c.end_date,
    lookbackHours: c.lookback_hours,
    requestsPerSecond: c.requests_per_second,
    pageSize: c.page_size,
    apiBaseUrl: c.api_base_url.replace(/\/+$/, ''),
    maxAttempts: c.max_attempts,
    timeoutMs: c.request_timeout_seconds * 1000,
  };
}
