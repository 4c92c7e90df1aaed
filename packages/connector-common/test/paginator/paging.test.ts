import {spawnSync} from 'node:child_process';
import {join} from 'node:path';

import {planHourWindows} from '../../src/paginator/hour-windows';
import {mergeConcurrent} from '../../src/concurrency/merge-concurrent';
import {orderedPrefetch} from '../../src/concurrency/ordered-prefetch';
import {candlesInWindow} from '../../src/paginator/window-page';
import {HOUR_MS, toUtcIso} from '../../src/time/hours';
import {candle} from '../support/candles';

const at = (iso: string) => Date.parse(iso);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('planHourWindows', () => {
  it.each([
    [1, 1],
    [7, 3],
    [200, 200],
    [201, 200],
    [450, 200],
    [5, 200],
  ])('tiles %i hours in pages of %i without gap or overlap, oldest first', (hours, pageSize) => {
    const from = at('2024-01-01T00:00:00Z');
    const to = from + hours * HOUR_MS;
    const windows = planHourWindows(from, to, pageSize);
    expect(windows[0]!.startMs).toBe(from);
    expect(windows.at(-1)!.endMs).toBe(to);
    windows.forEach((w, i) => {
      if (i > 0) expect(w.startMs).toBe(windows[i - 1]!.endMs);
      expect(w.endMs - w.startMs).toBeGreaterThan(0);
      expect(w.endMs - w.startMs).toBeLessThanOrEqual(pageSize * HOUR_MS);
    });
    expect(windows).toHaveLength(Math.ceil(hours / pageSize));
  });

  it('puts the short window last, where the still-open hour is', () => {
    const from = at('2024-01-01T00:00:00Z');
    const windows = planHourWindows(from, from + 5 * HOUR_MS, 2);
    expect(windows.map((w) => [toUtcIso(w.startMs), toUtcIso(w.endMs)])).toEqual([
      ['2024-01-01T00:00:00Z', '2024-01-01T02:00:00Z'],
      ['2024-01-01T02:00:00Z', '2024-01-01T04:00:00Z'],
      ['2024-01-01T04:00:00Z', '2024-01-01T05:00:00Z'],
    ]);
  });

  it('plans nothing for an empty or reversed range', () => {
    const t = at('2024-01-01T00:00:00Z');
    expect(planHourWindows(t, t, 200)).toEqual([]);
    expect(planHourWindows(t + HOUR_MS, t, 200)).toEqual([]);
  });
});

describe('candlesInWindow', () => {
  const window = {startMs: at('2024-01-01T02:00:00Z'), endMs: at('2024-01-01T05:00:00Z')};

  it('keeps the rows inside the window, oldest first, one per hour', () => {
    const page = [
      candle('2024-01-01T05:00:00Z'), // `to` is exclusive
      candle('2024-01-01T04:00:00Z'),
      candle('2024-01-01T03:00:00Z', '101'),
      candle('2024-01-01T03:00:00Z', '101'),
      candle('2024-01-01T02:00:00Z'),
      candle('2024-01-01T01:00:00Z'), // belongs to the previous window
    ];
    expect(candlesInWindow(page, window).map((c) => c.candle_start_utc)).toEqual([
      '2024-01-01T02:00:00Z',
      '2024-01-01T03:00:00Z',
      '2024-01-01T04:00:00Z',
    ]);
  });

  it('sorts rows that arrive out of order and returns nothing for a page outside', () => {
    const shuffled = ['03', '02', '04'].map((h) => candle(`2024-01-01T${h}:00:00Z`));
    expect(candlesInWindow(shuffled, window).map((c) => c.candle_start_utc.slice(11, 13))).toEqual([
      '02',
      '03',
      '04',
    ]);
    expect(candlesInWindow([candle('2023-12-31T23:00:00Z')], window)).toEqual([]);
  });
});

/** An async source that records how many sources are running at once. */
function trackedSource(
  name: string,
  count: number,
  delayMs: (i: number) => number,
  gauge: {active: number; max: number; returned: string[]}
): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      let started = false;
      let finished = false;
      const finish = () => {
        if (!finished) {
          finished = true;
          gauge.active--;
        }
      };
      return {
        async next() {
          if (!started) {
            started = true;
            gauge.active++;
            gauge.max = Math.max(gauge.max, gauge.active);
          }
          if (i >= count) {
            finish();
            return {done: true, value: undefined};
          }
          await sleep(delayMs(i));
          return {done: false, value: `${name}${i++}`};
        },
        async return() {
          gauge.returned.push(name);
          finish();
          return {done: true, value: undefined};
        },
      };
    },
  };
}

describe('mergeConcurrent', () => {
  it('yields every item, each source in its own order, with at most `concurrency` running', async () => {
    const gauge = {active: 0, max: 0, returned: [] as string[]};
    const sources = ['a', 'b', 'c', 'd', 'e'].map((name, s) =>
      trackedSource(name, 4, (i) => ((s * 7 + i * 3) % 5) + 1, gauge)
    );
    const items: string[] = [];
    for await (const item of mergeConcurrent(sources, 2)) items.push(item);
    expect(items).toHaveLength(20);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      expect(items.filter((x) => x.startsWith(name))).toEqual([0, 1, 2, 3].map((i) => name + i));
    }
    expect(gauge.max).toBe(2);
    expect(gauge.active).toBe(0);
  });

  it('interleaves sources, so a slow one does not hold up the others', async () => {
    const gauge = {active: 0, max: 0, returned: [] as string[]};
    const slow = trackedSource('slow', 1, () => 50, gauge);
    const fast = trackedSource('fast', 3, () => 1, gauge);
    const items: string[] = [];
    for await (const item of mergeConcurrent([slow, fast], 2)) items.push(item);
    expect(items).toEqual(['fast0', 'fast1', 'fast2', 'slow0']);
  });

  it('propagates a source error and stops the sources still running', async () => {
    const gauge = {active: 0, max: 0, returned: [] as string[]};
    async function* failing() {
      yield 'x0';
      await sleep(2);
      throw new Error('exchange down');
    }
    const healthy = trackedSource('h', 100, () => 5, gauge);
    const items: string[] = [];
    await expect(
      (async () => {
        for await (const item of mergeConcurrent([failing(), healthy], 2)) items.push(item);
      })()
    ).rejects.toThrow('exchange down');
    expect(items).toContain('x0');
    expect(items.length).toBeLessThan(5);
    expect(gauge.returned).toEqual(['h']);
  });

  it('stops the running sources, and starts no more, when the consumer stops early', async () => {
    const gauge = {active: 0, max: 0, returned: [] as string[]};
    const sources = ['a', 'b', 'c'].map((name) => trackedSource(name, 10, () => 2, gauge));
    for await (const item of mergeConcurrent(sources, 2)) {
      expect(item).toMatch(/^[ab]0$/);
      break;
    }
    expect(gauge.returned.sort()).toEqual(['a', 'b']);
    expect(gauge.active).toBe(0);
    expect(gauge.max).toBe(2);
  });
  it('never leaves a failing pull unhandled while the consumer is slow (stdout draining)', () => {
    // The pull of a source's next item starts before `yield`; when it fails while the consumer
    // is suspended, Node must see a handler already, or it kills the process before any TRACE.
    // Jest's own `process` hides this, so a real Node process runs the built module.
    const script = `
      const {mergeConcurrent} = require(${JSON.stringify(join(__dirname, '../../lib/concurrency/merge-concurrent.js'))});
      async function* failsWhileConsumerWaits() { yield 'a0'; throw new Error('response failed validation'); }
      (async () => {
        try {
          for await (const item of mergeConcurrent([failsWhileConsumerWaits()], 2)) {
            await new Promise((r) => setTimeout(r, 30)); // a slow destination
          }
        } catch (err) {
          console.log('caught: ' + err.message);
        }
      })();`;
    const run = spawnSync(process.execPath, ['-e', script], {encoding: 'utf8', timeout: 20_000});
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('caught: response failed validation');
    expect(run.status).toBe(0);
  });
});

describe('orderedPrefetch', () => {
  it('yields in input order even when later calls finish first, at most `ahead` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const fetch = async (n: number) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep((8 - n) * 3); // later items are faster
      inFlight--;
      return n * 10;
    };
    const results: number[] = [];
    for await (const r of orderedPrefetch([0, 1, 2, 3, 4, 5, 6, 7], 3, fetch)) results.push(r);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(maxInFlight).toBe(3);
  });

  it('asks a depth function again as results are consumed, and goes deeper when it grows', async () => {
    let depth = 1;
    let inFlight = 0;
    const seen: number[] = [];
    const fetch = async (n: number) => {
      inFlight++;
      seen.push(inFlight);
      await sleep(2);
      inFlight--;
      return n;
    };
    const results: number[] = [];
    for await (const r of orderedPrefetch([0, 1, 2, 3, 4, 5, 6, 7], () => depth, fetch)) {
      results.push(r);
      if (r === 1) depth = 4;
    }
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // One at a time until item 1 was handled, then up to four.
    expect(seen.slice(0, 2)).toEqual([1, 1]);
    expect(Math.max(...seen)).toBe(4);
  });

  it('keeps the next calls running while the consumer handles a result', async () => {
    const started: number[] = [];
    const gen = orderedPrefetch([0, 1, 2, 3], 2, async (n) => {
      started.push(n);
      return n;
    });
    expect((await gen.next()).value).toBe(0);
    // Item 0 was handed over; items 1 and 2 are already requested, item 3 is not.
    expect(started).toEqual([0, 1, 2]);
    await gen.return(undefined);
  });

  it('surfaces a failure at its position, after the results before it, never unhandled', async () => {
    // Node crashes on a rejection that has no handler when it happens, even if it is awaited
    // later; so the failing call must already be observed when it rejects.
    let observedWhenRejected: boolean | undefined;
    const fetch = (n: number): Promise<number> => {
      if (n !== 2) return sleep(20).then(() => n);
      const p = new ObservedPromise<number>((_resolve, reject) => {
        setTimeout(() => {
          observedWhenRejected = p.observed;
          reject(new Error('window 2 failed'));
        }, 1);
      });
      return p;
    };
    const results: number[] = [];
    let error: unknown;
    try {
      for await (const r of orderedPrefetch([0, 1, 2, 3], 3, fetch)) results.push(r);
    } catch (err) {
      error = err;
    }
    expect(results).toEqual([0, 1]);
    expect((error as Error).message).toBe('window 2 failed');
    expect(observedWhenRejected).toBe(true);
  });

  it('does not leave a rejected prefetch unhandled when the consumer stops early', async () => {
    // Jest fails the test if this rejection is never handled.
    const gen = orderedPrefetch([0, 1], 2, async (n) => {
      if (n === 1) throw new Error('never looked at');
      return n;
    });
    expect((await gen.next()).value).toBe(0);
    await gen.return(undefined);
    await sleep(10);
  });
});

/** A promise that knows whether anyone has attached a handler to it. */
class ObservedPromise<T> extends Promise<T> {
  observed = false;
  static override get [Symbol.species]() {
    return Promise;
  }
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}
