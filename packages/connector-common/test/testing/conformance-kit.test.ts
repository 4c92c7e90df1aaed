import {describeConformance} from '@korea-candles/connector-common/testing';

import {fakeSource, INVALID_CONFIGS, VALID_CONFIG} from './fake-source';

// The kit run end to end against a conforming connector: every scenario must pass.
describeConformance({
  name: 'fake-source',
  invoke: fakeSource(),
  validConfig: VALID_CONFIG,
  invalidConfigs: INVALID_CONFIGS,
  incrementalStream: 'hourly_prices',
  readTimeoutMs: 20_000,
});
