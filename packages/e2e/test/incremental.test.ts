/**
 * A second sync from the first one's state, five simulated hours later, asks only for the
 * lookback window, the cursor hour and the new hours: exactly those with trades come back,
 * the cursor hour (open at the first sync) now complete, in one request per market.
 */
import type {RunningSimulator} from '@korea-candles/exchange-simulator';

import {candleCursors, configuredCatalog, explain, readConnector} from './helpers/connector';
import {duplicateKeys, expectedRecordSet, keyOf, recordSet, sortedRows} from './helpers/records';
import {startTestSimulator} from './helpers/simulator';
import {configMarkets, SOURCES} from './helpers/sources';

const MARKETS = ['KRW-BTC', 'KRW-XRP', 'BTC-XRP'];
const LOOKBACK_HOURS = 3;
const NEW_HOURS = 5;
const FIRST_NOW = '2024-03-01T05:20:00Z';
const SECOND_NOW = '2024-03-01T10:20:00Z';
const OPEN_HOUR = '2024-03-01T05:00:00Z';

/**
 * The connector plans up to its own clock's current hour and has no clock to inject, so
 * `end_date` = the end of the simulator's current hour stands in for "now" on both sides.
 */
function configAt(source: (typeof SOURCES)[number], sim: RunningSimulator, endOfOpenHour: string) {
  return {
    start_date: '2024-02-27T00:00:00Z',
    end_date: endOfOpenHour,
    markets: configMarkets(source, MARKETS),
    page_size: 24,
    lookback_hours: LOOKBACK_HOURS,
    requests_per_second: source.maxRps,
    api_base_url: source.baseUrl(sim),
  };
}

describe.each(SOURCES)('$exchange: incremental sync', (source) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({clock: {now: FIRST_NOW}});
  });
  afterAll(() => sim.close());

  it('re-reads lookback + cursor hour and reads only the new hours', async () => {
    const first = configAt(source, sim, '2024-03-01T06:00:00Z');
    const catalog = await configuredCatalog(source, first);
    const run1 = await readConnector(source, {config: first, catalog});
    if (run1.exitCode !== 0) throw new Error(explain(run1));
    expect(sortedRows(recordSet(run1.records))).toEqual(
      sortedRows(expectedRecordSet(sim, source, MARKETS, first.start_date, first.end_date))
    );
    const cursors = candleCursors(run1.nextState);
    const markets = configMarkets(source, MARKETS);
    expect(cursors).toEqual(Object.fromEntries(markets.map((m) => [m, OPEN_HOUR])));

    sim.setClock({now: SECOND_NOW});
    sim.reset();
    const second = configAt(source, sim, '2024-03-01T11:00:00Z');
    const run2 = await readConnector(source, {config: second, catalog, state: run1.nextState});
    if (run2.exitCode !== 0) throw new Error(explain(run2));

    // Cursor hour minus the lookback, up to the new open hour: 3 + 1 + 5 hours per market.
    const from = new Date(Date.parse(OPEN_HOUR) - LOOKBACK_HOURS * 3_600_000).toISOString();
    const expected = expectedRecordSet(sim, source, MARKETS, from, second.end_date);
    expect(duplicateKeys(run2.records)).toEqual([]);
    expect(sortedRows(recordSet(run2.records))).toEqual(sortedRows(expected));
    for (const market of markets) {
      const hours = run2.records.filter((r) => r.market === market).length;
      expect([market, hours <= LOOKBACK_HOURS + 1 + NEW_HOURS]).toEqual([market, true]);
    }
    // KRW-BTC trades every hour: all 9 hours, and the hour that was open is now complete.
    const btc = source.marketCode('KRW-BTC');
    expect(run2.records.filter((r) => r.market === btc)).toHaveLength(9);
    const wasOpen = `${btc}@${OPEN_HOUR}`;
    const before = run1.records.find((r) => keyOf(r) === wasOpen);
    const after = run2.records.find((r) => keyOf(r) === wasOpen);
    expect(after).toEqual(expected.get(wasOpen));
    expect(Number(after?.volume_base)).toBeGreaterThan(Number(before?.volume_base));

    // One window per market covers the 9 hours: one candle request each. The market list is
    // asked for by the markets stream and by the candle stream's market selection.
    const requests = sim.stats().requests[source.exchange];
    expect(requests.candles).toBe(MARKETS.length);
    expect(requests.markets).toBeLessThanOrEqual(2);
    expect(candleCursors(run2.nextState)).toEqual(
      Object.fromEntries(markets.map((m) => [m, '2024-03-01T10:00:00Z']))
    );
  });
});
