/**
 * Inputs a user gets wrong (issue 11), met where the user meets them: the real connector
 * process (bin/main, built lib) against the simulator. Each case is refused with the right
 * protocol output (check: CONNECTION_STATUS FAILED, exit 0; read: TRACE config_error, exit 1)
 * or accepted with a log line saying what it ignored; nothing is accepted silently.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {parseMessages, spawnInvoker} from '@korea-candles/connector-common/testing';
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {startTestSimulator} from './helpers/simulator';
import {SOURCES, UPBIT} from './helpers/sources';

const DISPLAY_NAME = {upbit: 'Upbit', bithumb: 'Bithumb', coinone: 'Coinone', korbit: 'Korbit'};

/** A message as parsed JSON: the test reaches into it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const invoke = spawnInvoker(UPBIT.bin, {}, {timeoutMs: 120_000});
let sim: RunningSimulator;
let dir: string;

const config = (extra: Record<string, unknown> = {}) => ({
  start_date: '2024-02-29T00:00:00Z',
  end_date: '2024-03-01T00:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: UPBIT.baseUrl(sim),
  ...extra,
});
const catalogOf = (...streams: Array<[string, 'incremental' | 'full_refresh']>) => ({
  streams: streams.map(([name, sync_mode]) => ({
    stream: {name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental']},
    sync_mode,
    destination_sync_mode: 'append',
  })),
});
const candles = catalogOf(['candles_hourly', 'incremental']);
const streamState = (name: string, stream_state: unknown) => ({
  type: 'STREAM',
  stream: {stream_descriptor: {name}, stream_state},
});

/** Runs one command with the given files (JSON values, or raw text when a string). */
async function run(command: string, files: Record<string, unknown>, invoker = invoke) {
  const args = [command];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, `${name}.json`);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    args.push(`--${name}`, path);
  }
  const result = await invoker(args);
  const {messages, violations} = parseMessages(result.stdout);
  expect(violations).toEqual([]);
  const all = messages as Json[];
  const traces = all.filter((m) => m.type === 'TRACE').map((m) => m.trace);
  return {
    code: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    records: all.filter((m) => m.type === 'RECORD').map((m) => m.record),
    states: all.filter((m) => m.type === 'STATE').map((m) => m.state),
    errors: traces.filter((t) => t.type === 'ERROR').map((t) => t.error),
    statuses: traces
      .filter((t) => t.type === 'STREAM_STATUS')
      .map((t) => `${t.stream_status.stream_descriptor.name} ${t.stream_status.status}`),
    logs: all.filter((m) => m.type === 'LOG').map((m) => `${m.log.level} ${m.log.message}`),
    status: all.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus,
  };
}

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-input-validation-'));
});
afterEach(() => rm(dir, {recursive: true, force: true}));

describe('check refuses, exit 0, naming the field', () => {
  it('an unknown key (a typo of markets), with the closest known name', async () => {
    const {markets, ...rest} = config();
    const r = await run('check', {config: {...rest, market: markets}});
    expect([r.code, r.status?.status]).toEqual([0, 'FAILED']);
    expect(r.status.message).toMatch(
      /^config field "market" is not a field of this source; did you mean "markets"\?/
    );
  });

  it('a start_date in the future', async () => {
    const r = await run('check', {config: config({start_date: '2099-01-01', end_date: undefined})});
    expect([r.code, r.status?.status]).toEqual([0, 'FAILED']);
    expect(r.status.message).toMatch(
      /^config field "start_date" is in the future \(2099-01-01T00:00:00Z;/
    );
  });

  it('a fractional requests_per_second', async () => {
    const r = await run('check', {config: config({requests_per_second: 2.5})});
    expect([r.code, r.status?.status]).toEqual([0, 'FAILED']);
    expect(r.status.message).toMatch(/^config field "requests_per_second" must be a whole number/);
  });
});

describe('read', () => {
  it('warns about a far-future cursor, keeps it, reads nothing, exit 0', async () => {
    const future = {markets: {'KRW-BTC': {candle_start_utc: '2099-01-01T00:00:00Z'}}};
    const r = await run('read', {
      config: config(),
      catalog: candles,
      state: [streamState('candles_hourly', future)],
    });
    expect({code: r.code, records: r.records.length}).toEqual({code: 0, records: 0});
    expect(
      r.logs.some((l) =>
        /^WARN The saved cursor of 1 market\(s\) in stream "candles_hourly" is in the future \(KRW-BTC at 2099-01-01T00:00:00Z;.*Clear data/.test(
          l
        )
      )
    ).toBe(true);
    expect(r.states.at(-1).stream.stream_state.markets['KRW-BTC'].candle_start_utc).toBe(
      '2099-01-01T00:00:00Z'
    );
  });

  it('refuses a catalog listing a stream twice, before reading anything', async () => {
    const r = await run('read', {
      config: config(),
      catalog: catalogOf(['candles_hourly', 'incremental'], ['candles_hourly', 'incremental']),
    });
    expect(r.code).toBe(1);
    expect([r.records, r.statuses]).toEqual([[], []]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(
          /^catalog streams\[1\]: stream "candles_hourly" is already configured in streams\[0\]/
        ),
      }),
    ]);
  });

  it('validates the state before the first stream starts', async () => {
    const bad = {markets: {'KRW-BTC': {candle_start_utc: '2024-02-29T00:30:00Z'}}};
    const r = await run('read', {
      config: config(),
      catalog: catalogOf(['markets', 'full_refresh'], ['candles_hourly', 'incremental']),
      state: [streamState('candles_hourly', bad)],
    });
    expect(r.code).toBe(1);
    expect([r.records, r.statuses]).toEqual([[], []]);
    expect(r.errors[0]).toMatchObject({failure_type: 'config_error'});
    expect(r.errors[0].message).toMatch(/^The saved state of stream "candles_hourly" is not valid/);
  });

  it('refuses a GLOBAL state and a LEGACY object state, telling to reset', async () => {
    const cursor = {markets: {'KRW-BTC': {candle_start_utc: '2024-02-29T05:00:00Z'}}};
    const global = [
      {
        type: 'GLOBAL',
        global: {
          stream_states: [{stream_descriptor: {name: 'candles_hourly'}, stream_state: cursor}],
        },
      },
    ];
    for (const state of [global, {candles_hourly: cursor}]) {
      const r = await run('read', {config: config(), catalog: candles, state});
      expect(r.code).toBe(1);
      expect(r.records).toEqual([]);
      expect(r.errors[0]).toMatchObject({failure_type: 'config_error'});
      expect(r.errors[0].message).toMatch(/(GLOBAL|LEGACY) state.*Reset the connection/);
    }
  });

  it('accepts an empty list as no state and says so', async () => {
    const r = await run('read', {config: config(), catalog: candles, state: []});
    expect(r.code).toBe(0);
    expect(r.records.length).toBeGreaterThan(0);
    expect(r.logs).toContain(
      'INFO The state input is an empty list ([]): no saved state; every stream starts from start_date.'
    );
  });

  it('accepts config, catalog and state files that start with a UTF-8 BOM', async () => {
    const bom = (v: unknown) => '\uFEFF' + JSON.stringify(v);
    const r = await run('read', {
      config: bom(config()),
      catalog: bom(candles),
      state: bom([]),
    });
    expect({code: r.code, errors: r.errors}).toEqual({code: 0, errors: []});
    expect(r.records.length).toBeGreaterThan(0);
  });
});

describe.each(SOURCES)(
  '$exchange read: configured markets the exchange does not list',
  (source) => {
    const name = DISPLAY_NAME[source.exchange];
    const btc = source.marketCode('KRW-BTC');
    const nope = source.marketCode('KRW-NOPE');
    const sourceConfig = (markets: string[]) => ({
      ...config({markets}),
      api_base_url: source.baseUrl(sim),
    });
    const runSource = (command: string, files: Record<string, unknown>) =>
      run(command, files, spawnInvoker(source.bin, {}, {timeoutMs: 120_000}));

    it('reports one as an ERROR and in the summary, reads the others, exit 0', async () => {
      const r = await runSource('read', {config: sourceConfig([btc, nope]), catalog: candles});
      expect({code: r.code, errors: r.errors}).toEqual({code: 0, errors: []});
      expect(r.records.length).toBeGreaterThan(0);
      expect(r.logs).toContain(
        `ERROR ${name} does not list market ${nope} (delisted or mistyped): it is not read. ` +
          'Remove it from config field "markets" to stop this error.'
      );
      expect(r.logs).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^INFO Stream candles_hourly: \\d+ record\\(s\\)\\. 1 configured market\\(s\\) not listed by ${name} and not read: ${nope}\\.$`
          )
        )
      );
    });

    it('fails the stream with a config_error when none is listed, exit 1', async () => {
      const r = await runSource('read', {config: sourceConfig([nope]), catalog: candles});
      expect(r.code).toBe(1);
      expect(r.statuses).toEqual([
        'candles_hourly STARTED',
        'candles_hourly RUNNING',
        'candles_hourly INCOMPLETE',
      ]);
      expect(r.errors[0]).toMatchObject({failure_type: 'config_error'});
      expect(r.errors[0].message).toMatch(
        new RegExp(`^config field "markets": ${name} lists none`)
      );
    });
  }
);

describe('credentials in api_base_url', () => {
  it('check and read work through the URL and never print the password or user', async () => {
    const url = UPBIT.baseUrl(sim).replace('http://', 'http://proxy-user:Sup3r-secret@');
    const checked = await run('check', {config: config({api_base_url: url})});
    expect(checked.status?.status).toBe('SUCCEEDED');
    expect(checked.status.message).toContain('reachable at http://***@127.0.0.1:');
    const read = await run('read', {config: config({api_base_url: url}), catalog: candles});
    expect(read.code).toBe(0);
    for (const r of [checked, read]) {
      expect(r.stdout + r.stderr).not.toMatch(/Sup3r-secret|proxy-user/);
    }
  });
});
