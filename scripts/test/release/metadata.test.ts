import {readdirSync, readFileSync, existsSync} from 'node:fs';
import path from 'node:path';

import {parseMetadata} from '../../src/release/metadata';
import {metadataYaml} from './git-fixture';

const PACKAGES = path.resolve(__dirname, '..', '..', '..', 'packages');

describe('connector metadata schema', () => {
  const connectors = readdirSync(PACKAGES).filter((p) =>
    existsSync(path.join(PACKAGES, p, 'metadata.yaml'))
  );

  it('finds the connectors', () => {
    expect(connectors).toContain('source-upbit-candles');
  });

  it.each(connectors)('accepts packages/%s/metadata.yaml', (connector) => {
    const file = `packages/${connector}/metadata.yaml`;
    const parsed = parseMetadata(
      readFileSync(path.join(PACKAGES, connector, 'metadata.yaml'), 'utf8'),
      file
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.metadata?.dockerRepository).toMatch(new RegExp(`/${connector}$`));
  });

  it('accepts the minimal Airbyte example shape', () => {
    expect(parseMetadata(metadataYaml('source-example-ts', '0.1.0'), 'm.yaml').problems).toEqual(
      []
    );
  });

  it.each([
    [
      'a missing required field',
      (y: string) => y.replace(/ {2}githubIssueLabel: .*\n/, ''),
      'data.githubIssueLabel',
    ],
    ['an unknown top-level field', (y: string) => `${y}extra: 1\n`, 'extra'],
    [
      'a bad enum',
      (y: string) => y.replace('releaseStage: alpha', 'releaseStage: stable'),
      'data.releaseStage',
    ],
    [
      'a non-uuid definitionId',
      (y: string) => y.replace(/definitionId: .*/, 'definitionId: 123'),
      'data.definitionId',
    ],
    [
      'a tag without key:value',
      (y: string) => y.replace('language:typescript', 'typescript'),
      'data.tags[0]',
    ],
    [
      'a dev version committed',
      (y: string) => y.replace('0.1.0', '0.1.0-dev.1.gabcdef0'),
      'data.dockerImageTag',
    ],
    [
      'a bad documentation url',
      (y: string) => y.replace(/documentationUrl: .*/, 'documentationUrl: not a url'),
      'data.documentationUrl',
    ],
  ])('rejects %s', (_what, mutate, field) => {
    const problems = parseMetadata(mutate(metadataYaml('source-x', '0.1.0')), 'm.yaml').problems;
    expect(problems.map((p) => p.field)).toContain(field);
  });
});
