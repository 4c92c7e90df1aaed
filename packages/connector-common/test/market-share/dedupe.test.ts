import {totalOf} from '../../src/market-share/breakdown';
import {CandleDeduper} from '../../src/market-share/dedupe';
import {parseCandleData, ShareCandle} from '../../src/market-share/normalize';
import {candle} from './fixtures';
import {reportOf} from './helpers';

function share(market: string, hour: string, value: string): ShareCandle {
  const parsed = parseCandleData(candle({market, hour, value}));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.candle;
}

describe('duplicates', () => {
  it('counts a re-read hour once, with the last value read', () => {
    const report = reportOf([
      candle({market: 'KRW-BTC', hour: '2025-01-01T00:00:00Z', value: '100'}), // open hour, first read
      candle({market: 'KRW-BTC', hour: '2025-01-01T01:00:00Z', value: '40'}),
      candle({market: 'KRW-BTC', hour: '2025-01-01T00:00:00Z', value: '250'}), // lookback re-read
    ]);
    // 250 + 40, not 100 + 250 + 40
    expect(report.daily.map((d) => totalOf(d.value).toFixed())).toEqual(['290']);
    expect(report.hourly.map((h) => h.markets)).toEqual([1, 1]);
  });

  it('holds only the window, and keeps the first value of a duplicate that arrives after it', () => {
    const final: ShareCandle[] = [];
    const d = new CandleDeduper(2, (c) => final.push(c));
    d.add(share('KRW-BTC', '2025-01-01T00:00:00Z', '1'));
    d.add(share('KRW-BTC', '2025-01-01T01:00:00Z', '2'));
    // 03:00Z moves the window to (01:00Z, 03:00Z]: 00:00Z and 01:00Z are final now
    d.add(share('KRW-BTC', '2025-01-01T03:00:00Z', '3'));
    expect(final.map((c) => c.value)).toEqual(['1', '2']);
    d.add(share('KRW-BTC', '2025-01-01T03:00:00Z', '30')); // inside the window: replaces
    d.add(share('KRW-BTC', '2025-01-01T00:00:00Z', '10')); // already counted: ignored, reported
    d.add(share('KRW-ETH', '2025-01-01T00:00:00Z', '5')); // another market is not a duplicate
    d.flush();
    expect(final.map((c) => `${c.market}@${new Date(c.hourMs).getUTCHours()}=${c.value}`)).toEqual([
      'KRW-BTC@0=1',
      'KRW-BTC@1=2',
      'KRW-BTC@3=30',
      'KRW-ETH@0=5',
    ]);
    expect(d.stats).toMatchObject({replaced: 1, lateDuplicates: 1});
    expect(d.stats.lateExamples).toEqual(['upbit KRW-BTC 2025-01-01T00:00:00.000Z']);
  });
});
