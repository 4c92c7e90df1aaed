/**
 * The image runs packages/<connector>/dist/main.js alone (`npm run build` writes it; see
 * scripts/src/bundle): no node_modules, no other file. A copy of each bundle in an empty folder
 * must answer spec, check, discover and a short read against the simulator exactly as the
 * unbundled bin/main does.
 */
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {RunningSimulator} from '@korea-candles/exchange-simulator';
import {
  invokeConnector,
  spawnInvoker,
  type AirbyteMessage,
  type ConnectorRun,
} from '@korea-candles/connector-common/testing';

import {configuredCatalog} from './helpers/connector';
import {startTestSimulator} from './helpers/simulator';
import {configMarkets, SOURCES} from './helpers/sources';

/** What may differ between two runs of the same command: wall-clock times, durations, rates. */
function comparable(run: ConnectorRun): unknown[] {
  return run.messages.map((m: AirbyteMessage) =>
    JSON.parse(
      JSON.stringify(m)
        .replace(/"emitted_at":\d+/g, '"emitted_at":0')
        .replace(/"cursor_read_at":"[^"]+"/g, '"cursor_read_at":"<now>"')
        .replace(/\d+(?:\.\d+)? ?(?:ms|s|\/s)\b/g, '<duration>')
    )
  );
}

/**
 * Preloaded with NODE_OPTIONS: prints the modules the process require()d by name. A bundle
 * require()s only Node's built-ins, and axios is the only part of it that needs node:http.
 */
const REQUIRE_LOG = `
const Module = require('node:module');
const seen = new Set();
const original = Module.prototype.require;
Module.prototype.require = function (id) { seen.add(id); return original.apply(this, arguments); };
process.on('exit', () => process.stderr.write('REQUIRED ' + [...seen].sort().join(',') + '\\n'));
`;

function requiredBy(run: ConnectorRun): string[] {
  const line = /^REQUIRED (.*)$/m.exec(run.result.stderr);
  if (!line) throw new Error(`the require log printed nothing:\n${run.result.stderr}`);
  return (line[1] as string).split(',');
}

const HTTP_STACK = /^(?:node:)?(?:http|https|zlib)$/;

describe.each(SOURCES)('$exchange: the bundle behaves as the unbundled connector', (source) => {
  let sim: RunningSimulator;
  let dir: string;
  let bundled: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    // An empty folder outside the repository: nothing can be resolved from node_modules.
    dir = mkdtempSync(join(tmpdir(), `bundle-${source.exchange}-`));
    bundled = join(dir, 'main.js');
    copyFileSync(join(source.bin, '..', '..', 'dist', 'main.js'), bundled);
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, {recursive: true, force: true});
  });

  const withRequireLog = () => {
    const hook = join(dir, 'require-log.js');
    writeFileSync(hook, REQUIRE_LOG);
    return spawnInvoker(bundled, {NODE_OPTIONS: `--require ${hook}`});
  };

  const config = () => ({
    start_date: '2024-02-27T00:00:00Z',
    end_date: '2024-02-29T00:00:00Z',
    markets: configMarkets(source, ['KRW-BTC', 'KRW-ETH']),
    page_size: 24,
    requests_per_second: source.maxRps,
    api_base_url: source.baseUrl(sim),
  });

  type Command = Parameters<typeof invokeConnector>[1];
  type Inputs = NonNullable<Parameters<typeof invokeConnector>[2]>;

  async function both(
    command: Command,
    inputs: Inputs = {}
  ): Promise<[ConnectorRun, ConnectorRun]> {
    const original = await invokeConnector(spawnInvoker(source.bin), command, inputs);
    const bundle = await invokeConnector(spawnInvoker(bundled), command, inputs);
    return [original, bundle];
  }

  it('spec, check of a bad config, check and discover print the same messages', async () => {
    const cases: Array<[Command, Inputs]> = [
      ['spec', {}],
      ['check', {config: {start_date: '2024-01-01', market: ['KRW-BTC']}}],
      ['check', {config: config()}],
      ['discover', {config: config()}],
    ];
    for (const [command, inputs] of cases) {
      const [original, bundle] = await both(command, inputs);
      expect(bundle.result.exitCode).toBe(original.result.exitCode);
      expect(bundle.messages.length).toBeGreaterThan(0);
      expect(comparable(bundle)).toEqual(comparable(original));
    }
  });

  it('a short read emits the same records and states', async () => {
    const catalog = await configuredCatalog(source, config());
    const [original, bundle] = await both('read', {config: config(), catalog});
    expect(bundle.result.exitCode).toBe(0);
    expect(bundle.messages.filter((m) => m.type === 'RECORD').length).toBeGreaterThan(40);
    expect(comparable(bundle)).toEqual(comparable(original));
  });

  it('keeps axios lazy: spec, check of a bad config and discover never load the HTTP stack', async () => {
    const invoke = withRequireLog();
    const bad = {config: {start_date: '2024-01-01', market: ['KRW-BTC']}};
    for (const [command, inputs] of [
      ['spec', {}],
      ['check', bad],
      ['discover', {config: config()}],
    ] as Array<[Command, Inputs]>) {
      const run = await invokeConnector(invoke, command, inputs);
      expect(run.messages.length).toBeGreaterThan(0);
      expect(requiredBy(run).filter((id) => HTTP_STACK.test(id))).toEqual([]);
    }
    // A check of a good config sends a request, so there the HTTP stack is loaded.
    const check = await invokeConnector(invoke, 'check', {config: config()});
    expect(requiredBy(check).filter((id) => HTTP_STACK.test(id)).length).toBeGreaterThan(0);
  });
});
