/**
 * Hour and KST-day arithmetic on epoch milliseconds. KST is UTC+9 all year (Korea has no
 * daylight saving), so a KST calendar day is the UTC interval [D-1 15:00Z, D 15:00Z).
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const KST_OFFSET_MS = 9 * HOUR_MS;

/** `YYYY-MM-DDTHH:00:00Z` -> epoch ms; undefined when the text is not exactly that shape. */
export function parseHourUtc(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function formatHourUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export function formatHourKst(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19) + '+09:00';
}

/** The KST calendar day (`YYYY-MM-DD`) an instant falls in. */
export function kstDateOf(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** First UTC instant of a KST calendar day: 00:00 KST = 15:00Z of the previous UTC day. */
export function kstDayStartMs(kstDate: string): number {
  return Date.parse(`${kstDate}T00:00:00Z`) - KST_OFFSET_MS;
}

/** KST wall-clock hour (0-23) of an instant; used to name missing hours the way Korean readers do. */
export function kstHourOf(ms: number): number {
  return new Date(ms + KST_OFFSET_MS).getUTCHours();
}
