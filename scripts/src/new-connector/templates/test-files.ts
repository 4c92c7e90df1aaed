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

/** Shared by the unit, nock and conformance tests: the one place that knows the wire shape. */
export function exchangeResponsesTs(names: ConnectorNames): string {
  const {id, displayName} = names;
  return `import {parseJsonExact} from '@korea-candles/connector-common';
import type {CandleSpec} from '@korea-candles/connector-common/testing';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

/** TODO: a market listed in test/fixtures/markets.json, as the connector names it (QUOTE-BASE). */
export const MARKET = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};

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
 * TODO (${FIXTURES_ANCHOR}): one ${displayName} hourly candle response as raw JSON text, shaped
 * exactly like test/fixtures/candles.json: the API's field names, number types and formatting,
 * and its row order (e.g. newest first). An hour missing from \`candles\` had no trades and gets
 * no row. Use the spec's prices when given, fixed defaults otherwise. For an Upbit-shaped API,
 * re-export candlePage from @korea-candles/connector-common/testing instead.
 */
export function candlePage(_market: string, _candles: ReadonlyArray<CandleSpec>): string {
  throw new Error(
    'not implemented: write candlePage in packages/${names.connector}/test/exchange-responses.ts so it renders ${id} candle rows like test/fixtures/candles.json (see ${FIXTURES_ANCHOR})'
  );
}
`;
}

export function parseTestTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {CANDLE_CURSOR_FIELD, type Candle, candleJsonSchema} from '@korea-candles/connector-common';
import {ajvFor, formatAjvErrors} from '@korea-candles/connector-common/testing';

import {${exportName}} from '../src/${id}';
import {MARKET, parseFixture} from './exchange-responses';

/**
 * TODO (${FIXTURES_ANCHOR}): the Candle expected for the OLDEST row of
 * test/fixtures/candles.json, every field written out by hand from the fixture's text (never
 * pasted from the parser's output), so this test checks the mapping field by field.
 */
const OLDEST_ROW: Candle | undefined = undefined;

const candleContext = {
  exchange: ${exportName}.displayName,
  endpoint: ${exportName}.candlesEndpoint,
  market: MARKET.market,
};
const marketContext = {exchange: ${exportName}.displayName, endpoint: ${exportName}.marketsRequest.endpoint};
const candles = () =>
  parseFixture('candles.json', (body) => ${exportName}.parseCandles(body, candleContext, MARKET));

describe('${displayName} candle parser', () => {
  it('turns every row of the recorded response into a valid candle of the requested market', () => {
    const parsed = candles();
    expect(parsed.length).toBeGreaterThan(0);
    const validate = ajvFor(candleJsonSchema).compile(candleJsonSchema);
    for (const candle of parsed) {
      expect(validate(candle) ? '' : formatAjvErrors(validate.errors)).toBe('');
      expect(candle).toMatchObject({
        exchange: '${id}',
        market: MARKET.market,
        base_currency: MARKET.base,
        quote_currency: MARKET.quote,
        source_api: ${exportName}.sourceApi,
      });
    }
    const hours = parsed.map((c) => c[CANDLE_CURSOR_FIELD]);
    expect(new Set(hours).size).toBe(hours.length);
  });

  it('maps the oldest row field for field', () => {
    const parsed = candles();
    if (OLDEST_ROW === undefined) {
      throw new Error(
        'not implemented: write OLDEST_ROW in test/parse.test.ts, the Candle expected for the oldest row of test/fixtures/candles.json'
      );
    }
    const oldest = [...parsed].sort((a, b) => (a.candle_start_utc < b.candle_start_utc ? -1 : 1));
    expect(oldest[0]).toEqual(OLDEST_ROW);
  });
});

describe('${displayName} market-list parser', () => {
  it('lists markets as QUOTE-BASE codes with their currencies, including MARKET', () => {
    const markets = parseFixture('markets.json', (body) =>
      ${exportName}.parseMarkets(body, marketContext)
    );
    for (const m of markets) {
      expect(m.exchange).toBe('${id}');
      expect(m.market).toBe(\`\${m.quote_currency}-\${m.base_currency}\`);
      expect(m.market).toMatch(/^[A-Z0-9]+-[A-Z0-9]+$/);
    }
    expect(markets.map((m) => m.market)).toContain(MARKET.market);
  });
});
`;
}

export function readTestTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {formatTimeParam} from '@korea-candles/connector-common';
import {
  configuredCatalog,
  hours,
  type InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import nock from 'nock';

import {${exportName}} from '../src/${id}';
import {candlePage, fixtureText, MARKET} from './exchange-responses';

const BASE = 'https://api.${id}.test';
const NOW = '2024-01-10T00:30:00Z';
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

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('${displayName} candles_hourly read', () => {
  it('emits each traded hour once, oldest first, then one state', async () => {
    marketList();
    // 15 hours up to the open hour 00:00; 22:00 had no trades.
    const page = candlePage(MARKET.market, hours('2024-01-09T10:00:00', 15, [12]));
    const candles = nock(BASE)
      .get(${exportName}.candlesEndpoint)
      .query({
        market: MARKET.market,
        to: formatTimeParam(Date.parse('2024-01-10T01:00:00Z'), ${exportName}.timeParamZone),
        count: String(${exportName}.maxPageSize),
      })
      .reply(200, page);

    const result = await run('read', {config: config(), catalog});

    expect(errorsOf(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(result.states.at(-1)?.stream.stream_state.markets[MARKET.market].candle_start_utc).toBe(
      '2024-01-10T00:00:00Z'
    );
  });

  // The must-have cases (docs/adding-an-exchange.md#nock-tests); see source-upbit-candles and
  // source-bithumb-candles test/read.test.ts for each one written out.
  it.todo('stops naming the field when a number arrives with another JSON type than documented');
  it.todo('pages back with an exclusive \`to\` over a newest-first (or oldest-first) API');
  it.todo('sends \`to\` so that the exchange reads the intended instant (its bare-time zone)');
  it.todo("waits out a 429 with the exchange's real body and headers, then delivers every hour");
  it.todo("fails with the exchange's error name and message, also when it comes with HTTP 2xx");
  it.todo('reads the listed markets and reports an unlisted one as an ERROR log and in the summary');
});
`;
}

export function localExchangeTs(names: ConnectorNames): string {
  const {id, exportName, displayName} = names;
  return `import {HOUR_MS} from '@korea-candles/connector-common';
import {hours} from '@korea-candles/connector-common/testing';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

import {${exportName}} from '../src/${id}';
import {candlePage, fixtureText} from './exchange-responses';

const HISTORY_HOURS = 60 * 24;

/**
 * A small local ${displayName} for the conformance kit: the market list from the fixture, and
 * candles over the last sixty days in every market, every eleventh hour without
 * trades. It answers like the exchange: the latest \`count\` traded hours before \`to\`
 * (exclusive), through candlePage. TODO: if ${displayName} counts time slots rather than
 * candles, or reads \`to\` inclusively, change candlesBefore to match.
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
  let status = 200;
  let body: string;
  try {
    if (url.pathname === ${exportName}.marketsRequest.endpoint) {
      body = fixtureText('markets.json');
    } else if (url.pathname === ${exportName}.candlesEndpoint) {
      body = candlesBefore(url.searchParams, nowMs);
    } else {
      status = 404;
      body = errorBody('not_found', \`no endpoint \${url.pathname}\`);
    }
  } catch (err) {
    // The SDK reads this envelope and puts the message into the connector's error.
    status = 400;
    body = errorBody('local_exchange', (err as Error).message);
  }
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8'});
  res.end(body);
}

function candlesBefore(query: URLSearchParams, nowMs: number): string {
  const market = query.get('market');
  const to = Date.parse(query.get('to') ?? '');
  const count = Number(query.get('count'));
  if (!market || Number.isNaN(to) || !Number.isInteger(count) || count < 1) {
    throw new Error(\`market, to and count are required (got \${query.toString()})\`);
  }
  if (count > ${exportName}.maxPageSize) throw new Error(\`count must be at most \${${exportName}.maxPageSize}\`);
  const openHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const first = openHour - HISTORY_HOURS * HOUR_MS;
  const traded = hours(new Date(first).toISOString().slice(0, 19), HISTORY_HOURS + 1).filter(
    (c, i) => i % 11 !== 5 && Date.parse(\`\${c.utc}Z\`) < to
  );
  return candlePage(market, traded.slice(-count));
}

function errorBody(name: string, message: string): string {
  return JSON.stringify({error: {name, message}});
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
