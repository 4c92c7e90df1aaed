import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {MemoryOutput} from '../../src/protocol/output';
import {outputLogger} from '../../src/protocol/output-logger';
import {runConnector} from '../../src/runner/run-connector';
import {CandleSource} from '../../src/connector/candle-source';
import {configuredCatalog, JsonMessage, runInProcess} from '../../src/testing/in-process-run';
import {candlePage, hours} from '../../src/families/upbit-compatible/fixtures';
import {Answer, FakeExchangeServer} from '../support/fake-exchange-server';
import {testExchange} from '../support/test-exchange';

const NOW = '2024-01-10T00:30:00Z';
const MARKETS =
  '[{"market":"KRW-BTC","korean_name":"비트코인","english_name":"Bitcoin"},' +
  '{"market":"KRW-ETH","korean_name":"이더리움","english_name":"Ethereum"}]';
const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: exchange.baseUrl,
  max_attempts: 2,
  ...extra,
});
const candlesCatalog = configuredCatalog(['candles_hourly', 'incremental']);
const runTest = (command: string, files: {config?: object; catalog?: object; state?: object}) =>
  runInProcess(testExchange, command, files, NOW);

const statuses = (traces: JsonMessage[], stream: string) =>
  traces
    .filter((t) => t.type === 'STREAM_STATUS' && t.stream_status.stream_descriptor.name === stream)
    .map((t) => t.stream_status.status);
const errors = (traces: JsonMessage[]) =>
  traces.filter((t) => t.type === 'ERROR').map((t) => t.error);

/** Runs the command line directly, for arguments runInProcess cannot express. */
async function runArgs(argv: string[]) {
  const output = new MemoryOutput();
  const source = new CandleSource(testExchange, outputLogger(output), () => Date.parse(NOW));
  const code = await runConnector(argv, {source, output, version: '1.2.3'});
  return {code, messages: output.messages as unknown as JsonMessage[]};
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-test-'));
  tempDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const exchange = new FakeExchangeServer();
const CANDLES = '/v1/candles/minutes/60';
/** The exchange lists MARKETS and answers candle requests with `candles`. */
const serveCandles = (candles: (url: URL) => Answer) =>
  exchange.serve((url) => (url.pathname === '/v1/market/all' ? [200, MARKETS] : candles(url)));

let stdout: jest.SpiedFunction<typeof process.stdout.write>;
let stderr: jest.SpiedFunction<typeof process.stderr.write>;
beforeAll(() => exchange.start());
beforeEach(() => {
  exchange.serve(() => [500, '{"error":{"name":500,"message":"not expected in this test"}}']);
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => exchange.stop());

describe('input files', () => {
  it('fails a read with a config_error naming a missing config file, exit 1', async () => {
    const missing = join(tmpdir(), 'no-such-dir-for-runner-test', 'config.json');
    const catalog = tempFile('catalog.json', JSON.stringify(candlesCatalog));
    const run = await runArgs(['read', '--config', missing, '--catalog', catalog]);
    expect(run.code).toBe(1);
    expect(run.messages).toHaveLength(1);
    expect(run.messages[0]!.trace.error).toMatchObject({
      message: `Cannot read the config file ${missing} (ENOENT).`,
      failure_type: 'config_error',
    });
  });

  it('says a config file that is not JSON is not valid JSON', async () => {
    const path = tempFile('config', '{"start_date": "2024-01-01",}');
    const run = await runArgs(['discover', '--config', path]);
    expect(run.code).toBe(1);
    const error = run.messages[0]!.trace.error;
    expect(error.failure_type).toBe('config_error');
    expect(error.message).toMatch(new RegExp(`^The config file ${path} is not valid JSON: .+\\.$`));
  });

  it('reads input files whatever their name (no .json needed)', async () => {
    const path = tempFile('config', JSON.stringify(config()));
    const run = await runArgs(['discover', '--config', path]);
    expect(run.code).toBe(0);
    expect(run.messages[0]!.catalog.streams.map((s: JsonMessage) => s.name)).toEqual([
      'markets',
      'candles_hourly',
    ]);
  });

  it('check with an unreadable config reports FAILED and exits 0', async () => {
    const missing = join(tmpdir(), 'no-such-dir-for-runner-test', 'config.json');
    const run = await runArgs(['check', '--config', missing]);
    expect(run.code).toBe(0);
    expect(run.messages).toEqual([
      {
        type: 'CONNECTION_STATUS',
        connectionStatus: {
          status: 'FAILED',
          message: `Cannot read the config file ${missing} (ENOENT).`,
        },
      },
    ]);
  });

  it('check with an invalid config names the field without calling the exchange', async () => {
    const run = await runTest('check', {config: config({page_size: 51})});
    expect(run.code).toBe(0);
    expect(run.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message: 'config field "page_size" must be at most 50, the most TestEx returns per request.',
    });
  });
});

describe('command line', () => {
  it('exits 2 on an unknown command and prints nothing on stdout', async () => {
    const run = await runArgs(['sync', '--config', 'x.json']);
    expect(run.code).toBe(2);
    expect(run.messages).toEqual([]);
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr.mock.calls.join('')).toMatch(/unknown command 'sync'/);
  });

  it('exits 2 when a required option is missing', async () => {
    const run = await runArgs(['read', '--config', 'x.json']);
    expect(run.code).toBe(2);
    expect(run.messages).toEqual([]);
    expect(stderr.mock.calls.join('')).toMatch(/--catalog/);
  });

  it('--version prints the connector version, not the CDK one, and keeps stdout clean', async () => {
    const run = await runArgs(['--version']);
    expect(run.code).toBe(0);
    expect(run.messages).toEqual([]);
    expect(stderr.mock.calls.join('')).toBe('1.2.3\n');
    expect(stdout).not.toHaveBeenCalled();
  });

  it('spec prints the exchange spec with a protocol version', async () => {
    const run = await runArgs(['spec']);
    expect(run.code).toBe(0);
    expect(run.messages).toHaveLength(1);
    const spec = run.messages[0]!.spec;
    expect(spec.protocol_version).toBe('0.2.0');
    expect(spec.documentationUrl).toBe('https://example.com/docs/testex');
    expect(spec.connectionSpecification.properties.page_size.maximum).toBe(50);
    expect(spec.connectionSpecification.properties.requests_per_second.default).toBe(8);
  });
});

describe('read', () => {
  it('reads candles, sending `to` with an explicit KST offset', async () => {
    serveCandles(() => [200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5, [2]))]);
    const run = await runTest('read', {config: config(), catalog: candlesCatalog});
    expect({code: run.code, errors: errors(run.traces)}).toEqual({code: 0, errors: []});
    expect(exchange.requests).toEqual([
      '/v1/market/all',
      `${CANDLES}?market=KRW-BTC&to=2024-01-10T10:00:00+09:00&count=50`,
    ]);
    expect(run.records.map((r) => [r.stream, r.data.exchange, r.data.candle_start_utc])).toEqual([
      ['candles_hourly', 'testex', '2024-01-09T20:00:00Z'],
      ['candles_hourly', 'testex', '2024-01-09T21:00:00Z'],
      ['candles_hourly', 'testex', '2024-01-09T23:00:00Z'],
      ['candles_hourly', 'testex', '2024-01-10T00:00:00Z'],
    ]);
    expect(run.states.map((s) => s.sourceStats.recordCount)).toEqual([4]);
    expect(statuses(run.traces, 'candles_hourly')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  it('refuses a stream in a sync mode it does not support, naming it, before any request', async () => {
    const run = await runTest('read', {
      config: config(),
      catalog: configuredCatalog(['candles_hourly', 'incremental'], ['markets', 'incremental']),
    });
    expect(run.code).toBe(1);
    expect(run.records).toEqual([]);
    expect(errors(run.traces)).toEqual([
      expect.objectContaining({
        message:
          'catalog streams[1] (markets): sync_mode "incremental" is not supported; use full_refresh.',
        failure_type: 'config_error',
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });

  it('refuses a stream it does not offer', async () => {
    const run = await runTest('read', {
      config: config(),
      catalog: configuredCatalog(['trades', 'full_refresh']),
    });
    expect(run.code).toBe(1);
    expect(errors(run.traces)[0]).toMatchObject({
      message:
        'catalog streams[0]: unknown stream "trades"; this source offers markets, candles_hourly.',
      failure_type: 'config_error',
    });
  });

  it('fails an invalid config before reading anything', async () => {
    const run = await runTest('read', {
      config: config({markets: ['krw-btc']}),
      catalog: candlesCatalog,
    });
    expect(run.code).toBe(1);
    expect(run.messages.filter((m) => m.type !== 'LOG')).toEqual([
      expect.objectContaining({
        trace: expect.objectContaining({
          error: expect.objectContaining({
            message: 'config field "markets.0" must be a QUOTE-BASE market code like KRW-BTC.',
            failure_type: 'config_error',
          }),
        }),
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });

  it('refuses a malformed state file as a config_error telling to reset', async () => {
    const run = await runTest('read', {
      config: config(),
      catalog: candlesCatalog,
      state: [{type: 'LEGACY', data: {}}] as unknown as object,
    });
    expect(run.code).toBe(1);
    expect(errors(run.traces)[0]).toMatchObject({failure_type: 'config_error'});
    expect(errors(run.traces)[0].message).toMatch(/Reset the connection/);
  });

  it('completes the other stream when one fails, then exits 1', async () => {
    serveCandles(() => [
      200,
      candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)).replace('"unit":60', '"unit":1'),
    ]);
    const run = await runTest('read', {
      config: config(),
      catalog: configuredCatalog(['candles_hourly', 'incremental'], ['markets', 'full_refresh']),
    });
    expect(run.code).toBe(1);
    expect(statuses(run.traces, 'candles_hourly')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    expect(statuses(run.traces, 'markets')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(run.records.map((r) => [r.stream, r.data.market])).toEqual([
      ['markets', 'KRW-BTC'],
      ['markets', 'KRW-ETH'],
    ]);
    const [error] = errors(run.traces);
    expect(error.stream_descriptor).toEqual({name: 'candles_hourly'});
    expect(error.failure_type).toBe('system_error');
    expect(error.message).toContain('field "[0].unit" must be 60 for hourly candles');
    expect(errors(run.traces)).toHaveLength(1);
    expect(run.logs.at(-1)).toBe(
      'ERROR Stream(s) candles_hourly did not sync; see the errors above.'
    );
    // Each stream's STATE belongs to it: none for the failed stream.
    expect(run.states.map((s) => s.stream.stream_descriptor.name)).toEqual(['markets']);
  });

  it('reads from the saved state minus the lookback', async () => {
    serveCandles(() => [200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5))]);
    const run = await runTest('read', {
      config: config({lookback_hours: 1}),
      catalog: candlesCatalog,
      state: [
        {
          type: 'STREAM',
          stream: {
            stream_descriptor: {name: 'candles_hourly'},
            stream_state: {markets: {'KRW-BTC': {candle_start_utc: '2024-01-09T23:00:00Z'}}},
          },
        },
      ] as unknown as object,
    });
    expect({code: run.code, errors: errors(run.traces)}).toEqual({code: 0, errors: []});
    expect(exchange.requests).toHaveLength(2);
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T22:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });
});
