// The messages of spec, check and discover (and RECORD and LOG) are plain objects so that these
// commands do not load faros-airbyte-cdk (most of a second). This holds them byte for byte equal
// to what the CDK's message classes printed before, through the real command line.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';

import * as cdk from 'faros-airbyte-cdk';

import {redactSecrets} from '../../src/errors/redact';
import {
  catalogMessage,
  connectionStatusMessage,
  logMessage,
  recordMessage,
  specMessage,
} from '../../src/protocol/messages';
import {StreamOutput} from '../../src/protocol/output';
import * as values from '../../src/protocol/protocol-values';
import {outputLogger} from '../../src/protocol/output-logger';
import {runConnector} from '../../src/runner/run-connector';
import {CandleSource} from '../../src/connector/candle-source';
import {candleSourceCatalog} from '../../src/connector/catalog';
import {connectionSpecification} from '../../src/config/config';
import {testExchange} from '../support/test-exchange';

const NOW = '2024-01-10T00:30:00Z';

/** The protocol text a command prints, as the process writes it to stdout. */
async function printed(argv: string[]): Promise<{code: number; text: string}> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const output = new StreamOutput(sink);
  const source = new CandleSource(testExchange, outputLogger(output), () => Date.parse(NOW));
  const code = await runConnector(argv, {source, output, version: '1.2.3'});
  return {code, text: chunks.join('')};
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

function configFile(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'messages-cdk-'));
  tempDirs.push(dir);
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const line = (message: object) => JSON.stringify(message) + '\n';

describe('protocol values without the CDK', () => {
  test.each([
    ['AirbyteMessageType', values.AirbyteMessageType, cdk.AirbyteMessageType],
    ['AirbyteLogLevel', values.AirbyteLogLevel, cdk.AirbyteLogLevel],
    ['AirbyteConnectionStatus', values.AirbyteConnectionStatus, cdk.AirbyteConnectionStatus],
    ['SyncMode', values.SyncMode, cdk.SyncMode],
  ])('%s has the CDK enum values', (_name, ours, theirs) => {
    expect(ours).toEqual({...theirs});
  });
});

describe('message builders print what the CDK classes printed', () => {
  test('SPEC', () => {
    const spec = {
      documentationUrl: 'https://x',
      connectionSpecification: {},
      supportsIncremental: true,
    };
    expect(line(specMessage(spec))).toBe(line(new cdk.AirbyteSpec(spec)));
  });
  test('CONNECTION_STATUS, with and without a message (secrets redacted)', () => {
    expect(line(connectionStatusMessage(true))).toBe(
      line(new cdk.AirbyteConnectionStatusMessage({status: cdk.AirbyteConnectionStatus.SUCCEEDED}))
    );
    const message = 'cannot reach http://u:p@host/';
    expect(line(connectionStatusMessage(false, message))).toBe(
      line(
        new cdk.AirbyteConnectionStatusMessage({
          status: cdk.AirbyteConnectionStatus.FAILED,
          message: redactSecrets(message),
        })
      )
    );
  });
  test('CATALOG', () => {
    expect(line(catalogMessage(candleSourceCatalog()))).toBe(
      line(new cdk.AirbyteCatalogMessage(candleSourceCatalog()))
    );
  });
  test('RECORD', () => {
    const data = {market: 'KRW-BTC', open: '1.5'};
    expect(line(recordMessage('candles_hourly', data, 1700000000000))).toBe(
      line(new cdk.AirbyteRecord({stream: 'candles_hourly', emitted_at: 1700000000000, data}))
    );
  });
  test('LOG: one line, secrets redacted, every level', () => {
    for (const level of Object.values(cdk.AirbyteLogLevel)) {
      const message = 'two\nlines with http://user:secret@proxy/';
      expect(line(logMessage(level, message))).toBe(
        line(cdk.AirbyteLog.make(level, redactSecrets(message)))
      );
      expect(logMessage(level, message)).toEqual({
        ...cdk.AirbyteLog.make(level, redactSecrets(message)),
      });
    }
  });
});

describe('spec, check and discover print what they printed with the CDK classes', () => {
  test('spec', async () => {
    const spec = new cdk.AirbyteSpec({
      documentationUrl: testExchange.documentationUrl,
      connectionSpecification: connectionSpecification(testExchange),
      supportsIncremental: true,
    });
    Object.assign(spec.spec, {protocol_version: '0.2.0'});
    expect(await printed(['spec'])).toEqual({code: 0, text: line(spec)});
  });
  test('check of a config error', async () => {
    const {code, text} = await printed([
      'check',
      '--config',
      configFile({start_date: '2024-01-01', market: []}),
    ]);
    const status = new cdk.AirbyteConnectionStatusMessage({
      status: cdk.AirbyteConnectionStatus.FAILED,
      message: JSON.parse(text).connectionStatus.message,
    });
    expect(JSON.parse(text).connectionStatus.message).toMatch(/did you mean "markets"/);
    expect({code, text}).toEqual({code: 0, text: line(status)});
  });
  test('check of an unreadable config file', async () => {
    const {code, text} = await printed(['check', '--config', '/nonexistent/config.json']);
    const status = new cdk.AirbyteConnectionStatusMessage({
      status: cdk.AirbyteConnectionStatus.FAILED,
      message: 'Cannot read the config file /nonexistent/config.json (ENOENT).',
    });
    expect({code, text}).toEqual({code: 0, text: line(status)});
  });
  test('discover', async () => {
    const {code, text} = await printed([
      'discover',
      '--config',
      configFile({start_date: '2024-01-01'}),
    ]);
    expect({code, text}).toEqual({
      code: 0,
      text: line(new cdk.AirbyteCatalogMessage(candleSourceCatalog())),
    });
  });
});
