import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import nock from 'nock';
import {main} from '../../src/airbyte/cli';

export const AIRBYTE = 'http://airbyte.test:8000';
export const WORKSPACE = '5ae6b09b-fdec-41af-aaf7-7d94cfc33ef6';
export const DEFINITION_ID = '0b5e2c1a-9d4f-4e8b-a6c3-7f2d1e0a9b84';
export const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';
export const REPOSITORY = `${ECR}/korea-candles/source-upbit-candles`;
export const NAME = 'Upbit Hourly Candles';
export const DOCS_URL =
  'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/upbit-candles.md';
export const CONNECTOR_DIR = join(__dirname, 'fixtures', 'connector');

export const BASIC_ENV = {AIRBYTE_USERNAME: 'airbyte', AIRBYTE_PASSWORD: 'pw-Sup3r-s3cret'};

export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', path), 'utf8')) as T;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  argv: string[],
  env: Record<string, string | undefined> = BASIC_ENV
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return {code, stdout, stderr};
}

/** The usual arguments: fixture connector, ECR prefix, the test workspace. */
export function registerArgs(...extra: string[]): string[] {
  return [
    CONNECTOR_DIR,
    '--airbyte-url',
    AIRBYTE,
    '--workspace-id',
    WORKSPACE,
    '--image-registry',
    ECR,
    ...extra,
  ];
}

/**
 * Every request nock could not match, so a test can assert that nothing unplanned (above all,
 * no mutating call) was sent.
 */
export function trackUnmatched(): {requests: string[]} {
  const state = {requests: [] as string[]};
  beforeEach(() => {
    state.requests = [];
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  // nock patches the http module and fetch every test file in this worker shares: unhook it.
  afterAll(() => nock.restore());
  // For fetch, nock reports a Request; for node:http, the request options.
  function onNoMatch(req: {method?: string; url?: string; path?: string}) {
    const path = req.url === undefined ? req.path : new URL(req.url).pathname;
    state.requests.push(`${req.method} ${path}`);
  }
  return state;
}
