import type {ConnectorNames} from '../exchange-name';

export const FIXTURES_ANCHOR = 'docs/adding-an-exchange.md#fixtures';

/** The key a placeholder fixture carries; test/exchange-responses.ts recognises it. */
export const PLACEHOLDER_KEY = 'TODO';

export function placeholderFixture(names: ConnectorNames, what: string): string {
  const body = {
    [PLACEHOLDER_KEY]:
      `Replace this file with a real ${names.displayName} ${what} response, byte for byte as the ` +
      `API sends it (see ${FIXTURES_ANCHOR}).`,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The exact error candleRow throws until it is written; the scaffolding test looks for it. */
export function candleRowTodo(names: ConnectorNames): string {
  return `not implemented: write candleRow in packages/${names.connector}/test/exchange-responses.ts so candlePage renders ${names.id} candle rows like test/fixtures/candles.json (see ${FIXTURES_ANCHOR})`;
}

/**
 * Shared by the unit, nock and conformance tests: the one place that knows the wire shape. The
 * order of rows, the answer to a query and the error bodies follow the definition's
 * declarations; only the row (and the body around the rows) is written by hand.
 */
export function exchangeResponsesTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {
  type ErrorMeaning,
  findErrorEnvelope,
  type MarketRef,
  parseJsonExact,
} from '@korea-candles/connector-common';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {${exportName}} from '../src/${id}';

/** TODO: a market listed in test/fixtures/markets.json, written as ${displayName} writes it. */
export const MARKET: MarketRef = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};

/** One traded hour to render; prices not given take fixed defaults in candleRow. */
export interface CandleSpec {
  readonly utc: string; // 2024-01-01T05:00:00
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close?: string;
  readonly volume?: string;
  readonly value?: string;
}

/** Hourly candle specs for [fromUtc, fromUtc + count hours), skipping the listed hour offsets. */
export function hours(
  fromUtc: string,
  count: number,
  skip: ReadonlyArray<number> = []
): CandleSpec[] {
  const start = Date.parse(\`\${fromUtc}Z\`);
  const out: CandleSpec[] = [];
  for (let i = 0; i < count; i++) {
    if (skip.includes(i)) continue;
    out.push({utc: new Date(start + i * 3_600_000).toISOString().slice(0, 19)});
  }
  return out;
}

/** A fixture's raw text: nock and the local server send it byte for byte. */
export function fixtureText(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/**
 * Runs \`parse\` on a fixture parsed as the connector parses bodies (exact numbers). While the
 * fixture is still the generated placeholder, the failure also says to replace it.
 */
export function parseFixture<T>(name: string, parse: (body: unknown) => T): T {
  const body = parseJsonExact(fixtureText(name));
  try {
    return parse(body);
  } catch (err) {
    if (typeof body === 'object' && body !== null && '${PLACEHOLDER_KEY}' in body) {
      throw new Error(
        \`\${(err as Error).message}. Also replace test/fixtures/\${name}: it is still the placeholder\`,
        {cause: err}
      );
    }
    throw err;
  }
}

/**
 * One ${displayName} hourly candle response as raw JSON text, rows in the declared order
 * (\`candlesRequest.order\`). An hour missing from \`candles\` had no trades and gets no row.
 */
export function candlePage(market: MarketRef, candles: ReadonlyArray<CandleSpec>): string {
  const oldestFirst = [...candles].sort((a, b) => (a.utc < b.utc ? -1 : a.utc > b.utc ? 1 : 0));
  const newestFirst = ${exportName}.candlesRequest.order === 'newest-first';
  const rows = newestFirst ? oldestFirst.reverse() : oldestFirst;
  return pageText(
    market,
    rows.map((c) => candleRow(market, c))
  );
}

/**
 * TODO (${FIXTURES_ANCHOR}): one row exactly like a row of test/fixtures/candles.json: the
 * API's field names and order, number types and formatting, zoneless or epoch times. Use the
 * spec's prices when given, fixed defaults otherwise.
 */
function candleRow(_market: MarketRef, _candle: CandleSpec): string {
  throw new Error(
    '${candleRowTodo(names)}'
  );
}

/** TODO: the body around the rows, as in test/fixtures/candles.json: a bare array or an envelope. */
function pageText(_market: MarketRef, rows: ReadonlyArray<string>): string {
  return \`[\${rows.join(',')}]\`;
}

/**
 * The rows ${displayName} answers a query with (read back by readCandleQuery): with a start
 * bound, the traded hours in [start, end); without, the latest \`limit\` traded hours before
 * the end. TODO: if ${displayName} counts hour slots rather than candles, change this.
 */
export function candlesAnswering(
  candles: ReadonlyArray<CandleSpec>,
  query: {endMs?: number; startMs?: number; limit?: number}
): CandleSpec[] {
  const {endMs, startMs, limit} = query;
  if (endMs === undefined || limit === undefined) return [];
  const inside = candles.filter((c) => {
    const ms = Date.parse(\`\${c.utc}Z\`);
    return ms < endMs && (startMs === undefined || ms >= startMs);
  });
  return limit > 0 ? inside.slice(-limit) : [];
}

/**
 * An error body as ${displayName} sends it, built from the declared envelope
 * (\`errors.envelope\`): the code and message at their paths and the field that marks an error.
 * Throws if the declaration would not recognise the body it describes.
 */
export function errorBody(code: string | number, message: string): string {
  const envelope = ${exportName}.errors.envelope;
  if (!envelope) return message;
  const body: Record<string, unknown> = {};
  if (envelope.when.equals !== undefined) setAt(body, envelope.when.path, envelope.when.equals);
  setAt(body, envelope.code, code);
  if (envelope.message.join('.') !== envelope.code.join('.')) {
    setAt(body, envelope.message, message);
  }
  if (valueAt(body, envelope.when.path) === undefined) setAt(body, envelope.when.path, true);
  const text = JSON.stringify(body);
  const read = findErrorEnvelope(envelope, parseJsonExact(text));
  if (read?.code !== String(code)) {
    throw new Error(\`errors.envelope does not read \${text} as the error "\${code}"\`);
  }
  return text;
}

/** TODO: the HTTP status ${displayName} sends an error code with (Bithumb and Coinone: 200 too). */
export const ERROR_CODE_STATUS = 400;

/** The declared answer of a meaning (by status, else by code), or undefined if none is declared. */
export function declaredError(
  meaning: ErrorMeaning,
  message: string
): {status: number; body: string} | undefined {
  const {byStatus = {}, byCode = {}} = ${exportName}.errors;
  const status = Object.entries(byStatus).find(([, m]) => m === meaning)?.[0];
  const code = Object.entries(byCode).find(([, m]) => m === meaning)?.[0];
  if (status === undefined && code === undefined) return undefined;
  return {
    status: status === undefined ? ERROR_CODE_STATUS : Number(status),
    body: errorBody(code ?? Number(status), message),
  };
}

function setAt(body: Record<string, unknown>, path: ReadonlyArray<string>, value: unknown): void {
  let node = body;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
}

function valueAt(body: unknown, path: ReadonlyArray<string>): unknown {
  let node = body;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
`;
}

export function parseTestTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {type ExchangeCandle, fillPath, HOUR_MS} from '@korea-candles/connector-common';

import {${exportName}} from '../src/${id}';
import {MARKET, parseFixture} from './exchange-responses';

/**
 * TODO (${FIXTURES_ANCHOR}): the ExchangeCandle expected for the OLDEST row of
 * test/fixtures/candles.json, every field written out by hand from the fixture's text (never
 * pasted from the parser's output), so this test checks the mapping field by field.
 */
const OLDEST_ROW: ExchangeCandle | undefined = undefined;

const DECIMAL = /^-?\\d+(\\.\\d+)?$/;
const candleContext = {
  exchange: ${exportName}.displayName,
  endpoint: fillPath(${exportName}.candlesRequest.path, MARKET),
  market: MARKET.market,
};
const marketContext = {exchange: ${exportName}.displayName, endpoint: ${exportName}.marketsRequest.endpoint};
const candles = () =>
  parseFixture('candles.json', (body) =>
    // The fixture answers "the latest candles", asked with no bound it could break.
    ${exportName}.parseCandles(body, candleContext, MARKET, {
      endMs: Number.MAX_SAFE_INTEGER,
      limit: ${exportName}.maxPageSize,
    })
  );

describe('${displayName} candle parser', () => {
  it('turns every row of the recorded response into one hour with exact decimals', () => {
    const parsed = candles();
    expect(parsed.length).toBeGreaterThan(0);
    for (const candle of parsed) {
      expect(candle.startMs % HOUR_MS).toBe(0);
      for (const value of [candle.open, candle.high, candle.low, candle.close, candle.volumeBase]) {
        expect(value).toMatch(DECIMAL);
      }
      if (${exportName}.tradedValue === 'reported') expect(candle.tradedValueQuote).toMatch(DECIMAL);
    }
    const starts = parsed.map((c) => c.startMs);
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('maps the oldest row field for field', () => {
    const parsed = candles();
    if (OLDEST_ROW === undefined) {
      throw new Error(
        'not implemented: write OLDEST_ROW in test/parse.test.ts, the ExchangeCandle expected for the oldest row of test/fixtures/candles.json'
      );
    }
    const oldest = [...parsed].sort((a, b) => a.startMs - b.startMs);
    expect(oldest[0]).toEqual(OLDEST_ROW);
  });
});

describe('${displayName} market-list parser', () => {
  it('lists markets in the declared market-code form with their currencies, including MARKET', () => {
    // A named parser keeps this line's layout the same whatever the exchange's name.
    const parseMarkets = (body: unknown) => ${exportName}.parseMarkets(body, marketContext);
    const markets = parseFixture('markets.json', parseMarkets);
    const code = new RegExp(${exportName}.marketCode.pattern);
    expect(${exportName}.marketCode.example).toMatch(code);
    for (const m of markets) {
      expect(m.exchange).toBe('${id}');
      expect(m.market).toMatch(code);
      expect(m.base_currency).toMatch(/^[A-Z0-9]+$/);
      expect(m.quote_currency).toMatch(/^[A-Z0-9]+$/);
    }
    expect(markets.map((m) => [m.market, m.base_currency, m.quote_currency])).toContainEqual([
      MARKET.market,
      MARKET.base,
      MARKET.quote,
    ]);
  });
});
`;
}

export function readTestTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {fillPath, readCandleQuery} from '@korea-candles/connector-common';
import {
  configuredCatalog,
  type InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import nock from 'nock';

import {${exportName}} from '../src/${id}';
import {candlePage, candlesAnswering, fixtureText, hours, MARKET} from './exchange-responses';

const BASE = 'https://api.${id}.test';
const NOW = '2024-01-10T00:30:00Z';
const request = ${exportName}.candlesRequest;
const catalog = configuredCatalog(['candles_hourly', 'incremental']);
const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: [MARKET.market],
  api_base_url: BASE,
  max_attempts: 3,
  ...extra,
});
const run = (command: string, files: object): Promise<InProcessRun> =>
  runInProcess(${exportName}, command, files, NOW);
const errorsOf = (result: InProcessRun) =>
  result.traces.filter((t) => t.type === 'ERROR').map((t) => t.error.message);

function marketList() {
  const params = Object.entries(${exportName}.marketsRequest.params ?? {});
  return nock(BASE)
    .get(${exportName}.marketsRequest.endpoint)
    .query(Object.fromEntries(params.map(([k, v]) => [k, String(v)])))
    .reply(200, fixtureText('markets.json'));
}

/** The candle endpoint of MARKET, answering every query as ${displayName} does; records the queries. */
function candleEndpoint(traded: ReturnType<typeof hours>) {
  const queries: URLSearchParams[] = [];
  nock(BASE)
    .persist()
    .get(fillPath(request.path, MARKET))
    .query(true)
    .reply(200, (uri: unknown) => {
      // nock 15 hands the reply callback a fetch Request.
      const url = new URL(typeof uri === 'string' ? uri : (uri as Request).url, BASE);
      queries.push(url.searchParams);
      const asked = readCandleQuery(request, url.searchParams);
      return candlePage(MARKET, candlesAnswering(traded, asked));
    });
  return queries;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('${displayName} candles_hourly read', () => {
  it('emits each traded hour once, oldest first, then one state', async () => {
    marketList();
    // 15 hours up to the open hour 00:00; 22:00 had no trades.
    const queries = candleEndpoint(hours('2024-01-09T10:00:00', 15, [12]));

    const result = await run('read', {config: config(), catalog});

    expect(errorsOf(result)).toEqual([]);
    expect(result.code).toBe(0);
    // One window, asked as declared: [20:00, 01:00) with the page size, the market and the
    // fixed parameters.
    expect(queries.map((q) => readCandleQuery(request, q))).toEqual([
      {
        endMs: Date.parse('2024-01-10T01:00:00Z'),
        startMs: request.start ? Date.parse('2024-01-09T20:00:00Z') : undefined,
        limit: ${exportName}.maxPageSize,
      },
    ]);
    const expected: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.fixedParams ?? {})) expected[k] = String(v);
    if (request.marketParam) expected[request.marketParam] = MARKET.market;
    expect(Object.fromEntries(queries[0]!)).toMatchObject(expected);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(result.records.map((r) => r.data.traded_value_is_estimated)).toEqual(
      Array(4).fill(${exportName}.tradedValue === 'estimated-typical-price')
    );
    expect(result.states.at(-1)?.stream.stream_state.markets[MARKET.market].candle_start_utc).toBe(
      '2024-01-10T00:00:00Z'
    );
  });

  // The must-have cases (docs/adding-an-exchange.md#nock-tests); see source-upbit-candles and
  // source-bithumb-candles test/read.test.ts for each one written out. errorBody and
  // declaredError in test/exchange-responses.ts build the declared error bodies.
  it.todo('stops naming the field when a number arrives with another JSON type than documented');
  it.todo('pages back over several windows with the declared bounds, whatever the declared order');
  it.todo('sends the bounds so that the exchange reads the intended instants (format, zone)');
  it.todo("waits out a 429 with the exchange's real body and headers, then delivers every hour");
  it.todo("fails with the declared envelope's code and message, also when it comes with HTTP 2xx");
  it.todo(
    'reads the listed markets and reports an unlisted one as an ERROR log and in the summary'
  );
  it.todo(
    'skips a market answered with the declared unknown-market error once the list no longer shows it'
  );
});
`;
}

export function localExchangeTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {
  HOUR_MS,
  type MarketRef,
  parseJsonExact,
  readCandleQuery,
} from '@korea-candles/connector-common';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

import {${exportName}} from '../src/${id}';
import {
  candlePage,
  candlesAnswering,
  declaredError,
  errorBody,
  fixtureText,
  hours,
} from './exchange-responses';

const HISTORY_HOURS = 60 * 24;
const request = ${exportName}.candlesRequest;

/**
 * A small local ${displayName} for the conformance kit: the market list from the fixture, and
 * candles over the last sixty days in every listed market, every eleventh hour without
 * trades. It reads each query as declared (\`candlesRequest\`: the market from the path or its
 * parameter, the bounds through readCandleQuery) and answers through candlesAnswering and
 * candlePage, in the declared order. Errors use the declared envelope.
 */
export async function startLocalExchange(): Promise<{baseUrl: string; close: () => Promise<void>}> {
  const server = createServer((req, res) => respond(req, res, Date.now()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    baseUrl: \`http://127.0.0.1:\${port}\`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function respond(req: IncomingMessage, res: ServerResponse, nowMs: number): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let answer: {status: number; body: string};
  try {
    answer = route(url, nowMs);
  } catch (err) {
    // The SDK reads this envelope and puts the message into the connector's error.
    answer = {status: 400, body: errorBody('local_exchange', (err as Error).message)};
  }
  res.writeHead(answer.status, {'content-type': 'application/json; charset=utf-8'});
  res.end(answer.body);
}

function route(url: URL, nowMs: number): {status: number; body: string} {
  if (url.pathname === ${exportName}.marketsRequest.endpoint) {
    return {status: 200, body: fixtureText('markets.json')};
  }
  const path = CANDLE_PATH.exec(url.pathname);
  if (!path) return {status: 404, body: errorBody('not_found', \`no endpoint \${url.pathname}\`)};
  const named = Object.fromEntries(
    Object.entries(path.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])
  );
  const code =
    named.market ?? (request.marketParam ? url.searchParams.get(request.marketParam) : null);
  const market = listedMarkets().find((m) =>
    code === null || code === undefined
      ? m.base === named.base && m.quote === named.quote
      : m.market === code
  );
  if (!market) {
    const message = \`unknown market \${code ?? \`\${named.base}/\${named.quote}\`}\`;
    const notFound = {status: 404, body: errorBody('not_found', message)};
    return declaredError('unknown_market', message) ?? notFound;
  }
  return {status: 200, body: candles(market, url.searchParams, nowMs)};
}

/** The declared path as a pattern: {market}, {base} and {quote} become named groups. */
const CANDLE_PATH = new RegExp(
  \`^\${request.path
    .replace(/[.*+?^$()|[\\]\\\\]/g, '\\\\$&')
    .replace(/\\{(market|base|quote)\\}/g, (_, name: string) => \`(?<\${name}>[^/]+)\`)}$\`
);

let listed: MarketRef[] | undefined;
function listedMarkets(): MarketRef[] {
  listed ??= ${exportName}
    .parseMarkets(parseJsonExact(fixtureText('markets.json')), {
      exchange: 'local ${displayName}',
      endpoint: ${exportName}.marketsRequest.endpoint,
    })
    .map((m) => ({market: m.market, base: m.base_currency, quote: m.quote_currency}));
  return listed;
}

function candles(market: MarketRef, query: URLSearchParams, nowMs: number): string {
  const asked = readCandleQuery(request, query);
  const required = [request.end.param, request.limitParam];
  if (asked.endMs === undefined || asked.limit === undefined || asked.limit < 1) {
    throw new Error(\`\${required.join(' and ')} are required (got \${query.toString()})\`);
  }
  if (asked.limit > ${exportName}.maxPageSize) {
    throw new Error(\`\${request.limitParam} must be at most \${${exportName}.maxPageSize}\`);
  }
  for (const [name, value] of Object.entries(request.fixedParams ?? {})) {
    if (query.get(name) !== String(value)) throw new Error(\`\${name} must be \${String(value)}\`);
  }
  const openHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const first = openHour - HISTORY_HOURS * HOUR_MS;
  const traded = hours(new Date(first).toISOString().slice(0, 19), HISTORY_HOURS + 1).filter(
    (_, i) => i % 11 !== 5
  );
  return candlePage(market, candlesAnswering(traded, asked));
}
`;
}

export function conformanceTestTs(names: ConnectorNames): string {
  return `import {describeServedConformance} from '@korea-candles/connector-common/testing';
import {join} from 'node:path';

import {MARKET} from './exchange-responses';
import {startLocalExchange} from './local-exchange';

const DAY_MS = 86_400_000;

// The real connector process (bin/main, built lib) against a local server that answers like the
// exchange. Run \`npm run build\` first: the process runs the compiled lib/.
describeServedConformance({
  name: '${names.connector}',
  bin: join(__dirname, '../bin/main'),
  serve: startLocalExchange,
  config: {
    start_date: new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10),
    markets: [MARKET.market],
    page_size: 48,
  },
});
`;
}
