import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CliError, UsageError} from '../../src/airbyte/errors';
import {readConnectorImage} from '../../src/airbyte/metadata';
import {CONNECTOR_DIR, DOCS_URL, ECR} from './harness';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airbyte-register-'));
  tempDirs.push(dir);
  return dir;
}

function connectorWith(data: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'metadata.yaml'), `metadataSpecVersion: "1.0"\ndata:\n${data}`);
  return dir;
}

describe('readConnectorImage', () => {
  it('reads name, repository, tag and docs URL from metadata.yaml', () => {
    expect(readConnectorImage(CONNECTOR_DIR, {})).toEqual({
      name: 'Upbit Hourly Candles',
      dockerRepository: 'korea-candles/source-upbit-candles',
      dockerImageTag: '0.2.0',
      documentationUrl: DOCS_URL,
      metadataPath: join(CONNECTOR_DIR, 'metadata.yaml'),
    });
  });

  it('prefixes the registry and takes the tag override', () => {
    const image = readConnectorImage(CONNECTOR_DIR, {
      imageRegistry: ECR,
      tag: '0.2.0-dev.g1a2b3c4d5e',
    });
    expect(image.dockerRepository).toBe(`${ECR}/korea-candles/source-upbit-candles`);
    expect(image.dockerImageTag).toBe('0.2.0-dev.g1a2b3c4d5e');
  });

  it('refuses an unquoted tag like 1.10 (YAML reads the number 1.1), saying to quote it', () => {
    const dir = connectorWith(
      '  name: X\n  dockerRepository: org/x\n  dockerImageTag: 1.10\n  documentationUrl: https://example.com/x\n'
    );
    expect(() => readConnectorImage(dir, {})).toThrow(
      /data\.dockerImageTag: .*\n.*quote the version/
    );
  });

  it('names the missing field', () => {
    const dir = connectorWith(
      '  name: X\n  dockerImageTag: 0.1.0\n  documentationUrl: https://example.com/x\n'
    );
    expect(() => readConnectorImage(dir, {})).toThrow(CliError);
    expect(() => readConnectorImage(dir, {})).toThrow(/data\.dockerRepository/);
  });

  it('is a usage error when the directory has no metadata.yaml', () => {
    const dir = tempDir();
    expect(() => readConnectorImage(dir, {})).toThrow(UsageError);
    expect(() => readConnectorImage(dir, {})).toThrow('has no metadata.yaml');
  });
});
