import {randomUUID} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

import {addBuildReference} from './build-references';
import {type ConnectorNames, NewConnectorUsageError} from './exchange-name';
import {docPage} from './templates/doc-page';
import {
  binMain,
  changelog,
  jestConfig,
  metadataYaml,
  packageJson,
  tsconfigJson,
} from './templates/package-files';
import {
  connectionSpecificationTs,
  definitionTs,
  indexTs,
  responseSchemasTs,
} from './templates/source-files';
import {
  conformanceTestTs,
  exchangeResponsesTs,
  localExchangeTs,
  parseTestTs,
  placeholderFixture,
  readTestTs,
} from './templates/test-files';

export interface GenerateOptions {
  /** Repository root (holds package.json, tsconfig.build.json, packages/). */
  readonly root: string;
  /** `YYYY-MM-DD` for the CHANGELOG heading. */
  readonly today: string;
  readonly definitionId?: string;
}

export interface GeneratedConnector {
  /** Repository-relative paths, in the order written. */
  readonly files: string[];
  readonly packagePath: string;
  readonly buildReferenceAdded: boolean;
}

/** Every file of a new connector package and its docs page, by repository-relative path. */
export function connectorFiles(
  names: ConnectorNames,
  today: string,
  definitionId: string
): Array<[string, string]> {
  const pkg = `packages/${names.connector}`;
  return [
    [`${pkg}/package.json`, packageJson(names)],
    [`${pkg}/tsconfig.json`, tsconfigJson()],
    [`${pkg}/jest.config.js`, jestConfig()],
    [`${pkg}/bin/main`, binMain(names)],
    [`${pkg}/metadata.yaml`, metadataYaml(names, definitionId)],
    [`${pkg}/CHANGELOG.md`, changelog(names, today)],
    [`${pkg}/src/index.ts`, indexTs(names)],
    [`${pkg}/src/connection-specification.ts`, connectionSpecificationTs()],
    [`${pkg}/src/${names.id}.ts`, definitionTs(names)],
    [`${pkg}/src/response-schemas.ts`, responseSchemasTs(names)],
    [`${pkg}/test/exchange-responses.ts`, exchangeResponsesTs(names)],
    [`${pkg}/test/parse.test.ts`, parseTestTs(names)],
    [`${pkg}/test/read.test.ts`, readTestTs(names)],
    [`${pkg}/test/local-exchange.ts`, localExchangeTs(names)],
    [`${pkg}/test/conformance.test.ts`, conformanceTestTs(names)],
    [`${pkg}/test/fixtures/candles.json`, placeholderFixture(names, 'hourly candle')],
    [`${pkg}/test/fixtures/markets.json`, placeholderFixture(names, 'market list')],
    [names.docPath, docPage(names, today)],
  ];
}

/**
 * Writes the package, its docs page and the build reference. Refuses (before writing anything)
 * when the package or the page exists, so a second run never overwrites work.
 */
export function generateConnector(
  names: ConnectorNames,
  options: GenerateOptions
): GeneratedConnector {
  const {root} = options;
  const packagePath = `packages/${names.connector}`;
  if (!existsSync(join(root, 'tsconfig.build.json')) || !existsSync(join(root, 'packages'))) {
    throw new NewConnectorUsageError(
      `${root} is not the repository root (no tsconfig.build.json or packages/); run it from the root or pass --root`
    );
  }
  for (const existing of [packagePath, names.docPath]) {
    if (existsSync(join(root, existing))) {
      throw new NewConnectorUsageError(
        `${existing} already exists: exchange "${names.id}" has a connector; edit it instead, or pick another id`
      );
    }
  }
  const files = connectorFiles(names, options.today, options.definitionId ?? randomUUID());
  for (const [path, text] of files) {
    const file = join(root, path);
    mkdirSync(dirname(file), {recursive: true});
    writeFileSync(file, text);
  }
  // The Dockerfile refuses a bin/main that is not executable.
  chmodSync(join(root, packagePath, 'bin/main'), 0o755);
  const buildReferenceAdded = addBuildReference(root, packagePath);
  return {files: files.map(([path]) => path), packagePath, buildReferenceAdded};
}
