/**
 * A full read by the real process equals the simulator's ground truth exactly: every hour
 * with trades once, quiet hours absent, decimals digit for digit, markets listed.
 */
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {configuredCatalog, explain, readConnector} from './helpers/connector';
import {duplicateKeys, expectedRecordSet, hourKeys, recordSet, sortedRows} from './helpers/records';
import {startTestSimulator} from './helpers/simulator';
import {configMarkets, marketsOf, SOURCES} from './helpers/sources';

// Thin BTC-quoted markets (thin KRW stand-ins on Coinone and Korbit) have many hours without
// trades; KRW-BTC trades every hour.
const MARKETS = ['KRW-BTC', 'KRW-XRP', 'BTC-ETH', 'BTC-XRP'];
const START = '2024-02-18T00:00:00Z';
const END = '2024-03-01T03:00:00Z';

describe.each(SOURCES)('$exchange: full read', (source) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());

  it('emits exactly the simulator expectedCandles and every listed market', async () => {
    const config = {
      start_date: START,
      end_date: END,
      markets: configMarkets(source, MARKETS),
      page_size: 48,
      requests_per_second: source.maxRps,
      api_base_url: source.baseUrl(sim),
    };
    const catalog = await configuredCatalog(source, config);
    const read = await readConnector(source, {config, catalog});

    expect(read.exitCode).toBe(0);
    expect(duplicateKeys(read.records)).toEqual([]);
    const expected = expectedRecordSet(sim, source, MARKETS, START, END);
    expect(sortedRows(recordSet(read.records))).toEqual(sortedRows(expected));

    // The comparison above is only meaningful if the range holds quiet hours that must stay absent.
    const quiet = hourKeys(configMarkets(source, MARKETS), START, END).filter(
      (k) => !expected.has(k)
    );
    expect(quiet.length).toBeGreaterThan(20);
    expect(quiet.some((k) => k.startsWith(`${source.marketCode('KRW-BTC')}@`))).toBe(false);
    expect(marketsOf(source, MARKETS)).toHaveLength(MARKETS.length);

    const listed = read.run.messages.flatMap((m) =>
      m.type === 'RECORD' && m.record.stream === 'markets'
        ? [(m.record.data as {market: string}).market]
        : []
    );
    expect(listed.sort()).toEqual(
      sim
        .listedMarkets(source.exchange)
        .map((m) => source.marketCode(m))
        .sort()
    );
    expect(read.errors).toEqual([]);
    if (read.exitCode !== 0) throw new Error(explain(read));
  });
});
