import {
  configuredCatalog,
  InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';

import {upbit} from '../src/upbit';

export const BASE = 'https://api.upbit.test';
export const catalog = configuredCatalog;

export function runUpbit(
  command: string,
  files: {config?: object; catalog?: object; state?: object},
  nowIso = '2024-01-10T00:30:00Z'
): Promise<InProcessRun> {
  return runInProcess(upbit, command, files, nowIso);
}

export const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: BASE,
  max_attempts: 3,
  ...extra,
});
