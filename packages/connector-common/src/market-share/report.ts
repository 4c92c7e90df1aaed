import {Aggregates, AssetDay, cmp, ExchangeHour} from './aggregate';
import {totalOf, ValueBreakdown} from './breakdown';
import {buildExchangeDays, ExchangeDay} from './coverage';
import {D, Dec, ZERO} from './decimal';
import {DEFAULT_SHARE_DECIMALS, largestRemainderShares} from './shares';

/** One exchange's part of one period (an hour or a KST day). */
export interface ShareRow {
  /** `YYYY-MM-DDTHH:00:00Z` for hours, `YYYY-MM-DD` (KST) for days. */
  readonly period: string;
  readonly exchange: string;
  readonly value: ValueBreakdown;
  /** Exactly `shareDecimals` places; undefined when the period's total is 0. */
  readonly share: string | undefined;
  readonly periodTotal: Dec;
  /** Exchanges of the input with no data in this period: the share is over the others only. */
  readonly exchangesMissing: readonly string[];
  /** Every exchange of the input is fully present and no candle was excluded. */
  readonly complete: boolean;
}

export interface AssetShareRow extends AssetDay {
  readonly assetTotal: Dec;
  readonly share: string | undefined;
}

export interface MarketShareReport {
  readonly exchanges: readonly string[];
  readonly shareDecimals: number;
  readonly hourly: readonly ExchangeHour[];
  readonly daily: readonly ExchangeDay[];
  readonly assets: readonly AssetShareRow[];
  readonly hourlyShares: readonly ShareRow[];
  readonly dailyShares: readonly ShareRow[];
}

export function buildReport(
  agg: Aggregates,
  shareDecimals = DEFAULT_SHARE_DECIMALS
): MarketShareReport {
  const hourly = [...agg.hours.values()]
    .flatMap((m) => [...m.values()])
    .sort((a, b) => a.hourMs - b.hourMs || cmp(a.exchange, b.exchange));
  const daily = buildExchangeDays(agg);
  return {
    exchanges: agg.exchanges,
    shareDecimals,
    hourly,
    daily,
    assets: assetShares(agg.assetDays, shareDecimals),
    hourlyShares: hourlyShares(agg.exchanges, hourly, shareDecimals),
    dailyShares: dailyShares(agg.exchanges, daily, shareDecimals),
  };
}

function hourlyShares(
  exchanges: readonly string[],
  hourly: readonly ExchangeHour[],
  decimals: number
): ShareRow[] {
  const byPeriod = groupBy(hourly, (h) => new Date(h.hourMs).toISOString().slice(0, 19) + 'Z');
  return [...byPeriod].flatMap(([period, rows]) =>
    periodShares(
      period,
      exchanges,
      rows.map((r) => ({exchange: r.exchange, value: r.value, full: true})),
      decimals
    )
  );
}

function dailyShares(
  exchanges: readonly string[],
  daily: readonly ExchangeDay[],
  decimals: number
): ShareRow[] {
  const byPeriod = groupBy(
    daily.filter((d) => d.hoursPresent > 0),
    (d) => d.kstDate
  );
  return [...byPeriod].flatMap(([period, rows]) =>
    periodShares(
      period,
      exchanges,
      rows.map((r) => ({exchange: r.exchange, value: r.value, full: r.isComplete})),
      decimals
    )
  );
}

function periodShares(
  period: string,
  exchanges: readonly string[],
  rows: {exchange: string; value: ValueBreakdown; full: boolean}[],
  decimals: number
): ShareRow[] {
  const present = new Set(rows.map((r) => r.exchange));
  const missing = exchanges.filter((e) => !present.has(e));
  const complete =
    missing.length === 0 && rows.every((r) => r.full && r.value.candlesExcluded === 0);
  const values = rows.map((r) => ({key: r.exchange, value: totalOf(r.value)}));
  const total = values.reduce((a, v) => a.plus(v.value), ZERO);
  const shares = largestRemainderShares(values, decimals);
  return rows.map((r) => ({
    period,
    exchange: r.exchange,
    value: r.value,
    share: shares?.get(r.exchange),
    periodTotal: total,
    exchangesMissing: missing,
    complete,
  }));
}

function assetShares(assetDays: readonly AssetDay[], decimals: number): AssetShareRow[] {
  const groups = groupBy(assetDays, (a) => `${a.kstDate}\u0000${a.base}`);
  return [...groups.values()].flatMap((rows) => {
    const values = rows.map((r) => ({key: r.exchange, value: totalOf(r.value)}));
    const total = values.reduce((a, v) => a.plus(v.value), new D(0));
    const shares = largestRemainderShares(values, decimals);
    return rows.map((r) => ({...r, assetTotal: total, share: shares?.get(r.exchange)}));
  });
}

/** Groups keeping first-seen order (inputs are already sorted by period). */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
