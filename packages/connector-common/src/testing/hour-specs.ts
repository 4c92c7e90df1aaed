/** One hour of a test page, by its UTC start without zone (`2024-01-09T20:00:00`). */
export interface HourSpec {
  readonly utc: string;
}

/**
 * The hours [fromUtc, fromUtc + count), oldest first, leaving out the listed offsets (hours
 * without trades, which every exchange omits). Exchange fixtures render them in their own shape.
 */
export function hours(
  fromUtc: string,
  count: number,
  skip: ReadonlyArray<number> = []
): HourSpec[] {
  const start = Date.parse(`${fromUtc}Z`);
  const out: HourSpec[] = [];
  for (let i = 0; i < count; i++) {
    if (skip.includes(i)) continue;
    out.push({utc: new Date(start + i * 3600_000).toISOString().slice(0, 19)});
  }
  return out;
}
