/**
 * Counts events per key over a sliding window (not fixed one-second buckets), the way an
 * exchange gateway measures "N per second": the N+1st request inside any window-long span fails.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number
  ) {}

  private live(key: string, nowMs: number): number[] {
    const list = this.events.get(key) ?? [];
    const cutoff = nowMs - this.windowMs;
    let drop = 0;
    while (drop < list.length && list[drop]! <= cutoff) drop++;
    const kept = drop > 0 ? list.slice(drop) : list;
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  /** Records the event if it fits; `remaining` is what is left in the window afterwards. */
  tryTake(key: string, nowMs: number): {allowed: boolean; remaining: number} {
    const list = this.live(key, nowMs);
    if (list.length >= this.limit) return {allowed: false, remaining: 0};
    list.push(nowMs);
    this.events.set(key, list);
    return {allowed: true, remaining: this.limit - list.length};
  }

  /** Records the event unconditionally and returns how many the window now holds. */
  record(key: string, nowMs: number): number {
    const list = this.live(key, nowMs);
    list.push(nowMs);
    this.events.set(key, list);
    return list.length;
  }

  /** When the oldest event still in the window happened, or null when the window is empty. */
  oldest(key: string, nowMs: number): number | null {
    return this.live(key, nowMs)[0] ?? null;
  }

  clear(key?: string): void {
    if (key === undefined) this.events.clear();
    else this.events.delete(key);
  }
}
