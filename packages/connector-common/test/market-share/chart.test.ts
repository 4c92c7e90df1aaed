import {renderDailyShareSvg} from '../../src/market-share/chart';
import {candle} from './fixtures';
import {reportOf} from './helpers';

const H0 = '2025-01-01T00:00:00Z';

describe('daily share chart', () => {
  it('hatches the estimated part of a segment and explains the hatching in the legend', () => {
    const report = reportOf([
      candle({exchange: 'upbit', market: 'KRW-BTC', hour: H0, value: '600'}),
      // Korbit reports no traded value: the whole segment is an estimate.
      candle({exchange: 'korbit', market: 'KRW-BTC', hour: H0, value: '400', estimated: true}),
    ]);
    const svg = renderDailyShareSvg(report.dailyShares);
    const hatched = svg.split('\n').filter((l) => l.includes('class="estimated"'));
    // One hatched rectangle, as tall as korbit's 40% segment (0.4 x 360 px of plot height).
    expect(hatched).toHaveLength(1);
    expect(hatched[0]).toContain('height="144.00"');
    expect(svg).toContain('korbit: 40.0000% of ₩400 (100.0% estimated)');
    expect(svg).toContain('hatched: estimated value');
    expect(svg).not.toMatch(/upbit: [^<]*estimated/);
  });
});
