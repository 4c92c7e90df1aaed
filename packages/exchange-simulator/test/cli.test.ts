import {execFileSync, spawn} from 'node:child_process';
import path from 'node:path';
import {main, parseCli} from '../src';
import {candlesUrl, get} from './helpers';

describe('command line', () => {
  test('flags map to simulator options', () => {
    const {options, help} = parseCli([
      '--port=0',
      '--seed',
      '7',
      '--latency-ms',
      '150',
      '--markets-krw',
      '3',
      '--delist',
      'KRW-XRP@2024-03-01T00:00:00Z',
      '--now',
      '2024-04-01T00:00:00Z',
      '--upbit-candles-rps',
      '5',
      '--bithumb-block-ms',
      '1000',
      '--fault',
      'http5xx,count=3,status=503,exchange=upbit',
      '--fault',
      'emptyPage,probability=0.1',
    ]);
    expect(help).toBe(false);
    expect(options).toMatchObject({
      port: 0,
      seed: 7,
      latencyMs: 150,
      marketsPerQuote: {KRW: 3},
      delisting: {market: 'KRW-XRP', at: '2024-03-01T00:00:00Z'},
      clock: {now: '2024-04-01T00:00:00Z'},
      rateLimits: {enabled: true, upbit: {candlesPerSecond: 5}, bithumb: {blockMs: 1000}},
      faults: [
        {kind: 'http5xx', count: 3, status: 503, exchange: 'upbit'},
        {kind: 'emptyPage', probability: 0.1},
      ],
    });
    expect(parseCli([]).options.port).toBe(8080);
    expect(
      parseCli([
        '--coinone-rpm',
        '300',
        '--coinone-block-ms',
        '5000',
        '--coinone-limit-status',
        '200',
        '--korbit-rps',
        '20',
        '--break',
        'order-reversed,exchange=korbit',
        '--break',
        'no-rate-headers',
      ]).options
    ).toMatchObject({
      rateLimits: {
        coinone: {perMinute: 300, blockMs: 5000, limitStatus: 200},
        korbit: {perSecond: 20},
      },
      breaks: [{mode: 'order-reversed', exchange: 'korbit'}, {mode: 'no-rate-headers'}],
    });
    expect(() => parseCli(['--break', 'sideways'])).toThrow(/--break sideways: mode/);
    expect(() => parseCli(['--fault', 'boom'])).toThrow(/--fault boom: kind/);
    expect(() => parseCli(['--count-mode', 'rows'])).toThrow(/--count-mode: "rows" must be one of/);
    expect(() => parseCli(['--delist', 'KRW-XRP'])).toThrow(/MARKET@ISO/);
  });

  test('main() starts a server and prints one line with its URL to stderr', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const before = new Map(signals.map((s) => [s, process.listeners(s)]));
    let sim;
    try {
      sim = await main(['--port', '0', '--now', '2024-02-01T00:30:00Z', '--no-rate-limit']);
    } finally {
      spy.mockRestore();
    }
    expect(sim).toBeDefined();
    try {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^exchange-simulator listening on ${sim!.url} `));
      const res = await get(candlesUrl(sim!.upbitUrl, {market: 'KRW-BTC'}));
      expect(JSON.parse(res.body)[0].candle_date_time_utc).toBe('2024-02-01T00:00:00');
    } finally {
      await sim!.close();
      // Drop only the handlers main() added.
      for (const s of signals) {
        for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
      }
    }
  });

  test('bin/exchange-simulator runs from one command (after a build)', async () => {
    const pkg = path.join(__dirname, '..');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: pkg,
    });
    const child = spawn(
      process.execPath,
      ['bin/exchange-simulator', '--port', '0', '--seed', '3'],
      {
        cwd: pkg,
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const pairs = JSON.parse((await get(`${url}/korbit/v2/currencyPairs`)).body);
      expect(pairs.data[0]).toMatchObject({symbol: 'btc_krw', status: 'launched'});
      const res = await get(`${url}/bithumb/v1/market/all?isDetails=true`);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)[0]).toMatchObject({
        market: 'KRW-BTC',
        market_warning: expect.any(String),
      });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  }, 60_000);
});
