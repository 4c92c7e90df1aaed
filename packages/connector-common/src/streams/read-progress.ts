import type {Logger} from '../protocol/logger';
import {HOUR_MS} from '../time/hours';

/** The HTTP client's running totals that progress reports; ExchangeHttpClient provides them. */
export interface RequestCounter {
  requestCounts(): RequestCounts;
}

export interface RequestCounts {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited429: number;
}

/** Time for the tracker: `now` in ms, and a repeating timer (returns its cancel function). */
export interface ProgressClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

export const systemProgressClock: ProgressClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // Never keeps a finished process alive.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Seconds between progress lines unless the environment says otherwise. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 60_000;
export const PROGRESS_INTERVAL_ENV = 'KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS';

/** The interval from `KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS` (> 0), else one minute. */
export function progressIntervalMs(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env[PROGRESS_INTERVAL_ENV]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_PROGRESS_INTERVAL_MS;
}

export interface ReadProgressOptions {
  readonly stream: string;
  /** The exchange's display name, for the lines. */
  readonly exchange: string;
  /** The configured candle requests per second. */
  readonly limitPerSecond: number;
  readonly counter: RequestCounter;
  readonly logger: Logger;
  readonly clock?: ProgressClock;
  readonly intervalMs?: number;
}

interface MarketRange {
  readonly fromMs: number;
  readonly totalHours: number;
  doneHours: number;
}

/**
 * Progress of one long read, logged at a steady interval as INFO lines: markets done of the
 * total, hours read and left, requests per second against the limit, 429s and retries, and an
 * ETA; then one closing summary. Fed with each window as it is emitted.
 */
export class ReadProgress {
  private readonly markets = new Map<string, MarketRange>();
  private readonly clock: ProgressClock;
  private readonly intervalMs: number;
  private startedAt = 0;
  private startCounts: RequestCounts = {requests: 0, retries: 0, rateLimited429: 0};
  private last: {at: number; requests: number} = {at: 0, requests: 0};
  private cancel: (() => void) | undefined;

  constructor(private readonly options: ReadProgressOptions) {
    this.clock = options.clock ?? systemProgressClock;
    this.intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  }

  /** A market to read from `fromMs` up to `endMs` (exclusive). */
  addMarket(market: string, fromMs: number, endMs: number): void {
    const totalHours = Math.max(0, Math.ceil((endMs - fromMs) / HOUR_MS));
    this.markets.set(market, {fromMs, totalHours, doneHours: 0});
  }

  /** Starts the interval; `track` calls it. */
  start(): void {
    this.startedAt = this.clock.now();
    this.startCounts = this.options.counter.requestCounts();
    this.last = {at: this.startedAt, requests: this.startCounts.requests};
    this.cancel = this.clock.every(this.intervalMs, () => this.log());
  }

  /** A window of `market` is read up to and including the hour at `cursorMs`. */
  windowDone(market: string, cursorMs: number): void {
    const range = this.markets.get(market);
    if (!range) return;
    const done = Math.round((cursorMs + HOUR_MS - range.fromMs) / HOUR_MS);
    range.doneHours = Math.min(range.totalHours, Math.max(range.doneHours, done));
  }

  /** Passes the batches through, feeding each to the tracker; logs the summary at the end. */
  async *track<T extends {readonly market: string; readonly cursorMs: number}>(
    batches: AsyncIterable<T>
  ): AsyncGenerator<T> {
    this.start();
    let completed = false;
    try {
      for await (const batch of batches) {
        this.windowDone(batch.market, batch.cursorMs);
        yield batch;
      }
      completed = true;
    } finally {
      this.finish(completed);
    }
  }

  /** Logs one progress line now. */
  log(): void {
    const now = this.clock.now();
    const t = this.totals();
    const counts = this.since();
    const span = (now - this.last.at) / 1000;
    const rate = span > 0 ? (counts.requestsTotal - this.last.requests) / span : 0;
    this.last = {at: now, requests: counts.requestsTotal};
    const elapsed = now - this.startedAt;
    const hoursPerMs = elapsed > 0 ? t.doneHours / elapsed : 0;
    const eta =
      t.leftHours === 0
        ? 'ETA now'
        : hoursPerMs > 0
          ? `ETA ${duration(t.leftHours / hoursPerMs)} (${clockTime(now + t.leftHours / hoursPerMs)})`
          : 'ETA unknown (no window read yet)';
    this.options.logger.info(
      `${this.options.stream} progress: ${t.doneMarkets}/${t.markets} markets done, ` +
        `${t.doneHours}/${t.totalHours} hours read (${percent(t.doneHours, t.totalHours)}), ` +
        `${t.leftHours} left; ${rate.toFixed(1)} requests/s over the last ${duration(span * 1000)} ` +
        `(limit ${this.options.limitPerSecond}/s); 429s ${counts.rateLimited429}, retries ` +
        `${counts.retries}; ${eta}.`
    );
  }

  /** Stops the interval and logs the closing summary (once). */
  finish(completed: boolean): void {
    if (!this.cancel) return;
    this.cancel();
    this.cancel = undefined;
    const elapsed = this.clock.now() - this.startedAt;
    const t = this.totals();
    const counts = this.since();
    const rate = elapsed > 0 ? (counts.requests * 1000) / elapsed : 0;
    this.options.logger.info(
      `${this.options.stream} summary: ${completed ? 'finished' : 'stopped'} after ` +
        `${duration(elapsed)}; ${t.doneMarkets}/${t.markets} ${this.options.exchange} markets done, ` +
        `${t.doneHours}/${t.totalHours} hours read; ${counts.requests} requests, ` +
        `${rate.toFixed(1)}/s on average (limit ${this.options.limitPerSecond}/s); ` +
        `429s ${counts.rateLimited429}, retries ${counts.retries}.`
    );
  }

  private totals() {
    let totalHours = 0;
    let doneHours = 0;
    let doneMarkets = 0;
    for (const m of this.markets.values()) {
      totalHours += m.totalHours;
      doneHours += m.doneHours;
      if (m.doneHours >= m.totalHours) doneMarkets++;
    }
    return {
      markets: this.markets.size,
      doneMarkets,
      totalHours,
      doneHours,
      leftHours: totalHours - doneHours,
    };
  }

  /** Counts since this read started (the client also served the market list before it). */
  private since() {
    const now = this.options.counter.requestCounts();
    return {
      requestsTotal: now.requests,
      requests: now.requests - this.startCounts.requests,
      retries: now.retries - this.startCounts.retries,
      rateLimited429: now.rateLimited429 - this.startCounts.rateLimited429,
    };
  }
}

/**
 * The tracker of one stream's read on `api`'s HTTP client, at the interval from the environment
 * (`KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS`, default 60).
 */
export function readProgressOf(
  stream: string,
  api: {readonly exchange: {readonly displayName: string}; readonly http: RequestCounter},
  limitPerSecond: number,
  logger: Logger
): ReadProgress {
  return new ReadProgress({
    stream,
    exchange: api.exchange.displayName,
    limitPerSecond,
    counter: api.http,
    logger,
    intervalMs: progressIntervalMs(process.env),
  });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${Math.floor((part * 100) / whole)}%`;
}

/** `45 s`, `12 min`, `3 h 05 min`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

function clockTime(ms: number): string {
  return `at ${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
