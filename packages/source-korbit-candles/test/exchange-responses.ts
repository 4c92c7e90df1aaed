import {hours as hourSpecs} from '@korea-candles/connector-common/testing';

/**
 * Korbit Open API v2 responses as raw JSON text, shaped as documented (docs example of
 * `GET /v2/candles` and `GET /v2/currencyPairs`, Korbit's official CLI): the `{success, data}`
 * envelope, rows oldest first, `timestamp` a JSON number (ms, candle start), prices and volume
 * decimal strings, hours without trades absent.
 */
export interface KorbitCandleSpec {
  readonly utc: string; // 2024-01-09T20:00:00
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close?: string;
  readonly volume?: string;
}

export const startMs = (c: KorbitCandleSpec) => Date.parse(`${c.utc}Z`);

export function candleRow(c: KorbitCandleSpec): string {
  return (
    `{"timestamp":${startMs(c)},"open":"${c.open ?? '58000000'}","high":"${c.high ?? '58250000'}",` +
    `"low":"${c.low ?? '57900000'}","close":"${c.close ?? '58100000'}",` +
    `"volume":"${c.volume ?? '12.345678901234567891'}"}`
  );
}

/** A page: rows oldest first, as Korbit orders them. */
export function candlePage(candles: ReadonlyArray<KorbitCandleSpec>): string {
  const oldestFirst = [...candles].sort((a, b) => startMs(a) - startMs(b));
  return `{"success":true,"data":[${oldestFirst.map(candleRow).join(',')}]}`;
}

/** Hourly candle specs for [fromUtc, fromUtc + count hours), skipping the listed hour offsets. */
export const hours: (
  fromUtc: string,
  count: number,
  skip?: ReadonlyArray<number>
) => KorbitCandleSpec[] = hourSpecs;

/** Korbit's error envelope: the symbolic code travels in `error.message`. */
export const errorBody = (code: string) => `{"success":false,"error":{"message":"${code}"}}`;

/**
 * What Korbit answers for `/v2/candles` as we understand it: `limit` required (1..200),
 * candles starting in [start, end] (both inclusive), the latest `limit` of them, oldest first.
 */
export function korbitAnswer(
  query: Record<string, string>,
  candles: ReadonlyArray<KorbitCandleSpec>
): [number, string] {
  const limit = Number(query.limit);
  if (!/^\d+$/.test(query.limit ?? '') || limit < 1 || limit > 200 || query.interval !== '60') {
    return [400, errorBody('BAD_REQUEST')];
  }
  const start = query.start === undefined ? -Infinity : Number(query.start);
  const end = query.end === undefined ? Infinity : Number(query.end);
  const inRange = candles.filter((c) => startMs(c) >= start && startMs(c) <= end);
  return [200, candlePage(inRange.slice(-limit))];
}

/** The query of a request nock hands to a reply callback (a fetch Request in nock 15). */
export function queryOf(uri: unknown): Record<string, string> {
  const url = new URL(typeof uri === 'string' ? uri : (uri as Request).url, 'http://x');
  return Object.fromEntries(url.searchParams);
}
