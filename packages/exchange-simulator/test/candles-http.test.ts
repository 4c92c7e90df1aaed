import {startSimulator, type ExchangeId, type RunningSimulator} from '../src';
import {FIXED_NOW, candlesOf, candlesUrl, get, parseExact, type CandleJson} from './helpers';

const HISTORY_START = '2024-01-01T00:00:00Z';

describe('candle and market endpoints over HTTP', () => {
  let sim: RunningSimulator;
  const base = (exchange: ExchangeId) => (exchange === 'upbit' ? sim.upbitUrl : sim.bithumbUrl);

  beforeAll(async () => {
    sim = await startSimulator({seed: 42, clock: {now: FIXED_NOW}, rateLimits: {enabled: false}});
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setClock({now: FIXED_NOW}));

  /** Pages back to an empty page; `nextTo` turns the oldest row into the next `to`. */
  async function pageAll(exchange: ExchangeId, market: string, nextTo: (c: CandleJson) => string) {
    const rows: CandleJson[] = [];
    let to: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await get(candlesUrl(base(exchange), {market, count: 200, ...(to ? {to} : {})}));
      expect(res.status).toBe(200);
      const candles = candlesOf(res.body);
      if (candles.length === 0) return rows;
      rows.push(...candles);
      to = nextTo(candles[candles.length - 1]!);
    }
    throw new Error('paging did not end');
  }

  test.each([
    // pyupbit style: the oldest UTC start, bare, space separated (Upbit reads bare as UTC).
    ['upbit', 'KRW-ETH', (c: CandleJson) => c.candle_date_time_utc.replace('T', ' ')],
    ['upbit', 'BTC-SOL', (c: CandleJson) => `${c.candle_date_time_utc}Z`],
    // Bithumb: KST wall clock with an explicit offset.
    ['bithumb', 'KRW-ETH', (c: CandleJson) => `${c.candle_date_time_kst}+09:00`],
    ['bithumb', 'BTC-SOL', (c: CandleJson) => `${c.candle_date_time_utc}Z`],
  ] as const)(
    '%s %s: paging on the exclusive `to` yields every candle once, newest first',
    async (exchange, market, nextTo) => {
      const rows = await pageAll(exchange, market, nextTo);
      const keys = rows.map((c) => c.candle_date_time_utc);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort().reverse()).toEqual(keys);
      expect(rows).toEqual(
        sim.expectedCandles(exchange, market, HISTORY_START, '2024-03-01T00:00:00Z')
      );
      // A liquid market: the open hour is included, and so is the first hour of the history.
      if (market === 'KRW-ETH') {
        expect(keys[0]).toBe('2024-02-10T05:00:00');
        expect(keys[keys.length - 1]).toBe('2024-01-01T00:00:00');
      }
    }
  );

  test('hours without trades are absent, so a page of 200 slots holds fewer rows', async () => {
    const res = await get(
      candlesUrl(sim.bithumbUrl, {market: 'BTC-SOL', count: 200, to: '2024-02-01T00:00:00Z'})
    );
    const rows = candlesOf(res.body);
    const hours = new Set(rows.map((c) => c.candle_date_time_utc));
    expect(rows.length).toBeLessThan(200);
    expect(rows[0]!.candle_date_time_utc <= '2024-01-31T23:00:00').toBe(true);
    expect(rows[rows.length - 1]!.candle_date_time_utc >= '2024-01-23T16:00:00').toBe(true);
    // Every missing slot really has no trades, and no row is a zero candle.
    const expected = sim.expectedCandles(
      'bithumb',
      'BTC-SOL',
      '2024-01-23T16:00:00Z',
      '2024-02-01T00:00:00Z'
    );
    expect(expected.map((c) => c.candle_date_time_utc).filter((h) => !hours.has(h))).toEqual([]);
    for (const c of rows) expect(Number(c.candle_acc_trade_volume)).toBeGreaterThan(0);
  });

  test('a bare `to` is UTC on Upbit and KST on Bithumb: 9 hours apart', async () => {
    const bare = '2024-02-01T12:00:00';
    const upbit = candlesOf(
      (await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', to: bare}))).body
    );
    const bithumb = candlesOf(
      (await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC', to: bare}))).body
    );
    expect(upbit.map((c) => c.candle_date_time_utc)).toEqual(['2024-02-01T11:00:00']);
    expect(bithumb.map((c) => c.candle_date_time_utc)).toEqual(['2024-02-01T02:00:00']);
    expect(bithumb[0]!.candle_date_time_kst).toBe('2024-02-01T11:00:00');
  });

  test.each(['upbit', 'bithumb'] as const)(
    '%s honours Z and +09:00 offsets and the space-separated form',
    async (exchange) => {
      const bareSame = exchange === 'upbit' ? '2024-02-01 12:00:00' : '2024-02-01 21:00:00';
      const bodies = await Promise.all(
        ['2024-02-01T12:00:00Z', '2024-02-01T21:00:00+09:00', bareSame].map(
          async (to) =>
            (await get(candlesUrl(base(exchange), {market: 'KRW-XRP', to, count: 5}))).body
        )
      );
      expect(candlesOf(bodies[0]!)[0]!.candle_date_time_utc).toBe('2024-02-01T11:00:00');
      expect(bodies[1]).toBe(bodies[0]);
      expect(bodies[2]).toBe(bodies[0]);
    }
  );

  test('`to` inside an hour keeps that hour (its start is before `to`)', async () => {
    const res = await get(
      candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', to: '2024-02-01T12:30:00Z', count: 2})
    );
    expect(candlesOf(res.body).map((c) => c.candle_date_time_utc)).toEqual([
      '2024-02-01T12:00:00',
      '2024-02-01T11:00:00',
    ]);
  });

  test('an unencoded + (arrives as a space) is rejected with a message naming `to`', async () => {
    const res = await get(
      `${sim.upbitUrl}/v1/candles/minutes/60?market=KRW-BTC&to=2024-02-01T21:00:00+09:00`
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/^to: .*%2B/);
  });

  test('count defaults to 1 (the open hour) and 200 is the maximum', async () => {
    const one = candlesOf((await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC'}))).body);
    expect(one.map((c) => c.candle_date_time_utc)).toEqual(['2024-02-10T05:00:00']);
    const full = candlesOf(
      (await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 200}))).body
    );
    expect(full).toHaveLength(200);

    const upbit = await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 201}));
    expect(upbit.status).toBe(400);
    expect(upbit.headers.get('content-type')).toMatch(/application\/json/);
    expect(JSON.parse(upbit.body)).toEqual({
      error: {name: 'validation_error', message: 'count: 201 exceeds the maximum of 200'},
    });
    const bithumb = await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC', count: 500}));
    expect(bithumb.status).toBe(400);
    expect(JSON.parse(bithumb.body).error.name).toBe('invalid_parameter');
    expect((await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 0}))).status).toBe(400);
  });

  test.each(['upbit', 'bithumb'] as const)(
    '%s: missing market -> 400 with the documented message',
    async (ex) => {
      const res = await get(`${base(ex)}/v1/candles/minutes/60?count=5`);
      expect(res.status).toBe(400);
      expect(res.body).toBe(
        '{"error":{"name":400,"message":"Missing request parameter error. Check the required parameters!"}}'
      );
    }
  );

  test.each(['upbit', 'bithumb'] as const)(
    '%s: unknown and delisted markets -> 404 Code not found; delisted is absent from market/all',
    async (ex) => {
      for (const market of ['KRW-NOPE', 'KRW-TRX']) {
        const res = await get(candlesUrl(base(ex), {market, count: 3}));
        expect(res.status).toBe(404);
        expect(res.body).toBe('{"error":{"name":404,"message":"Code not found"}}');
      }
      const markets = parseExact((await get(`${base(ex)}/v1/market/all`)).body) as {
        market: string;
      }[];
      expect(markets.map((m) => m.market)).not.toContain('KRW-TRX');
      expect(markets.map((m) => m.market)).toContain('KRW-ADA');

      // Before the delisting hour (2024-01-15T00:00Z) the market is listed and served.
      sim.setClock({now: '2024-01-14T23:30:00Z'});
      const before = parseExact((await get(`${base(ex)}/v1/market/all`)).body) as {
        market: string;
      }[];
      expect(before.map((m) => m.market)).toContain('KRW-TRX');
      const rows = candlesOf(
        (await get(candlesUrl(base(ex), {market: 'KRW-TRX', count: 200}))).body
      );
      expect(rows.length).toBeGreaterThan(100);
    }
  );

  test('Upbit market/all: plain rows, and market_event with is_details or isDetails', async () => {
    const plain = parseExact((await get(`${sim.upbitUrl}/v1/market/all`)).body) as object[];
    expect(Object.keys(plain[0]!)).toEqual(['market', 'korean_name', 'english_name']);
    expect(plain[0]).toEqual({market: 'KRW-BTC', korean_name: '비트코인', english_name: 'Bitcoin'});
    const markets = plain.map((m) => (m as {market: string}).market);
    expect(markets.filter((m) => m.startsWith('KRW-'))).toHaveLength(7); // 8 minus the delisted one
    expect(markets.filter((m) => m.startsWith('BTC-'))).toHaveLength(4);
    expect(markets.filter((m) => m.startsWith('USDT-'))).toHaveLength(3);
    for (const flag of ['is_details', 'isDetails']) {
      const rows = JSON.parse((await get(`${sim.upbitUrl}/v1/market/all?${flag}=true`)).body);
      expect(Object.keys(rows[0])).toEqual([
        'market',
        'korean_name',
        'english_name',
        'market_event',
      ]);
      expect(Object.keys(rows[0].market_event.caution)).toEqual([
        'PRICE_FLUCTUATIONS',
        'TRADING_VOLUME_SOARING',
        'DEPOSIT_AMOUNT_SOARING',
        'GLOBAL_PRICE_DIFFERENCES',
        'CONCENTRATION_OF_SMALL_ACCOUNTS',
      ]);
      expect(typeof rows[0].market_event.warning).toBe('boolean');
    }
  });

  test('Bithumb market/all?isDetails=true adds market_warning NONE|CAUTION', async () => {
    const rows = JSON.parse((await get(`${sim.bithumbUrl}/v1/market/all?isDetails=true`)).body);
    expect(Object.keys(rows[0])).toEqual([
      'market',
      'korean_name',
      'english_name',
      'market_warning',
    ]);
    expect(new Set(rows.map((r: {market_warning: string}) => r.market_warning))).toEqual(
      new Set(['NONE', 'CAUTION'])
    );
    const plain = JSON.parse((await get(`${sim.bithumbUrl}/v1/market/all`)).body);
    expect(Object.keys(plain[0])).toEqual(['market', 'korean_name', 'english_name']);
  });

  test('numbers are raw JSON numbers: Upbit with 8 decimals, Bithumb shortest; exact beyond float64', async () => {
    const upbit = (await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 50}))).body;
    expect(upbit).toMatch(
      /^\[\{"market":"KRW-BTC","candle_date_time_utc":"2024-02-10T05:00:00","candle_date_time_kst":"2024-02-10T14:00:00","opening_price":\d+\.\d{8},/
    );
    expect(upbit).toMatch(/"candle_acc_trade_price":\d{10,}\.\d{8},/);
    expect(upbit).toMatch(/"unit":60\}/);
    const bithumb = (await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC', count: 50}))).body;
    expect(bithumb).toMatch(/"opening_price":\d+[,.]/);
    expect(bithumb).not.toMatch(/\.\d*0[,}]/);
    // KRW-XRP values carry 8 decimals on 10+ integer digits: more than a double holds, yet
    // the text read back is exactly what the data model computed.
    const xrp = (await get(candlesUrl(sim.upbitUrl, {market: 'KRW-XRP', count: 50}))).body;
    const rows = candlesOf(xrp);
    const values = rows.map((c) => String(c.candle_acc_trade_price));
    expect(values.some((v) => String(Number(v)) !== v)).toBe(true);
    const oldest = `${rows[rows.length - 1]!.candle_date_time_utc}Z`;
    const expected = sim.expectedCandles('upbit', 'KRW-XRP', oldest, '2024-02-11T00:00:00Z');
    expect(values).toEqual(expected.map((c) => c.candle_acc_trade_price));
  });

  test('the open hour changes between calls as the clock moves', async () => {
    const url = candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 2});
    sim.setClock({now: '2024-02-10T05:10:00Z'});
    const early = candlesOf((await get(url)).body);
    sim.setClock({now: '2024-02-10T05:55:00Z'});
    const late = candlesOf((await get(url)).body);
    expect(early[0]!.candle_date_time_utc).toBe('2024-02-10T05:00:00');
    expect(late[0]!.candle_date_time_utc).toBe('2024-02-10T05:00:00');
    expect(late[0]!.opening_price).toBe(early[0]!.opening_price);
    expect(Number(late[0]!.candle_acc_trade_volume)).toBeGreaterThan(
      Number(early[0]!.candle_acc_trade_volume)
    );
    expect(late[1]).toEqual(early[1]); // closed hours never change
  });

  test('unknown paths and other candle units are 404 JSON; non-GET is 405', async () => {
    expect((await get(`${sim.upbitUrl}/v1/candles/minutes/1?market=KRW-BTC`)).status).toBe(404);
    expect((await get(`${sim.url}/coinone/x`)).status).toBe(404);
    const res = await fetch(`${sim.upbitUrl}/v1/market/all`, {method: 'DELETE'});
    expect(res.status).toBe(405);
  });
});

describe('count modes', () => {
  test('`candles` mode returns exactly count rows even on a thin market', async () => {
    const sim = await startSimulator({
      countMode: 'candles',
      clock: {now: FIXED_NOW},
      rateLimits: {enabled: false},
    });
    try {
      const rows = candlesOf(
        (await get(candlesUrl(sim.upbitUrl, {market: 'BTC-SOL', count: 200}))).body
      );
      expect(rows).toHaveLength(200);
    } finally {
      await sim.close();
    }
  });

  test('`clamp` turns count > 200 into 200 rows', async () => {
    const sim = await startSimulator({countOverLimit: 'clamp', clock: {now: FIXED_NOW}});
    try {
      const res = await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 1000}));
      expect(res.status).toBe(200);
      expect(candlesOf(res.body)).toHaveLength(200);
    } finally {
      await sim.close();
    }
  });
});

describe('determinism', () => {
  test('the same seed serves the same bytes; another seed does not', async () => {
    const bodies = async (seed: number) => {
      const sim = await startSimulator({
        seed,
        clock: {now: FIXED_NOW},
        rateLimits: {enabled: false},
      });
      try {
        return await Promise.all([
          get(`${sim.upbitUrl}/v1/market/all?is_details=true`),
          get(`${sim.bithumbUrl}/v1/market/all?isDetails=true`),
          get(candlesUrl(sim.upbitUrl, {market: 'KRW-ETH', count: 200})),
          get(
            candlesUrl(sim.bithumbUrl, {market: 'USDT-ETH', count: 200, to: '2024-01-20 00:00:00'})
          ),
        ]).then((r) => r.map((x) => x.body));
      } finally {
        await sim.close();
      }
    };
    const [a, b, c] = [await bodies(42), await bodies(42), await bodies(43)];
    expect(b).toEqual(a);
    expect(c[2]).not.toBe(a[2]);
    expect(c[3]).not.toBe(a[3]);
  });
});
