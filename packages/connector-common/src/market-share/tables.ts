import {totalOf, ValueBreakdown, formatExcluded} from './breakdown';
import {ExchangeDay} from './coverage';
import {Cell, Table} from './csv';
import {formatDecimal} from './decimal';
import {ReconcileRow} from './reconcile';
import {MarketShareReport, ShareRow} from './report';
import {formatHourKst, formatHourUtc, kstDateOf} from './time';

const VALUE_COLUMNS = [
  'value_krw',
  'exact_value_krw',
  'converted_value_krw',
  'estimated_value_krw',
  'has_converted',
  'has_estimated',
];
const CANDLE_COLUMNS = [
  'candles_exact',
  'candles_converted',
  'candles_estimated',
  'candles_excluded',
  'excluded_by_quote',
  'candles_carried_rate',
];

function valueCells(v: ValueBreakdown): Cell[] {
  return [
    formatDecimal(totalOf(v)),
    formatDecimal(v.exact),
    formatDecimal(v.converted),
    formatDecimal(v.estimated),
    v.candlesConverted > 0,
    v.candlesEstimated > 0,
  ];
}

function candleCells(v: ValueBreakdown): Cell[] {
  return [
    v.candlesExact,
    v.candlesConverted,
    v.candlesEstimated,
    v.candlesExcluded,
    formatExcluded(v),
    v.candlesCarriedRate,
  ];
}

/** "0.734512" -> "73.4512": a decimal-point shift, so percentages still sum to exactly 100. */
export function shareToPercent(share: string | undefined): string | undefined {
  if (share === undefined) return undefined;
  const [int = '0', frac = ''] = share.split('.');
  const padded = frac.padEnd(2, '0');
  const whole = String(Number(int) * 100 + Number(padded.slice(0, 2)));
  const rest = padded.slice(2);
  return rest ? `${whole}.${rest}` : whole;
}

export function hourlyByExchangeTable(r: MarketShareReport): Table {
  return {
    header: [
      'hour_start_utc',
      'hour_start_kst',
      'kst_date',
      'exchange',
      ...VALUE_COLUMNS,
      'markets_present',
      ...CANDLE_COLUMNS,
    ],
    rows: r.hourly.map((h) => [
      formatHourUtc(h.hourMs),
      formatHourKst(h.hourMs),
      kstDateOf(h.hourMs),
      h.exchange,
      ...valueCells(h.value),
      h.markets,
      ...candleCells(h.value),
    ]),
  };
}

const COVERAGE_COLUMNS = ['hours_present', 'hours_expected', 'is_edge_day', 'is_complete'];

export function dailyByExchangeTable(r: MarketShareReport): Table {
  return {
    header: [
      'kst_date',
      'exchange',
      ...VALUE_COLUMNS,
      'markets_present',
      ...COVERAGE_COLUMNS,
      ...CANDLE_COLUMNS,
    ],
    rows: r.daily
      .filter((d) => d.hoursExpected > 0 || d.hoursPresent > 0)
      .map((d) => [
        d.kstDate,
        d.exchange,
        ...valueCells(d.value),
        d.markets,
        d.hoursPresent,
        d.hoursExpected,
        d.isEdgeDay,
        d.isComplete,
        ...candleCells(d.value),
      ]),
  };
}

/** complete / edge (input starts or ends that day, no gap) / gap (an expected hour is missing) / outside_input. */
export function coverageStatus(d: ExchangeDay): string {
  if (d.isComplete) return 'complete';
  if (d.hoursExpected === 0 && d.hoursPresent === 0) return 'outside_input';
  return d.missingHoursKst.length > 0 ? 'gap' : 'edge';
}

export function coverageTable(r: MarketShareReport): Table {
  return {
    header: [
      'kst_date',
      'exchange',
      'status',
      'hours_present',
      'hours_expected',
      'hours_missing',
      'missing_hours_kst',
      'is_edge_day',
      'is_complete',
      'markets_present',
      ...CANDLE_COLUMNS,
    ],
    rows: r.daily.map((d) => [
      d.kstDate,
      d.exchange,
      coverageStatus(d),
      d.hoursPresent,
      d.hoursExpected,
      d.missingHoursKst.length,
      d.missingHoursKst.map((h) => String(h).padStart(2, '0')).join(';'),
      d.isEdgeDay,
      d.isComplete,
      d.markets,
      ...candleCells(d.value),
    ]),
  };
}

function shareTable(
  rows: readonly ShareRow[],
  periodHeader: string[],
  period: (s: ShareRow) => Cell[]
): Table {
  return {
    header: [
      ...periodHeader,
      'exchange',
      'value_krw',
      'share',
      'share_percent',
      'period_total_krw',
      'has_converted',
      'has_estimated',
      'candles_excluded',
      'exchanges_missing',
      'complete',
    ],
    rows: rows.map((s) => [
      ...period(s),
      s.exchange,
      formatDecimal(totalOf(s.value)),
      s.share,
      shareToPercent(s.share),
      formatDecimal(s.periodTotal),
      s.value.candlesConverted > 0,
      s.value.candlesEstimated > 0,
      s.value.candlesExcluded,
      s.exchangesMissing.join(';'),
      s.complete,
    ]),
  };
}

export function dailyShareTable(r: MarketShareReport): Table {
  return shareTable(r.dailyShares, ['kst_date'], (s) => [s.period]);
}

export function hourlyShareTable(r: MarketShareReport): Table {
  return shareTable(r.hourlyShares, ['hour_start_utc', 'kst_date'], (s) => [
    s.period,
    kstDateOf(Date.parse(s.period)),
  ]);
}

export function dailyByAssetTable(r: MarketShareReport): Table {
  return {
    header: [
      'kst_date',
      'base_currency',
      'exchange',
      ...VALUE_COLUMNS,
      ...CANDLE_COLUMNS,
      'asset_total_krw',
      'share_of_asset',
      'share_percent',
    ],
    rows: r.assets.map((a) => [
      a.kstDate,
      a.base,
      a.exchange,
      ...valueCells(a.value),
      ...candleCells(a.value),
      formatDecimal(a.assetTotal),
      a.share,
      shareToPercent(a.share),
    ]),
  };
}

export function reconciliationTable(rows: readonly ReconcileRow[]): Table {
  return {
    header: [
      'exchange',
      'market',
      'day_start_utc',
      'day_start_kst',
      'window',
      'daily_figure',
      'hourly_sum',
      'hours_present',
      'difference',
      'relative_difference',
      'status',
      'source',
    ],
    rows: rows.map((x) => [
      x.exchange,
      x.market,
      formatHourUtc(x.dayStartMs),
      formatHourKst(x.dayStartMs),
      x.window,
      formatDecimal(x.dailyFigure),
      formatDecimal(x.hourlySum),
      x.hoursPresent,
      formatDecimal(x.difference),
      x.relativeDifference?.toSignificantDigits(6).toFixed(),
      x.status,
      x.origin,
    ]),
  };
}
