// Shared by every package's jest.config.js.
// Tests run TypeScript through SWC (fast, no type check: `npm run typecheck` does that).
// p-retry and nock 15 (with their helpers) are ESM-only; Jest's CommonJS module system cannot load them,
// so SWC also transforms those packages to CommonJS (see docs/architecture.md#modules).
const path = require('node:path');

// Packages (and their dependencies) that ship only ES modules.
const ESM_ONLY = [
  'p-retry',
  'is-network-error',
  'nock',
  '@mswjs',
  '@open-draft',
  'outvariant',
  'strict-event-emitter',
  'is-node-process',
  'rettime',
];

module.exports = (packageDir) => ({
  rootDir: packageDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      require.resolve('@swc/jest'),
      {
        jsc: {parser: {syntax: 'typescript'}, target: 'es2023'},
        module: {type: 'commonjs'},
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: {
    '^@korea-candles/connector-common$': path.join(
      __dirname,
      'packages/connector-common/src/index.ts'
    ),
    '^@korea-candles/exchange-simulator$': path.join(
      __dirname,
      'packages/exchange-simulator/src/index.ts'
    ),
    '^@korea-candles/connector-common/testing$': path.join(
      __dirname,
      'packages/connector-common/src/testing/index.ts'
    ),
    '^@korea-candles/connector-common/upbit-compatible$': path.join(
      __dirname,
      'packages/connector-common/src/families/upbit-compatible/index.ts'
    ),
    '^@korea-candles/connector-common/upbit-compatible/fixtures$': path.join(
      __dirname,
      'packages/connector-common/src/families/upbit-compatible/fixtures.ts'
    ),
  },
  // Not the default os.tmpdir(): scripts/test.sh fails when the tests leave anything there.
  cacheDirectory: path.join(__dirname, 'node_modules', '.cache', 'jest'),
  testTimeout: 30000,
  reporters: ['default', path.join(__dirname, 'jest-summary-reporter.js')],
});
