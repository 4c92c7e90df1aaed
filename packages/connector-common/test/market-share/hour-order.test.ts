import {toCsv} from '../../src/market-share/csv';
import {computeMarketShareFromItems, InputItem} from '../../src/market-share/pipeline';
import {
  coverageTable,
  dailyByAssetTable,
  dailyShareTable,
  hourlyByExchangeTable,
} from '../../src/market-share/tables';
import {Candle} from '../../src/model/candle';
import {candle} from './fixtures';

/** Two exchanges, 3 hours; hour 1 has no KRW-BTC candle on upbit, so BTC-ETH there is carried. */
const HOURS = ['2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z', '2025-01-01T02:00:00Z'];
const CANDLES: Candle[] = HOURS.flatMap((hour, i) => [
  ...(i === 1
    ? []
    : [candle({market: 'KRW-BTC', hour, value: `${1500 + i}`, volume: '1', close: '1490'})]),
  candle({market: 'BTC-ETH', hour, value: `0.${i + 1}`}),
  candle({market: 'KRW-XRP', hour, value: `${100 + i}.25`}),
  candle({
    exchange: 'korbit',
    market: 'KRW-BTC',
    hour,
    value: '700',
    volume: '0.5',
    estimated: true,
  }),
  candle({exchange: 'korbit', market: 'BTC-XRP', hour, value: '0.01', estimated: true}),
]);

function items(candles: readonly Candle[]): AsyncIterable<InputItem> {
  return (async function* () {
    let n = 0;
    for (const data of candles) yield {name: 't', lineNo: ++n, msg: {kind: 'candle', data}};
  })();
}

function csvs(run: Awaited<ReturnType<typeof computeMarketShareFromItems>>): string[] {
  return [hourlyByExchangeTable, dailyByAssetTable, dailyShareTable, coverageTable].map((t) =>
    toCsv(t(run.report))
  );
}

describe('candles in hour order (a warehouse query): each hour sealed as the next begins', () => {
  it('gives the same tables as the same candles in any order through the dedupe window', async () => {
    const byMarket = [...CANDLES].sort(
      (a, b) =>
        a.exchange.localeCompare(b.exchange) ||
        a.market.localeCompare(b.market) ||
        a.candle_start_utc.localeCompare(b.candle_start_utc)
    );
    const byHour = [...CANDLES].sort(
      (a, b) =>
        a.candle_start_utc.localeCompare(b.candle_start_utc) || a.market.localeCompare(b.market)
    );
    const unordered = await computeMarketShareFromItems(items(byMarket));
    const sealed = await computeMarketShareFromItems(items(byHour), {
      deduplicatedInHourOrder: true,
    });
    expect(csvs(sealed)).toEqual(csvs(unordered));
    // The carried rate crossed a sealed hour: hour 1 converts at hour 0's KRW-BTC close.
    const upbit1 = sealed.report.hourly.find(
      (h) => h.exchange === 'upbit' && h.hourMs === Date.parse(HOURS[1] ?? '')
    );
    expect(upbit1?.value.candlesCarriedRate).toBe(1);
    expect(upbit1?.value.converted.toFixed()).toBe('298'); // 0.2 BTC x 1490
  });

  it('refuses a candle of an hour already sealed, instead of miscounting it', async () => {
    const late = [...CANDLES.slice(0, 5), ...CANDLES.slice(9), ...CANDLES.slice(5, 9)];
    await expect(
      computeMarketShareFromItems(items(late), {deduplicatedInHourOrder: true})
    ).rejects.toThrow('the input is not in hour order');
  });
});
