import {ExchangeApiError, UnknownMarketError} from '../errors/connector-error';
import {type CandleRequestDeclaration, formatTimeBound, stepMs} from '../definition/candle-request';
import type {ExchangeCandle, MarketRef} from '../definition/exchange-definition';
import {HOUR_MS, floorToHour, toKstIso, toUtcIso} from '../time/hours';
import type {ProbeFinding} from './finding';
import type {ProbeSession, RawBound} from './probe-session';

export interface ProbeContext {
  readonly session: ProbeSession;
  readonly market: MarketRef;
  readonly nowMs: number;
  /** The latest page, in the order the exchange sent it. */
  readonly latest: ReadonlyArray<ExchangeCandle>;
}

const at = (ms: number) => toUtcIso(ms);
const ascending = (rows: ReadonlyArray<ExchangeCandle>) =>
  [...rows].sort((a, b) => a.startMs - b.startMs);
const decl = (ctx: ProbeContext): CandleRequestDeclaration => ctx.session.exchange.candlesRequest;

/** The raw end bound that asks for candles starting before `endMs`, as the declaration reads it. */
export function endBefore(d: CandleRequestDeclaration, endMs: number): RawBound {
  return {ms: d.end.inclusive ? endMs - stepMs(d.end.format) : endMs};
}

/** The newest candle of an hour already closed: it exists and will not change while we probe. */
function closedCandle(ctx: ProbeContext): ExchangeCandle | undefined {
  const open = floorToHour(ctx.nowMs);
  return ascending(ctx.latest)
    .filter((c) => c.startMs < open)
    .at(-1);
}

export function checkOrder(ctx: ProbeContext): ProbeFinding {
  const expected = `rows ${decl(ctx).order.replace('-', ' ')}`;
  const rows = ctx.latest;
  if (rows.length < 2) {
    return {
      check: 'order',
      expected,
      status: 'could not tell',
      saw: `${rows.length} row(s) in the latest page`,
    };
  }
  const pairs = rows.slice(1).map((r, i) => r.startMs - rows[i]!.startMs);
  const actual = pairs.every((d) => d > 0)
    ? 'oldest-first'
    : pairs.every((d) => d < 0)
      ? 'newest-first'
      : 'unordered';
  return {
    check: 'order',
    expected,
    status: actual === decl(ctx).order ? 'pass' : 'fail',
    saw: `${rows.length} rows ${actual === 'unordered' ? 'in no order' : actual.replace('-', ' ')}, first ${at(rows[0]!.startMs)}, last ${at(rows.at(-1)!.startMs)}`,
  };
}

export function checkEmptyHours(ctx: ProbeContext): ProbeFinding {
  const expected = 'hours without trades are omitted';
  const rows = ascending(ctx.latest);
  const zero = rows.filter((r) => r.volumeBase === '0');
  if (zero.length > 0) {
    return {
      check: 'empty-hours',
      expected,
      status: 'fail',
      saw: `${zero.length} candle(s) with volume 0, e.g. ${at(zero[0]!.startMs)}: empty hours are filled in`,
    };
  }
  const span = rows.length > 0 ? (rows.at(-1)!.startMs - rows[0]!.startMs) / HOUR_MS + 1 : 0;
  const gaps = span - rows.length;
  return gaps > 0
    ? {
        check: 'empty-hours',
        expected,
        status: 'pass',
        saw: `${gaps} hour(s) without a candle among ${span}, no zero-volume candle`,
      }
    : {
        check: 'empty-hours',
        expected,
        status: 'could not tell',
        saw: `every one of the latest ${rows.length} hours traded`,
      };
}

export async function checkEndBound(ctx: ProbeContext): Promise<ProbeFinding> {
  const d = decl(ctx);
  const expected = `${d.end.param} is ${d.end.inclusive ? 'inclusive' : 'exclusive'}`;
  const t = closedCandle(ctx);
  if (!t)
    return {
      check: 'end-bound',
      expected,
      status: 'could not tell',
      saw: 'no closed hour in the latest page',
    };
  const rows = await ctx.session.candles({market: ctx.market, end: {ms: t.startMs}, limit: 3});
  const after = rows.filter((r) => r.startMs > t.startMs);
  if (after.length > 0) {
    return {
      check: 'end-bound',
      expected,
      status: 'fail',
      saw: `${d.end.param}=${formatTimeBound(t.startMs, d.end.format)} still returned ${at(after[0]!.startMs)}: the bound was ignored`,
    };
  }
  const included = rows.some((r) => r.startMs === t.startMs);
  return {
    check: 'end-bound',
    expected,
    status: included === d.end.inclusive ? 'pass' : 'fail',
    saw: `${d.end.param}=${formatTimeBound(t.startMs, d.end.format)}: the candle starting then was ${included ? '' : 'not '}returned`,
  };
}

export async function checkStartBound(ctx: ProbeContext): Promise<ProbeFinding> {
  const start = decl(ctx).start;
  if (!start) {
    return {
      check: 'start-bound',
      expected: 'no start bound is sent',
      status: 'not applicable',
      saw: 'the exchange is asked for the latest candles before the end bound',
    };
  }
  const expected = `${start.param} is ${start.inclusive ? 'inclusive' : 'exclusive'}`;
  const t = closedCandle(ctx);
  if (!t)
    return {
      check: 'start-bound',
      expected,
      status: 'could not tell',
      saw: 'no closed hour in the latest page',
    };
  const rows = await ctx.session.candles({
    market: ctx.market,
    start: {ms: t.startMs},
    end: {ms: t.startMs + 2 * HOUR_MS},
    limit: 3,
  });
  const before = rows.filter((r) => r.startMs < t.startMs);
  if (before.length > 0) {
    return {
      check: 'start-bound',
      expected,
      status: 'fail',
      saw: `${start.param}=${formatTimeBound(t.startMs, start.format)} still returned ${at(before[0]!.startMs)}: the bound was ignored`,
    };
  }
  const included = rows.some((r) => r.startMs === t.startMs);
  return {
    check: 'start-bound',
    expected,
    status: included === start.inclusive ? 'pass' : 'fail',
    saw: `${start.param}=${formatTimeBound(t.startMs, start.format)}: the candle starting then was ${included ? '' : 'not '}returned`,
  };
}

export async function checkLimitCounts(ctx: ProbeContext): Promise<ProbeFinding> {
  const d = decl(ctx);
  const expected = d.limitCounts
    ? `${d.limitParam} counts ${d.limitCounts.replace('-', ' ')}`
    : `${d.limitParam} counts candles or hour slots (undocumented; the reader learns which)`;
  const rows = ascending(ctx.latest);
  const gapAt = rows.findIndex((r, i) => i > 0 && r.startMs - rows[i - 1]!.startMs > HOUR_MS);
  if (gapAt < 0) {
    return {
      check: 'limit-counts',
      expected,
      status: 'could not tell',
      saw: 'no hour without trades in the latest page to tell by',
    };
  }
  const [older, newer] = [rows[gapAt - 1]!, rows[gapAt]!];
  const got = await ctx.session.candles({
    market: ctx.market,
    end: endBefore(d, newer.startMs + HOUR_MS),
    limit: 2,
  });
  const hasNewer = got.some((r) => r.startMs === newer.startMs);
  const hasOlder = got.some((r) => r.startMs === older.startMs);
  const actual = hasNewer ? (hasOlder ? 'candles' : 'hour-slots') : undefined;
  const gapHours = (newer.startMs - older.startMs) / HOUR_MS - 1;
  if (!actual) {
    return {
      check: 'limit-counts',
      expected,
      status: 'could not tell',
      saw: `${d.limitParam}=2 before ${at(newer.startMs + HOUR_MS)} returned ${got.map((r) => at(r.startMs)).join(', ') || 'nothing'}`,
    };
  }
  return {
    check: 'limit-counts',
    expected,
    status: !d.limitCounts || d.limitCounts === actual ? 'pass' : 'fail',
    saw: `${d.limitParam}=2 across ${gapHours} empty hour(s) returned ${got.length} candle(s): counts ${actual.replace('-', ' ')}`,
  };
}

export async function checkBareZone(ctx: ProbeContext): Promise<ProbeFinding> {
  const format = decl(ctx).end.format;
  if (format !== 'iso-utc' && format !== 'iso-kst') {
    return {
      check: 'bare-time-zone',
      expected: 'epoch bounds carry no zone',
      status: 'not applicable',
      saw: `${format} bound`,
    };
  }
  const zone = format === 'iso-utc' ? 'UTC' : 'KST';
  const expected = `a time without offset is read as ${zone}`;
  // A bound read in the wrong zone moves by 9 hours: choose one with candles on both sides
  // within 9 hours, so the move shows whichever way it goes.
  const starts = ascending(ctx.latest).map((c) => c.startMs);
  const shiftMs = 9 * HOUR_MS;
  const endMs = starts.find(
    (t) =>
      starts.some((x) => x < t && x >= t - shiftMs) && starts.some((x) => x >= t && x < t + shiftMs)
  );
  if (endMs === undefined) {
    return {
      check: 'bare-time-zone',
      expected,
      status: 'could not tell',
      saw: 'too few candles in the latest page',
    };
  }
  const bare = format === 'iso-utc' ? toUtcIso(endMs).slice(0, 19) : toKstIso(endMs).slice(0, 19);
  const newest = (rows: ReadonlyArray<ExchangeCandle>) => Math.max(...rows.map((r) => r.startMs));
  const explicit = await ctx.session.candles({market: ctx.market, end: {ms: endMs}, limit: 2});
  const bareRows = await ctx.session.candles({market: ctx.market, end: {text: bare}, limit: 2});
  if (explicit.length === 0 || bareRows.length === 0) {
    return {
      check: 'bare-time-zone',
      expected,
      status: 'could not tell',
      saw: `no candle before ${bare}`,
    };
  }
  const shift = (newest(bareRows) - newest(explicit)) / HOUR_MS;
  return {
    check: 'bare-time-zone',
    expected,
    status: shift === 0 ? 'pass' : 'fail',
    saw:
      shift === 0
        ? `"${bare}" and the same instant with an offset returned the same candles`
        : `"${bare}" returned candles ${Math.abs(shift)} h ${shift > 0 ? 'later' : 'earlier'} than with an explicit offset`,
  };
}

/** A code of the exchange's own form that no exchange lists. */
export function bogusMarket(example: string, quote: string): MarketRef {
  const market = example.replace('BTC', 'ZZZPROBE').replace('btc', 'zzzprobe');
  return {market, base: 'ZZZPROBE', quote};
}

export async function checkUnknownMarket(ctx: ProbeContext): Promise<ProbeFinding> {
  const expected = 'an unknown market is answered with the declared unknown-market error';
  const bogus = bogusMarket(ctx.session.exchange.marketCode.example, ctx.market.quote);
  try {
    const rows = await ctx.session.candles({
      market: bogus,
      end: endBefore(decl(ctx), floorToHour(ctx.nowMs) + HOUR_MS),
      limit: 1,
    });
    return {
      check: 'unknown-market',
      expected,
      status: 'fail',
      saw: `${bogus.market} answered ${rows.length} row(s) and no error: a mistyped market would read as one without trades`,
    };
  } catch (err) {
    if (err instanceof UnknownMarketError) {
      return {
        check: 'unknown-market',
        expected,
        status: 'pass',
        saw: `${bogus.market}: ${shortMessage(err)}`,
      };
    }
    const status = err instanceof ExchangeApiError ? 'fail' : 'could not tell';
    return {
      check: 'unknown-market',
      expected,
      status,
      saw: `${bogus.market}: ${shortMessage(err)}`,
    };
  }
}

export function checkRateHeaders(session: ProbeSession, requests: number): ProbeFinding {
  const names = [...session.rateHeaderNames].sort().join(', ');
  if (!session.exchange.quotaHeader) {
    return {
      check: 'rate-headers',
      expected: 'no quota header is declared',
      status: 'not applicable',
      saw: names ? `headers seen: ${names}` : 'no rate-limit header seen',
    };
  }
  const expected = 'quota headers are sent and readable';
  return session.quotaReadings.length > 0
    ? {
        check: 'rate-headers',
        expected,
        status: 'pass',
        saw: `${names}: e.g. ${session.quotaReadings.at(-1)}`,
      }
    : {
        check: 'rate-headers',
        expected,
        status: 'fail',
        saw: names
          ? `${names} in ${requests} responses, none readable`
          : `no rate-limit header in ${requests} responses`,
      };
}

export function shortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 160 ? `${text.slice(0, 160)}...` : text;
}
