import {
  configuredCatalog,
  hours as hourSpecs,
  InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {coinone} from '../src/coinone';

export const BASE = 'https://api.coinone.test';
export const MARKETS = readFileSync(join(__dirname, 'fixtures/markets-KRW.json'), 'utf8');
export const catalog = configuredCatalog;

export function runCoinone(
  command: string,
  files: {config?: object; catalog?: object; state?: object},
  nowIso = '2024-01-10T00:30:00Z'
): Promise<InProcessRun> {
  return runInProcess(coinone, command, files, nowIso);
}

export const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: BASE,
  max_attempts: 3,
  ...extra,
});

/** One hour as the chart endpoint sends it; decimals are NumberStrings with Coinone's `.0`. */
export interface ChartSpec {
  readonly utc: string; // 2024-01-09T20:00:00
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close?: string;
  readonly volume?: string;
  readonly value?: string;
}

export const ms = (utc: string) => Date.parse(`${utc}Z`);

export function chartRow(c: ChartSpec): string {
  return (
    `{"timestamp":${ms(c.utc)},"open":"${c.open ?? '58000000.0'}","high":"${c.high ?? '58250000.0'}",` +
    `"low":"${c.low ?? '57900000.0'}","close":"${c.close ?? '58100000.0'}",` +
    `"target_volume":"${c.volume ?? '12.34567891'}","quote_volume":"${c.value ?? '717283946182.5193'}"}`
  );
}

/** A chart body: rows newest first (as clients page it), `is_last` as given. */
export function chartPage(candles: ReadonlyArray<ChartSpec>, isLast = false): string {
  const newestFirst = [...candles].sort((a, b) => ms(b.utc) - ms(a.utc));
  return (
    `{"result":"success","error_code":"0","is_last":${isLast},` +
    `"chart":[${newestFirst.map(chartRow).join(',')}]}`
  );
}

/** Hours [fromUtc, fromUtc + count), leaving out the listed offsets (no trades there). */
export const hours: (fromUtc: string, count: number, skip?: ReadonlyArray<number>) => ChartSpec[] =
  hourSpecs;

/**
 * Coinone as the docs describe the chart cursor: the latest `size` candles whose start is at
 * or before `timestamp` (inclusive), or strictly before it (`exclusive`), newest first.
 */
export function answerChart(
  all: ReadonlyArray<ChartSpec>,
  query: URLSearchParams,
  reading: 'inclusive' | 'exclusive' = 'inclusive'
): string {
  const bound = Number(query.get('timestamp'));
  const size = Number(query.get('size'));
  const rows = all
    .filter((c) => (reading === 'inclusive' ? ms(c.utc) <= bound : ms(c.utc) < bound))
    .sort((a, b) => ms(a.utc) - ms(b.utc));
  const page = rows.slice(-size);
  return chartPage(page, page.length === rows.length);
}

/** The query of a nock reply callback's request (nock 15 hands over a fetch Request or a path). */
export function queryOf(uri: unknown): URLSearchParams {
  return new URL(typeof uri === 'string' ? uri : (uri as Request).url, BASE).searchParams;
}
