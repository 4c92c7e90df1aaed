import {join} from 'node:path';

import {spawnInvoker, type ConnectorInvoker} from '@korea-candles/connector-common/testing';

export const FAKE_SOURCE = join(__dirname, 'fixtures', 'fake-source.js');

export const VALID_CONFIG = {api_key: 'test-key', start_date: '2024-01-01T00:00:00Z'};

export const INVALID_CONFIGS = [
  {config: {start_date: '2024-01-01T00:00:00Z'}, expectMessageMatching: /api_key/},
  {config: {api_key: 'test-key', start_date: 'yesterday'}, expectMessageMatching: /start_date/},
];

/** The fake source with the given misbehaviours switched on (see fixtures/fake-source.js). */
export function fakeSource(...bugs: string[]): ConnectorInvoker {
  return spawnInvoker(FAKE_SOURCE, {FAKE_SOURCE_BUGS: bugs.join(',')}, {timeoutMs: 20_000});
}
