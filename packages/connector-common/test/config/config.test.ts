import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import {ConfigError} from '../../src/errors/connector-error';
import type {Market} from '../../src/model/market';
import {connectionSpecification, parseCandleSourceConfig} from '../../src/config/config';
import {selectMarkets} from '../../src/streams/select-markets';
import {testExchange} from '../support/test-exchange';

const parse = (raw: unknown) => parseCandleSourceConfig(raw, testExchange);
const base = {start_date: '2024-01-01'};

/** The ConfigError message a config raises. */
function configError(raw: unknown): string {
  try {
    parse(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('config errors name the field and the limit', () => {
  it.each<[string, object, string]>([
    ['page_size 0', {page_size: 0}, 'config field "page_size" must be at least 1.'],
    [
      'page_size above the exchange maximum',
      {page_size: 51},
      'config field "page_size" must be at most 50, the most TestEx returns per request.',
    ],
    ['page_size fraction', {page_size: 2.5}, 'config field "page_size" must be a whole number.'],
    [
      'requests_per_second above the documented limit',
      {requests_per_second: 9},
      'config field "requests_per_second" must be at most 8, the limit TestEx documents per IP.',
    ],
    [
      'requests_per_second 0',
      {requests_per_second: 0},
      'config field "requests_per_second" must be at least 1.',
    ],
    [
      'fractional requests_per_second',
      {requests_per_second: 2.5},
      'config field "requests_per_second" must be a whole number (the rate limiter starts whole requests each second).',
    ],
    [
      'a typo of markets',
      {market: ['KRW-BTC']},
      'config field "market" is not a field of this source; did you mean "markets"? Remove or ' +
        'rename it. Known fields: start_date, markets, quote_currencies, lookback_hours, ' +
        'requests_per_second, page_size, end_date, api_base_url, max_attempts, request_timeout_seconds.',
    ],
    [
      'a camel-case start date',
      {startDate: '2024-01-01'},
      'config field "startDate" is not a field of this source; did you mean "start_date"? Remove or ' +
        'rename it. Known fields: start_date, markets, quote_currencies, lookback_hours, ' +
        'requests_per_second, page_size, end_date, api_base_url, max_attempts, request_timeout_seconds.',
    ],
    [
      'a key like no field',
      {credentials: {}},
      'config field "credentials" is not a field of this source. Remove or rename it. Known ' +
        'fields: start_date, markets, quote_currencies, lookback_hours, requests_per_second, ' +
        'page_size, end_date, api_base_url, max_attempts, request_timeout_seconds.',
    ],
    [
      'negative lookback_hours',
      {lookback_hours: -1},
      'config field "lookback_hours" must not be negative.',
    ],
    [
      'fractional lookback_hours',
      {lookback_hours: 1.5},
      'config field "lookback_hours" must be a whole number of hours.',
    ],
    [
      'lookback_hours above 30 days',
      {lookback_hours: 721},
      'config field "lookback_hours" must be at most 720 (30 days).',
    ],
    [
      'start_date garbage',
      {start_date: 'last tuesday'},
      'config field "start_date" must be a date like 2024-01-01 or 2024-01-01T00:00:00Z (got "last tuesday").',
    ],
    [
      'start_date that does not exist',
      {start_date: '2024-02-30'},
      'config field "start_date" must be a date like 2024-01-01 or 2024-01-01T00:00:00Z (got "2024-02-30").',
    ],
    [
      'end_date before start_date',
      {start_date: '2024-01-02', end_date: '2024-01-01T23:00:00Z'},
      'config field "end_date" must be after start_date.',
    ],
    [
      'end_date equal to start_date',
      {start_date: '2024-01-02', end_date: '2024-01-02T00:00:00Z'},
      'config field "end_date" must be after start_date.',
    ],
    [
      'api_base_url not a URL',
      {api_base_url: 'api.testex.example'},
      'config field "api_base_url" must be a URL like https://api.example.com.',
    ],
    [
      'api_base_url of another scheme',
      {api_base_url: 'ftp://api.testex.example'},
      'config field "api_base_url" must start with http:// or https://.',
    ],
    [
      'a lower-case market code',
      {markets: ['KRW-BTC', 'krw-eth']},
      'config field "markets.1" must be a QUOTE-BASE market code like KRW-BTC.',
    ],
    [
      'an empty quote_currencies',
      {quote_currencies: []},
      'config field "quote_currencies" must name at least one quote currency, e.g. ["KRW"].',
    ],
  ])('%s', (_case, fields, message) => {
    expect(configError({...base, ...fields})).toBe(message);
  });

  it('says a missing start_date is missing', () => {
    expect(configError({markets: ['KRW-BTC']})).toBe(
      'config field "start_date" must be a date like 2024-01-01 or 2024-01-01T00:00:00Z but is missing.'
    );
  });

  it('reports an unknown key before the error it causes (a misspelt start_date is missing)', () => {
    expect(configError({'start-date': '2024-01-01'})).toMatch(
      /^config field "start-date" is not a field of this source; did you mean "start_date"\?/
    );
  });

  it('refuses a start_date in the future: nothing would ever be read', () => {
    const now = Date.parse('2024-01-10T00:30:00Z');
    expect(() => parseCandleSourceConfig({start_date: '2099-01-01'}, testExchange, now)).toThrow(
      new ConfigError(
        'config field "start_date" is in the future (2099-01-01T00:00:00Z; now is ' +
          '2024-01-10T00:30:00Z), so there is nothing to read. Set it to the first hour you ' +
          'want, in the past, e.g. 2024-01-01.'
      )
    );
    // The current, still open hour can be read.
    expect(
      parseCandleSourceConfig({start_date: '2024-01-10T00:00:00Z'}, testExchange, now).startMs
    ).toBe(Date.parse('2024-01-10T00:00:00Z'));
  });

  it('says a number sent as text has the wrong type', () => {
    expect(configError({...base, page_size: '50'})).toBe(
      'config field "page_size" must be a whole number.'
    );
  });

  it('refuses a config that is not a JSON object', () => {
    for (const raw of [null, [], 'start_date=2024-01-01', 42]) {
      expect(configError(raw)).toBe('The config must be a JSON object with at least "start_date".');
    }
  });
});

describe('config values', () => {
  it('fills every default from the exchange definition', () => {
    expect(parse(base)).toEqual({
      markets: [],
      quoteCurrencies: ['KRW'],
      startMs: Date.parse('2024-01-01T00:00:00Z'),
      endMs: undefined,
      lookbackHours: 3,
      requestsPerSecond: 8,
      pageSize: 50,
      apiBaseUrl: 'https://api.testex.example',
      maxAttempts: 5,
      timeoutMs: 30_000,
    });
  });

  it('strips trailing slashes from the base URL and drops repeated markets', () => {
    const config = parse({
      ...base,
      api_base_url: 'http://localhost:8080/',
      markets: ['KRW-BTC', 'KRW-ETH', 'KRW-BTC'],
      quote_currencies: ['KRW', 'KRW'],
    });
    expect(config.apiBaseUrl).toBe('http://localhost:8080');
    expect(config.markets).toEqual(['KRW-BTC', 'KRW-ETH']);
    expect(config.quoteCurrencies).toEqual(['KRW']);
  });

  it('reads dates with offsets and keeps the limits it was given', () => {
    const config = parse({
      start_date: '2024-01-01T09:00:00+09:00',
      end_date: '2024-01-02',
      page_size: 1,
      requests_per_second: 1,
      lookback_hours: 0,
      request_timeout_seconds: 5,
    });
    expect(config.startMs).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(config.endMs).toBe(Date.parse('2024-01-02T00:00:00Z'));
    expect([config.pageSize, config.requestsPerSecond, config.lookbackHours]).toEqual([1, 1, 0]);
    expect(config.timeoutMs).toBe(5000);
  });
});

describe('the spec shown in Airbyte agrees with the validation', () => {
  const spec = connectionSpecification(testExchange) as {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
  };
  const ajv = new Ajv({strict: false, allErrors: true});
  addFormats(ajv);
  const specValidates = ajv.compile(spec);
  const zodAccepts = (raw: object) => {
    try {
      parse(raw);
      return true;
    } catch {
      return false;
    }
  };

  it('says requests_per_second is a whole number, and stores api_base_url as a secret', () => {
    expect(spec.properties.requests_per_second).toMatchObject({type: 'integer', minimum: 1});
    expect(spec.properties.api_base_url!.airbyte_secret).toBe(true);
  });

  it('gives every property a title and a description', () => {
    for (const [name, property] of Object.entries(spec.properties)) {
      expect([name, typeof property.title, typeof property.description]).toEqual([
        name,
        'string',
        'string',
      ]);
      expect((property.description as string).length).toBeGreaterThan(10);
    }
  });

  it('offers only defaults and examples the validation accepts', () => {
    const defaults = Object.fromEntries(
      Object.entries(spec.properties)
        .filter(([, p]) => p.default !== undefined)
        .map(([name, p]) => [name, p.default])
    );
    expect(Object.keys(defaults).length).toBeGreaterThanOrEqual(8);
    for (const example of spec.properties.start_date!.examples as string[]) {
      const config = {...defaults, start_date: example};
      expect([example, specValidates(config), zodAccepts(config)]).toEqual([example, true, true]);
    }
    expect(spec.required).toEqual(['start_date']);
  });

  it('puts each numeric limit at the same place as the validation', () => {
    const cases: Array<[string, number]> = [
      ['page_size', 0],
      ['page_size', 1],
      ['page_size', 50],
      ['page_size', 51],
      ['requests_per_second', 0],
      ['requests_per_second', 0.1],
      ['requests_per_second', 1],
      ['requests_per_second', 2.5],
      ['requests_per_second', 8],
      ['requests_per_second', 8.01],
      ['lookback_hours', -1],
      ['lookback_hours', 0],
      ['lookback_hours', 720],
      ['lookback_hours', 721],
      ['lookback_hours', 2.5],
      ['max_attempts', 0],
      ['max_attempts', 10],
      ['max_attempts', 11],
      ['request_timeout_seconds', 0],
      ['request_timeout_seconds', 300],
      ['request_timeout_seconds', 301],
    ];
    for (const [field, value] of cases) {
      const config = {...base, [field]: value};
      expect([field, value, specValidates(config)]).toEqual([field, value, zodAccepts(config)]);
    }
  });

  it('agrees on market codes, currencies and dates', () => {
    const cases: object[] = [
      {markets: ['KRW-BTC']},
      {markets: ['krw-btc']},
      {markets: ['KRWBTC']},
      {quote_currencies: ['usdt']},
      {quote_currencies: ['USDT']},
      {start_date: '2024-01-01T00:00:00+09:00'},
      {start_date: '01/01/2024'},
      {end_date: '2024-02-01'},
      // The spec once refused these two dates the connector reads, and allowed no currency.
      {start_date: '2024-01-01T09:00+09:00'},
      {start_date: '2024-01-01T00:00:00.000Z'},
      {quote_currencies: []},
    ];
    for (const fields of cases) {
      const config = {...base, ...fields};
      expect([fields, specValidates(config)]).toEqual([fields, zodAccepts(config)]);
    }
  });
});

describe('market selection', () => {
  const listed: Market[] = ['KRW-BTC', 'KRW-ETH', 'BTC-ETH', 'USDT-BTC'].map((code) => {
    const [quote, base] = code.split('-') as [string, string];
    return {
      exchange: 'testex',
      market: code,
      base_currency: base,
      quote_currency: quote,
      korean_name: null,
      english_name: null,
      warning: false,
      warning_details: null,
    };
  });

  it('reads the configured markets that are listed and reports the others', () => {
    const selection = selectMarkets(
      parse({...base, markets: ['KRW-ETH', 'KRW-LUNA', 'USDT-BTC']}),
      listed
    );
    expect(selection.markets).toEqual([
      {market: 'KRW-ETH', base: 'ETH', quote: 'KRW'},
      {market: 'USDT-BTC', base: 'BTC', quote: 'USDT'},
    ]);
    expect(selection.unlisted).toEqual(['KRW-LUNA']);
  });

  it('reads every listed market of the quote currencies when no market is named', () => {
    const selection = selectMarkets(parse({...base, quote_currencies: ['KRW', 'BTC']}), listed);
    expect(selection.markets.map((m) => m.market)).toEqual(['KRW-BTC', 'KRW-ETH', 'BTC-ETH']);
  });

  it('refuses quote currencies that match nothing, listing the ones that exist', () => {
    expect(() => selectMarkets(parse({...base, quote_currencies: ['EUR']}), listed)).toThrow(
      new ConfigError(
        'config field "quote_currencies" matches no listed market (EUR); ' +
          'the exchange lists markets quoted in: BTC, KRW, USDT.'
      )
    );
  });
});
