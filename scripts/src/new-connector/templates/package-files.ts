import type {ConnectorNames} from '../exchange-name';

export const REPOSITORY_URL = 'https://github.com/korea-candles/korea-candles-airbyte';

export function documentationUrl(names: ConnectorNames): string {
  return `${REPOSITORY_URL}/blob/main/${names.docPath}`;
}

/** The same shape as the existing sources, so the Dockerfile and lerna treat it alike. */
export function packageJson(names: ConnectorNames): string {
  const pkg = {
    name: names.packageName,
    version: '0.1.0',
    description: `Airbyte source: ${names.displayName} hourly candles`,
    license: 'MIT',
    private: true,
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    bin: {[names.connector]: 'bin/main'},
    files: ['bin/', 'lib/', 'resources/'],
    scripts: {test: 'jest'},
    dependencies: {'@korea-candles/connector-common': '^0.1.0', zod: '^4.6.7'},
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  return `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "lib",
    "tsBuildInfoFile": "lib/.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "references": [{"path": "../connector-common"}]
}
`;
}

export function jestConfig(): string {
  return `module.exports = require('../../jest.config.base.js')(__dirname);\n`;
}

export function binMain(names: ConnectorNames): string {
  return `#!/usr/bin/env node
// The connector process: every command the Airbyte platform runs goes through here.
const {connectorMain} = require('@korea-candles/connector-common');
const source = require('../lib/index.js');
// The spec's JSON Schema as emitted at build time (npm run write-specs): spec starts faster.
connectorMain(source.${names.exportName}, require('../package.json').version, source.connectionSpecification);
`;
}

/**
 * Valid against the metadata schema (scripts/src/release/metadata.ts) as generated; the TODO
 * comments mark what must match the exchange before the first release.
 */
export function metadataYaml(names: ConnectorNames, definitionId: string): string {
  return `metadataSpecVersion: '1.0'
data:
  name: ${names.displayName} Hourly Candles
  # Fresh for this connector: Airbyte keys the source definition on it. Never copy another's.
  definitionId: ${definitionId}
  connectorType: source
  connectorSubtype: api
  dockerRepository: ${names.dockerRepository}
  # The connector's version: keep package.json "version" equal and add a CHANGELOG.md entry per version.
  dockerImageTag: 0.1.0
  documentationUrl: ${documentationUrl(names)}
  githubIssueLabel: ${names.connector}
  license: MIT
  releaseStage: alpha
  supportLevel: community
  protocolVersion: '0.2.0'
  maxSecondsBetweenMessages: 3600
  tags:
    - language:typescript
    - cdk:faros-airbyte-cdk
  allowedHosts:
    hosts:
      # TODO: the host of defaultBaseUrl in src/${names.id}.ts (e.g. api.${names.id}.co.kr).
      - api.${names.id}.invalid
  suggestedStreams:
    streams:
      - candles_hourly
      - markets
  registryOverrides:
    oss:
      enabled: true
    cloud:
      enabled: false
  ab_internal:
    sl: 100
    ql: 100
    requireVersionIncrementsInPullRequests: true
`;
}

export function changelog(names: ConnectorNames, today: string): string {
  return `# Changelog: ${names.connector}

## 0.1.0 - ${today}

- First release: streams \`markets\` (full refresh) and \`candles_hourly\` (incremental, per-market cursor
  with lookback) from the ${names.displayName} API.
`;
}
