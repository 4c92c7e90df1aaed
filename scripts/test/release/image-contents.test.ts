/**
 * The release plan's notion of "shipped" on the real repository: each connector is bundled as
 * its image is built, and a change counts for a connector exactly when it touches what that
 * bundle carries.
 */
import {readdirSync} from 'node:fs';
import path from 'node:path';

import {bundleConnector} from '../../src/bundle/bundle';
import {type ImageContents, imageContentsOf} from '../../src/bundle/image-contents';
import {changedLockedPackages} from '../../src/release/lockfile';
import {type Changes, shippedChanges} from '../../src/release/shipped-files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONNECTORS = readdirSync(path.join(ROOT, 'packages'))
  .filter((p) => p.startsWith('source-'))
  .sort();

/** Repository paths of every .ts file under a folder of the repository. */
function sourcesUnder(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), {recursive: true}) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

function findSource(name: string): string {
  const found = sourcesUnder('packages/connector-common/src').find((f) => f.endsWith(`/${name}`));
  if (found === undefined) throw new Error(`no ${name} under packages/connector-common/src`);
  return found;
}

describe('what each image carries (bundles of the real connectors)', () => {
  const contents = new Map<string, ImageContents>();
  beforeAll(async () => {
    for (const connector of CONNECTORS) {
      const bundle = await bundleConnector(ROOT, connector, {write: false});
      contents.set(connector, imageContentsOf(bundle.metafile, bundle.text));
    }
  }, 60_000);

  /** The connectors a change releases. */
  const released = (changes: Partial<Changes>) =>
    CONNECTORS.filter(
      (c) =>
        shippedChanges(contents.get(c) as ImageContents, {
          files: changes.files ?? [],
          lockedPackages: changes.lockedPackages ?? new Map(),
        }).length > 0
    );

  it('finds four connectors with their own code, the SDK runtime and zod in each bundle', () => {
    expect(CONNECTORS).toHaveLength(4);
    for (const c of CONNECTORS) {
      const carried = contents.get(c) as ImageContents;
      expect(carried.files).toContain(`packages/${c}/package.json`);
      expect(carried.files.some((f) => f.startsWith(`packages/${c}/src/`))).toBe(true);
      expect(carried.packages).toContain('node_modules/zod');
    }
  });

  it('releases nothing for a market-share-only change', () => {
    const files = sourcesUnder('packages/connector-common/src/market-share');
    expect(files.length).toBeGreaterThan(5);
    expect(released({files})).toEqual([]);
  });

  it('releases nothing for a change to the conformance kit (testing) only', () => {
    const files = sourcesUnder('packages/connector-common/src/testing');
    expect(files.length).toBeGreaterThan(5);
    expect(released({files})).toEqual([]);
  });

  it('releases nothing for tests, docs or metadata', () => {
    const files = [
      ...CONNECTORS.map((c) => `packages/${c}/metadata.yaml`),
      ...CONNECTORS.map((c) => `packages/${c}/CHANGELOG.md`),
      'packages/connector-common/test/core/startup-load.test.ts',
      'docs/release.md',
      'README.md',
    ];
    expect(released({files})).toEqual([]);
  });

  it('releases every connector for a change to the runtime or to the image recipe', () => {
    expect(released({files: [findSource('rate-limiter.ts')]})).toEqual(CONNECTORS);
    expect(released({files: ['Dockerfile']})).toEqual(CONNECTORS);
    expect(released({files: ['scripts/src/bundle/bundle.ts']})).toEqual(CONNECTORS);
  });

  it('releases only the connector whose own source changed', () => {
    for (const c of CONNECTORS) {
      const own = (contents.get(c) as ImageContents).files.find((f) =>
        f.startsWith(`packages/${c}/src/`)
      ) as string;
      expect(released({files: [own]})).toEqual([c]);
    }
  });

  it('releases the connectors that bundle a locked package whose version changed', () => {
    const change = (key: string) => ({
      files: ['package-lock.json'],
      lockedPackages: new Map([[key, '1.0.0 -> 1.0.1']]),
    });
    expect(released(change('node_modules/zod'))).toEqual(CONNECTORS);
    // The bundler itself: a new esbuild may write every bundle differently.
    expect(released(change('node_modules/esbuild'))).toEqual(CONNECTORS);
    // Packages only market share, the conformance kit or the tooling use are in no image.
    expect(released(change('node_modules/ajv'))).toEqual([]);
    expect(released(change('node_modules/@duckdb/node-api'))).toEqual([]);
    expect(released(change('node_modules/jest'))).toEqual([]);
    // A lockfile edit that changes no locked package releases nothing.
    expect(released({files: ['package-lock.json']})).toEqual([]);
  });
});

describe('changedLockedPackages', () => {
  const lock = (packages: Record<string, object>) => JSON.stringify({lockfileVersion: 3, packages});

  it('names the install paths whose version, source or integrity differ', () => {
    const base = lock({
      '': {name: 'root'},
      'node_modules/zod': {version: '4.6.7', integrity: 'sha512-a'},
      'node_modules/axios': {version: '1.21.1', integrity: 'sha512-b'},
      'node_modules/old': {version: '1.0.0'},
    });
    const head = lock({
      '': {name: 'root'},
      'node_modules/zod': {version: '4.7.0', integrity: 'sha512-c'},
      'node_modules/axios': {version: '1.21.1', integrity: 'sha512-b'},
      'node_modules/axios/node_modules/new': {version: '2.0.0'},
    });
    expect(Object.fromEntries(changedLockedPackages(base, head))).toEqual({
      'node_modules/zod': '4.6.7 -> 4.7.0',
      'node_modules/old': '1.0.0 -> absent',
      'node_modules/axios/node_modules/new': 'absent -> 2.0.0',
    });
  });

  it('fails clearly on a lockfile that is not JSON', () => {
    expect(() => changedLockedPackages('{', lock({}))).toThrow(/package-lock\.json at base/);
  });
});
