import {execFileSync} from 'node:child_process';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import type {ImageContents} from '../../src/bundle/image-contents';

/** A throwaway git repository laid out like the monorepo, for tests where refs matter. */
export class GitFixture {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'release-test-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {cwd: this.dir, encoding: 'utf8'}).trim();
  }

  write(files: Record<string, string>): this {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      mkdirSync(path.dirname(full), {recursive: true});
      writeFileSync(full, text);
    }
    return this;
  }

  remove(file: string): this {
    rmSync(path.join(this.dir, file));
    return this;
  }

  /** Commits everything and returns the sha. */
  commit(message = 'change'): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.dir, {recursive: true, force: true});
  }
}

export interface ConnectorFixture {
  name?: string;
  version?: string;
  packageVersion?: string;
  changelogVersions?: string[];
  extraData?: string;
}

export function metadataYaml(name: string, version: string, extraData = ''): string {
  return `metadataSpecVersion: "1.0"
data:
  name: ${name} test source
  definitionId: 3f1c2b7e-8a4d-4c1e-9b2f-0d6e5a7c9b11
  connectorType: source
  connectorSubtype: api
  dockerRepository: korea-candles/${name}
  dockerImageTag: ${version}
  documentationUrl: https://example.com/docs/${name}
  githubIssueLabel: ${name}
  license: MIT
  releaseStage: alpha
  tags:
    - language:typescript
${extraData}`;
}

/** The files of one connector package: metadata, package.json, changelog and a source file. */
export function connectorFiles(opts: ConnectorFixture = {}): Record<string, string> {
  const name = opts.name ?? 'source-test';
  const version = opts.version ?? '0.1.0';
  const dir = `packages/${name}`;
  const changelog = (opts.changelogVersions ?? [version])
    .map((v) => `## ${v} - 2026-11-25\n\n- Change in ${v}.\n`)
    .join('\n');
  return {
    [`${dir}/metadata.yaml`]: metadataYaml(name, version, opts.extraData),
    [`${dir}/package.json`]: JSON.stringify({
      name: `@korea-candles/${name}`,
      version: opts.packageVersion ?? version,
    }),
    [`${dir}/CHANGELOG.md`]: `# Changelog\n\n${changelog}`,
    [`${dir}/src/index.ts`]: 'export const x = 1;\n',
  };
}

/**
 * What each fixture connector's image would carry if it were bundled: its own src/ and
 * package.json and connector-common's src/ (fixtures have no bin/main to bundle; the real
 * bundles are covered by image-contents.test.ts). `packages` are locked install paths.
 */
export function fixtureContents(
  repo: GitFixture,
  packages: Record<string, string[]> = {}
): Map<string, ImageContents> {
  const files = repo.git('ls-files').split('\n');
  const contents = new Map<string, ImageContents>();
  for (const meta of files.filter((f) => /^packages\/[^/]+\/metadata\.yaml$/.test(f))) {
    const connector = meta.split('/')[1] as string;
    const carried = files.filter(
      (f) =>
        f.startsWith(`packages/${connector}/src/`) ||
        f === `packages/${connector}/package.json` ||
        f.startsWith('packages/connector-common/src/')
    );
    contents.set(connector, {files: carried, packages: packages[connector] ?? []});
  }
  return contents;
}
