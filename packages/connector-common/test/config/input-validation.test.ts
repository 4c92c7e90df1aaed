/**
 * What a user meets when an input is wrong (issue 11): the config, catalog and state are
 * refused with a config_error naming the fix, or accepted with a log line saying what was
 * ignored; nothing is accepted silently. Runs the command line in-process against a local
 * fake exchange, with input files in a temp dir removed after each test.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {MemoryOutput} from '../../src/protocol/output';
import {outputLogger} from '../../src/protocol/output-logger';
import {runConnector} from '../../src/runner/run-connector';
import {CandleSource} from '../../src/connector/candle-source';
import {configuredCatalog, JsonMessage} from '../../src/testing/in-process-run';
import {candlePage, hours} from '../../src/families/upbit-compatible/fixtures';
import {FakeExchangeServer} from '../support/fake-exchange-server';
import {testExchange} from '../support/test-exchange';

const NOW = '2024-01-10T00:30:00Z';
const MARKETS =
  '[{"market":"KRW-BTC","korean_name":"비트코인","english_name":"Bitcoin"},' +
  '{"market":"KRW-ETH","korean_name":"이더리움","english_name":"Ethereum"}]';
const CANDLES = '/v1/candles/minutes/60';
const exchange = new FakeExchangeServer();
const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['KRW-BTC'],
  api_base_url: exchange.baseUrl,
  max_attempts: 2,
  ...extra,
});
const candles = configuredCatalog(['candles_hourly', 'incremental']);
const both = configuredCatalog(['markets', 'full_refresh'], ['candles_hourly', 'incremental']);
const streamState = (name: string, stream_state: unknown) => ({
  type: 'STREAM',
  stream: {stream_descriptor: {name}, stream_state},
});
const cursorAt = (hour: string) => ({markets: {'KRW-BTC': {candle_start_utc: hour}}});

let dir: string;
/** Writes the files (JSON values, or raw text when a string) and runs the command. */
async function run(command: string, files: {config?: unknown; catalog?: unknown; state?: unknown}) {
  const args = [command];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    args.push(`--${name}`, path);
  }
  const output = new MemoryOutput();
  const source = new CandleSource(testExchange, outputLogger(output), () => Date.parse(NOW));
  const code = await runConnector(args, {source, output, version: '0.0.0-test'});
  const messages = output.messages as unknown as JsonMessage[];
  const traces = messages.filter((m) => m.type === 'TRACE').map((m) => m.trace);
  return {
    code,
    messages,
    records: messages.filter((m) => m.type === 'RECORD').map((m) => m.record),
    states: messages.filter((m) => m.type === 'STATE').map((m) => m.state),
    errors: traces.filter((t) => t.type === 'ERROR').map((t) => t.error),
    statuses: traces
      .filter((t) => t.type === 'STREAM_STATUS')
      .map((t) => `${t.stream_status.stream_descriptor.name} ${t.stream_status.status}`),
    logs: messages.filter((m) => m.type === 'LOG').map((m) => `${m.log.level} ${m.log.message}`),
    status: messages.find((m) => m.type === 'CONNECTION_STATUS')?.connectionStatus,
  };
}

beforeAll(() => exchange.start());
afterAll(() => exchange.stop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'input-validation-test-'));
  exchange.serve((url) =>
    url.pathname === '/v1/market/all'
      ? [200, MARKETS]
      : url.pathname === CANDLES && url.searchParams.get('market') === 'KRW-BTC'
        ? [200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5))]
        : [404, '{"error":{"name":404,"message":"Code not found"}}']
  );
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

describe('unknown config keys (item 7)', () => {
  it('check FAILs naming the closest field, exit 0, without calling the exchange', async () => {
    const r = await run('check', {config: {start_date: '2024-01-01', market: ['KRW-BTC']}});
    expect(r.code).toBe(0);
    expect(r.status.status).toBe('FAILED');
    expect(r.status.message).toMatch(
      /^config field "market" is not a field of this source; did you mean "markets"\?/
    );
    expect(exchange.requests).toEqual([]);
  });

  it('read fails with a config_error before reading anything', async () => {
    const {markets, ...rest} = config();
    const r = await run('read', {config: {...rest, market: markets}, catalog: candles});
    expect(r.code).toBe(1);
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(/^config field "market" .*did you mean "markets"\?/),
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });
});

describe('configured markets the exchange does not list (item 8)', () => {
  it('read goes on with the listed ones: an ERROR log per unlisted market and a count in the summary', async () => {
    const r = await run('read', {
      config: config({markets: ['KRW-BTC', 'KRW-LUNA']}),
      catalog: candles,
      state: [
        streamState('candles_hourly', {
          markets: {'KRW-LUNA': {candle_start_utc: '2024-01-01T00:00:00Z'}},
        }),
      ],
    });
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(5);
    expect(r.logs).toContain(
      'ERROR TestEx does not list market KRW-LUNA (delisted or mistyped): it is not read, and its ' +
        'saved cursor is kept. Remove it from config field "markets" to stop this error.'
    );
    expect(r.logs).toContain(
      'INFO Stream candles_hourly: 5 record(s). 1 configured market(s) not listed by TestEx and not read: KRW-LUNA.'
    );
    expect(r.states.at(-1).stream.stream_state.markets['KRW-LUNA']).toEqual({
      candle_start_utc: '2024-01-01T00:00:00Z',
    });
  });

  it('read fails the stream with a config_error when none of them is listed', async () => {
    const r = await run('read', {config: config({markets: ['KRW-LUNA']}), catalog: candles});
    expect(r.code).toBe(1);
    expect(r.statuses).toEqual([
      'candles_hourly STARTED',
      'candles_hourly RUNNING',
      'candles_hourly INCOMPLETE',
    ]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        stream_descriptor: {name: 'candles_hourly'},
        message: expect.stringMatching(
          /^config field "markets": TestEx lists none of the configured markets \(KRW-LUNA/
        ),
      }),
    ]);
  });
});

describe('dates in the future (item 10)', () => {
  it('check FAILs a start_date in the future, naming the field', async () => {
    const r = await run('check', {config: config({start_date: '2099-01-01'})});
    expect([r.code, r.status.status]).toEqual([0, 'FAILED']);
    expect(r.status.message).toBe(
      'config field "start_date" is in the future (2099-01-01T00:00:00Z; now is 2024-01-10T00:30:00Z), ' +
        'so there is nothing to read. Set it to the first hour you want, in the past, e.g. 2024-01-01.'
    );
    expect(exchange.requests).toEqual([]);
  });

  it('read refuses a start_date in the future with a config_error', async () => {
    const r = await run('read', {config: config({start_date: '2099-01-01'}), catalog: candles});
    expect(r.code).toBe(1);
    expect(r.errors[0]).toMatchObject({failure_type: 'config_error'});
    expect(r.errors[0].message).toMatch(/^config field "start_date" is in the future/);
  });

  it('read warns about a saved cursor in the future, keeps it, says how to reset, and reads nothing', async () => {
    const r = await run('read', {
      config: config(),
      catalog: candles,
      state: [streamState('candles_hourly', cursorAt('2099-01-01T00:00:00Z'))],
    });
    expect(r.code).toBe(0);
    expect(r.records).toEqual([]);
    const warning = r.logs.find((l) => l.startsWith('WARN The saved cursor'));
    expect(warning).toBe(
      'WARN The saved cursor of 1 market(s) in stream "candles_hourly" is in the future ' +
        '(KRW-BTC at 2099-01-01T00:00:00Z; the current hour is 2024-01-10T00:00:00Z). Nothing is ' +
        'read for them until then, and the cursor is kept. If the state was edited by hand or ' +
        'written under a wrong clock, reset the stream "candles_hourly" in Airbyte (Connection → ' +
        "Status → the stream's menu → Clear data) to read again from start_date."
    );
    // The warning comes before the stream starts.
    const firstStatus = r.messages.findIndex((m) => m.type === 'TRACE');
    expect(r.messages.findIndex((m) => m.log?.message === warning!.slice(5))).toBeLessThan(
      firstStatus
    );
    expect(r.states.at(-1).stream.stream_state.markets['KRW-BTC'].candle_start_utc).toBe(
      '2099-01-01T00:00:00Z'
    );
  });

  it('does not warn about a cursor at the current hour', async () => {
    const r = await run('read', {
      config: config(),
      catalog: candles,
      state: [streamState('candles_hourly', cursorAt('2024-01-10T00:00:00Z'))],
    });
    expect(r.code).toBe(0);
    expect(r.logs.filter((l) => l.startsWith('WARN'))).toEqual([]);
  });
});

describe('the catalog (item 11)', () => {
  it('refuses a stream listed twice, before reading anything', async () => {
    const r = await run('read', {
      config: config(),
      catalog: configuredCatalog(
        ['candles_hourly', 'incremental'],
        ['markets', 'full_refresh'],
        ['candles_hourly', 'full_refresh']
      ),
    });
    expect(r.code).toBe(1);
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message:
          'catalog streams[2]: stream "candles_hourly" is already configured in streams[0]; list ' +
          'each stream once (reading it twice would emit every record twice).',
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });
});

describe('the state (item 12)', () => {
  it('validates the whole state before any stream starts', async () => {
    const r = await run('read', {
      config: config(),
      catalog: both,
      state: [streamState('candles_hourly', cursorAt('2024-01-09T20:30:00Z'))],
    });
    expect(r.code).toBe(1);
    expect(r.records).toEqual([]);
    expect(r.statuses).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(
          /^The saved state of stream "candles_hourly" is not valid: markets.KRW-BTC.candle_start_utc must be an hour/
        ),
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['[]', [], 'an empty list ([])'],
    ['{}', {}, 'an empty object ({})'],
  ])('accepts %s as no state and says so', async (_name, state, what) => {
    const r = await run('read', {config: config(), catalog: candles, state});
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(5);
    expect(r.logs).toContain(
      `INFO The state input is ${what}: no saved state; every stream starts from start_date.`
    );
  });

  it('says which saved states it ignores', async () => {
    const r = await run('read', {
      config: config(),
      catalog: configuredCatalog(['candles_hourly', 'full_refresh']),
      state: [
        streamState('candles_hourly', cursorAt('2024-01-09T23:00:00Z')),
        streamState('markets', {}),
        streamState('trades', {}),
      ],
    });
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(5);
    expect(r.logs).toEqual(
      expect.arrayContaining([
        'INFO The saved state of stream "candles_hourly" is ignored: the stream is configured as full refresh.',
        'INFO The saved state of stream "markets" is ignored: the stream is not in the configured catalog.',
        'INFO The saved state of stream "trades" is ignored: the stream is not in the configured catalog.',
      ])
    );
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a LEGACY object state',
      {candles_hourly: cursorAt('2024-01-09T23:00:00Z')},
      /^The state file holds a LEGACY state .*Reset the connection/,
    ],
    [
      'a GLOBAL state',
      [
        {
          type: 'GLOBAL',
          global: {
            stream_states: [
              {
                stream_descriptor: {name: 'candles_hourly'},
                stream_state: cursorAt('2024-01-09T23:00:00Z'),
              },
            ],
          },
        },
      ],
      /^State entry \[0\] is a GLOBAL state .*Reset the connection/,
    ],
    [
      'two states for one stream',
      [
        streamState('candles_hourly', cursorAt('2024-01-09T23:00:00Z')),
        streamState('candles_hourly', cursorAt('2024-01-09T22:00:00Z')),
      ],
      /^State entries \[0\] and \[1\] are both for stream "candles_hourly"/,
    ],
    ['a number', 42, /^The state file must hold a JSON array of STATE messages, not a number/],
  ])('refuses %s, which this connector cannot have written', async (_name, state, message) => {
    const r = await run('read', {config: config(), catalog: candles, state});
    expect(r.code).toBe(1);
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(message),
      }),
    ]);
    expect(exchange.requests).toEqual([]);
  });
});

describe('requests_per_second (item 13)', () => {
  it('check FAILs a fractional value naming the config field', async () => {
    const r = await run('check', {config: config({requests_per_second: 2.5})});
    expect([r.code, r.status.status]).toEqual([0, 'FAILED']);
    expect(r.status.message).toBe(
      'config field "requests_per_second" must be a whole number (the rate limiter starts whole requests each second).'
    );
  });
});

describe('a UTF-8 byte order mark (item 14)', () => {
  const bom = (value: unknown) => '\uFEFF' + JSON.stringify(value);

  it('check accepts a config file that starts with a BOM', async () => {
    const r = await run('check', {config: bom(config())});
    expect(r.status).toEqual({
      status: 'SUCCEEDED',
      message: expect.stringMatching(/1 market\(s\) selected/),
    });
  });

  it('read accepts config, catalog and state files that start with a BOM', async () => {
    const r = await run('read', {
      config: bom(config({lookback_hours: 1})),
      catalog: bom(candles),
      state: bom([streamState('candles_hourly', cursorAt('2024-01-09T23:00:00Z'))]),
    });
    expect(r.code).toBe(0);
    expect(r.records.map((x) => x.data.candle_start_utc)).toEqual([
      '2024-01-09T22:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });
});

describe('credentials in api_base_url (item 17)', () => {
  const withPassword = () => exchange.baseUrl.replace('http://', 'http://proxy-user:Sup3r-secret@');

  it('check succeeds through the URL and never prints the password or the user', async () => {
    const r = await run('check', {config: config({api_base_url: withPassword()})});
    expect(r.status.status).toBe('SUCCEEDED');
    expect(r.status.message).toContain('reachable at http://***@127.0.0.1:');
    expect(JSON.stringify(r.messages)).not.toMatch(/Sup3r-secret|proxy-user/);
  });

  it('an HTTP failure quoting the URL is printed without the credentials', async () => {
    const url = withPassword();
    exchange.serve(() => [
      400,
      `{"error":{"name":"proxy_error","message":"upstream ${url}/v1/market/all refused"}}`,
    ]);
    const checked = await run('check', {config: config({api_base_url: url})});
    expect(checked.status.status).toBe('FAILED');
    expect(checked.status.message).toContain('http://***@127.0.0.1:');
    const read = await run('read', {config: config({api_base_url: url}), catalog: both});
    expect(read.code).toBe(1);
    expect(read.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify([checked.messages, read.messages])).not.toMatch(
      /Sup3r-secret|proxy-user/
    );
  });
});
