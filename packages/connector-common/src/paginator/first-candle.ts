import type {Candle} from '../model/candle';
import type {Logger} from '../protocol/logger';
import type {MarketRef} from '../definition/exchange-definition';
import {floorToHour, HOUR_MS, toUtcIso} from '../time/hours';
import type {PagingEvidence} from './candle-windows';

/** The one call the search makes: the latest `count` candles before `toMs`, newest first. */
export type CandlesBefore = (toMs: number, count: number) => Promise<Candle[]>;

export interface FirstCandleSearch {
  readonly exchange: string;
  readonly market: MarketRef;
  /** Candles per request (the page size: requests as cheap as the reader's own). */
  readonly count: number;
  readonly evidence: PagingEvidence;
  readonly logger: Logger;
}

/**
 * Where to start reading a market that has no cursor: `fromMs`, or a later hour when nothing
 * exists in between (a `start_date` of 1900 would otherwise cost one empty request per page
 * of hours since then). Never skips an hour that has a candle:
 *
 * - It skips only once the exchange has shown that `count` counts candles (a page reaching
 *   further back than `count` hours, in this sync). Then "no candle before `to`" is what an
 *   empty answer means, whatever gaps the history has. An exchange counting hour slots only
 *   says "nothing in the last `count` hours": a sparse early candle behind a long gap would be
 *   invisible, so nothing is skipped.
 * - The latest page brackets the first candle; then exponential steps back in time and a
 *   binary search narrow it down to one page, and reading starts at the last hour known to
 *   have nothing before it.
 * - An empty answer decides the start only after a second request agrees (an empty answer
 *   can be a hiccup); otherwise reading starts at `fromMs`.
 */
export async function firstHourToRead(
  candlesBefore: CandlesBefore,
  fromMs: number,
  endMs: number,
  search: FirstCandleSearch
): Promise<number> {
  const n = search.count;
  let requests = 0;
  const ask = async (toMs: number) => {
    requests++;
    const page = await candlesBefore(toMs, n);
    if (page.some((c) => startOf(c) < toMs - n * HOUR_MS)) search.evidence.countsCandles = true;
    return page;
  };

  const latest = await ask(endMs);
  if (!search.evidence.countsCandles || latest.length === 0) return fromMs;
  /** Nothing exists before `lo`; the first candle at or after fromMs is at or before `hi`. */
  let lo = fromMs;
  let hi: number;
  const step = (page: Candle[], toMs: number): 'found' | 'empty' | 'narrowed' => {
    if (page.length === 0) return 'empty';
    const oldest = Math.min(...page.map(startOf));
    // A short page holds everything before `to`; a row before fromMs means no skip is possible.
    if (page.length < n || oldest <= fromMs) {
      lo = Math.max(lo, Math.min(toMs, floorToHour(oldest)));
      hi = lo;
      return 'found';
    }
    hi = oldest;
    return 'narrowed';
  };
  if (step(latest, endMs) === 'found') return confirmStart(ask, lo, fromMs, requests, search);

  // Exponential steps back from the latest page, then a binary search, on whole hours.
  for (let back = n * HOUR_MS; hi! - back > lo; back *= 2) {
    const to = floorToHour(hi! - back);
    const result = step(await ask(to), to);
    if (result === 'found') return confirmStart(ask, lo, fromMs, requests, search);
    if (result === 'empty') {
      lo = to;
      break;
    }
  }
  while (hi! - lo > n * HOUR_MS) {
    const to = floorToHour(lo + (hi! - lo) / 2);
    const result = step(await ask(to), to);
    if (result === 'found') break;
    if (result === 'empty') lo = to;
  }
  return confirmStart(ask, lo, fromMs, requests, search);
}

/** A start after fromMs rests on an empty answer before it: ask once more before believing it. */
async function confirmStart(
  ask: (toMs: number) => Promise<Candle[]>,
  startMs: number,
  fromMs: number,
  requests: number,
  search: FirstCandleSearch
): Promise<number> {
  if (startMs <= fromMs) return fromMs;
  const again = await ask(startMs);
  const name = `${search.exchange} ${search.market.market}`;
  if (again.length > 0) {
    search.logger.warn(
      `${name}: an earlier answer said no candle exists before ${toUtcIso(startMs)}, but a second ` +
        `request returned ${again.length}; reading from ${toUtcIso(fromMs)} instead.`
    );
    return fromMs;
  }
  search.logger.info(
    `${name}: no candle before ${toUtcIso(startMs)} (found in ${requests + 1} requests); ` +
      `reading from there instead of ${toUtcIso(fromMs)}.`
  );
  return startMs;
}

const startOf = (c: Candle) => Date.parse(c.candle_start_utc);
