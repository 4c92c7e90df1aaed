/**
 * A long read tells the operator how it is going: progress LOG lines at a steady interval
 * (markets, hours read and left, requests/s against the limit, 429s and retries, an ETA) and
 * one closing summary per candle read, all at INFO, from the real process.
 */
import type {RunningSimulator} from '@korea-candles/exchange-simulator';
import {
  assertConforms,
  checkRead,
  invokeConnector,
  spawnInvoker,
  type AirbyteMessage,
} from '@korea-candles/connector-common/testing';

import {configuredCatalog} from './helpers/connector';
import {startTestSimulator} from './helpers/simulator';
import {configMarkets, SOURCES} from './helpers/sources';

const MARKETS = ['KRW-BTC', 'KRW-ETH', 'BTC-XRP'];

function infoLines(messages: readonly AirbyteMessage[]): string[] {
  return messages.flatMap((m) =>
    m.type === 'LOG' && m.log?.level === 'INFO' ? [String(m.log.message)] : []
  );
}

const DISPLAY_NAME = {upbit: 'Upbit', bithumb: 'Bithumb', coinone: 'Coinone', korbit: 'Korbit'};

describe.each(SOURCES)('$exchange: progress of a long read', (source) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // Limits on; the read runs at 10 requests/s (at or below every exchange's limit) for about 6 s.
    sim = await startTestSimulator({rateLimits: {enabled: true}});
  });
  afterAll(() => sim.close());

  it('logs progress every interval and a summary at the end', async () => {
    const config = {
      start_date: '2024-02-10T00:00:00Z',
      end_date: '2024-03-01T00:00:00Z',
      markets: configMarkets(source, MARKETS),
      // 20 days x 3 markets in 24-hour windows: 60 candle requests.
      page_size: 24,
      requests_per_second: 10,
      api_base_url: source.baseUrl(sim),
    };
    const catalog = await configuredCatalog(source, config);
    const invoke = spawnInvoker(
      source.bin,
      {KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS: '1'},
      {timeoutMs: 60_000}
    );
    const run = await invokeConnector(invoke, 'read', {config, catalog});
    expect(run.result.exitCode).toBe(0);
    assertConforms(`${source.exchange} read`, checkRead(run.messages, {catalog, exitCode: 0}), run);

    const lines = infoLines(run.messages);
    const progress = lines.filter((l) => l.startsWith('candles_hourly progress: '));
    // ~6 s at 10/s with a line a second; allow for a slow start-up.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (const line of progress) {
      expect(line).toMatch(
        /^candles_hourly progress: [0-3]\/3 markets done, \d+\/1440 hours read \(\d+%\), \d+ left; [\d.]+ requests\/s over the last \d+ s \(limit 10\/s\); 429s \d+, retries \d+; ETA .+\.$/
      );
    }
    const summaries = lines.filter((l) => l.startsWith('candles_hourly summary: '));
    expect(summaries).toHaveLength(1);
    const pattern = new RegExp(
      `^candles_hourly summary: finished after \\d+ s; 3/3 ${DISPLAY_NAME[source.exchange]} markets done, 1440/1440 hours read; (6\\d) requests, [\\d.]+/s on average \\(limit 10/s\\); 429s (\\d+), retries (\\d+)\\.$`
    );
    expect(summaries[0]).toMatch(pattern);
    const summary = pattern.exec(summaries[0]!);
    // The counts are the HTTP client's, and agree with what the exchange saw.
    const stats = sim.stats();
    expect(Number(summary![1])).toBe(stats.requests[source.exchange].candles);
    expect(Number(summary![2])).toBe(stats.rateLimited429[source.exchange]);
    expect(Number(summary![3])).toBe(stats.rateLimited429[source.exchange]);
    // The summary closes the candle read: no progress line after it.
    expect(lines.indexOf(summaries[0]!)).toBeGreaterThan(lines.indexOf(progress.at(-1)!));
  }, 90_000);
});
