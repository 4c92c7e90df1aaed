import {MarketShareAggregator} from '../../src/market-share/aggregate';
import {CandleDeduper} from '../../src/market-share/dedupe';
import {parseCandleData} from '../../src/market-share/normalize';
import {buildReport, MarketShareReport} from '../../src/market-share/report';
import {Candle} from '../../src/model/candle';

/** Runs candles through validation, dedupe and aggregation exactly as the CLI does. */
export function reportOf(
  candles: Candle[],
  convertQuotes = ['BTC', 'USDT'],
  maxRateCarryHours?: number
): MarketShareReport {
  const agg = new MarketShareAggregator({convertQuotes: new Set(convertQuotes), maxRateCarryHours});
  const dedupe = new CandleDeduper(72, (c) => agg.add(c));
  for (const c of candles) {
    const parsed = parseCandleData(c);
    if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.message}`);
    dedupe.add(parsed.candle);
  }
  dedupe.flush();
  return buildReport(agg.finish());
}
