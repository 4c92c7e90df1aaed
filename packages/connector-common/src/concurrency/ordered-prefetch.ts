/**
 * Runs `fetch` for each item with up to `ahead` calls in flight, yielding results in input
 * order. Lets one market's next windows be requested while the current one is emitted, so
 * network latency does not cap the request rate. `ahead` may be a function, asked again each
 * time more calls could start (the read deepens it as other markets finish).
 */
export async function* orderedPrefetch<I, O>(
  items: ReadonlyArray<I>,
  ahead: number | (() => number),
  fetch: (item: I) => Promise<O>
): AsyncGenerator<O> {
  const inFlight: Promise<O>[] = [];
  let next = 0;
  const depth = typeof ahead === 'number' ? () => ahead : ahead;
  const top = () => {
    const limit = Math.max(1, depth());
    while (inFlight.length < limit && next < items.length) {
      const p = fetch(items[next++]!);
      // Observed later, in order; this keeps an early failure from being "unhandled".
      p.catch(() => undefined);
      inFlight.push(p);
    }
  };
  top();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    top();
    yield result;
  }
}
