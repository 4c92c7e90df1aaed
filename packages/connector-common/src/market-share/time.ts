/**
 * Hour and KST-day arithmetic on epoch milliseconds, in market share's names: the SDK's
 * (time/hours) plus what only market share needs. KST is UTC+9 all year (Korea has no daylight
 * saving), so a KST calendar day is the UTC interval [D-1 15:00Z, D 15:00Z).
 */
import {HOUR_MS, KST_OFFSET_MS, kstDate, kstDayStartUtcMs, toKstIso, toUtcIso} from '../time/hours';

export {HOUR_MS, KST_OFFSET_MS};
export const DAY_MS = 24 * HOUR_MS;

/** `YYYY-MM-DDTHH:00:00Z` -> epoch ms; undefined when the text is not exactly that shape. */
export function parseHourUtc(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export const formatHourUtc = toUtcIso;
export const formatHourKst = toKstIso;
/** The KST calendar day (`YYYY-MM-DD`) an instant falls in. */
export const kstDateOf = kstDate;
/** First UTC instant of a KST calendar day: 00:00 KST = 15:00Z of the previous UTC day. */
export const kstDayStartMs = kstDayStartUtcMs;

/** KST wall-clock hour (0-23) of an instant; used to name missing hours the way Korean readers do. */
export function kstHourOf(ms: number): number {
  return new Date(ms + KST_OFFSET_MS).getUTCHours();
}
