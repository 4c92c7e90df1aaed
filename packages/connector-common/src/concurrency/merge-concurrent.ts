/**
 * Pulls from several async iterators at once and yields their items as they arrive, at most
 * `concurrency` iterators active at a time. Each iterator's own order is kept, and each is
 * asked for its next item only after the previous one was consumed, so memory stays bounded
 * by `concurrency` items however long the sources run.
 */
export async function* mergeConcurrent<T>(
  sources: Iterable<AsyncIterable<T>>,
  concurrency: number
): AsyncGenerator<T> {
  const pending = sources[Symbol.iterator]();
  type Pull = Promise<{it: AsyncIterator<T>; res: IteratorResult<T>}>;
  const active = new Map<AsyncIterator<T>, Pull>();
  const pull = (it: AsyncIterator<T>): Pull => {
    const p = it.next().then((res) => ({it, res}));
    // A pull runs while the consumer is suspended at `yield` (stdout draining slowly). If it
    // fails then, nothing awaits it yet: without this handler Node calls the rejection
    // unhandled and kills the process before any TRACE. It is still raced (and thrown) below.
    p.catch(() => undefined);
    return p;
  };
  const fill = () => {
    while (active.size < concurrency) {
      const next = pending.next();
      if (next.done) return;
      const it = next.value[Symbol.asyncIterator]();
      active.set(it, pull(it));
    }
  };
  try {
    fill();
    while (active.size > 0) {
      const {it, res} = await Promise.race(active.values());
      if (res.done) {
        active.delete(it);
        fill();
        continue;
      }
      active.set(it, pull(it));
      yield res.value;
    }
  } finally {
    // Stop the ones still running (an error or an early return from the consumer).
    for (const [it, p] of active) {
      p.catch(() => undefined);
      void it.return?.();
    }
  }
}
