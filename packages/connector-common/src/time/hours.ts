/**
 * Hour arithmetic on UTC instants. Every candle is keyed by the UTC start of its hour;
 * KST (UTC+9, no daylight saving) is derived, never stored as the key.
 */
import {utcHourText, zonelessUtcMsAt} from './day-text';

export const HOUR_MS = 3_600_000;
export const KST_OFFSET_MS = 9 * HOUR_MS;

/** Epoch milliseconds of the start of the hour containing `ms`. */
export function floorToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function isHourAligned(ms: number): boolean {
  return ms % HOUR_MS === 0;
}

/** `2024-01-01T05:00:00Z` */
export function toUtcIso(ms: number): string {
  const hour = utcHourText(ms);
  if (hour !== undefined) return `${hour}:00:00Z`;
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** `2024-01-01T14:00:00+09:00`: the KST wall clock of the instant, with its offset. */
export function toKstIso(ms: number): string {
  const hour = utcHourText(ms + KST_OFFSET_MS);
  if (hour !== undefined) return `${hour}:00:00+09:00`;
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19) + '+09:00';
}

/**
 * The KST calendar day of an instant, `YYYY-MM-DD`. A KST day runs from 15:00 UTC of the
 * previous UTC day to 15:00 UTC, which is how Korean business reports read a "day".
 */
export function kstDate(ms: number): string {
  const hour = utcHourText(ms + KST_OFFSET_MS);
  if (hour !== undefined) return hour.slice(0, 10);
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 KST of a `YYYY-MM-DD` KST date (15:00 UTC the day before). */
export function kstDayStartUtcMs(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`);
  return ms - KST_OFFSET_MS;
}

/** How an exchange reads a time parameter that carries no offset. */
export type TimeParamZone = 'UTC' | 'KST';

/**
 * A time query parameter with an explicit offset, so that an exchange that reads a bare
 * time as KST (Bithumb) and one that reads it as UTC (Upbit) get the same instant.
 */
export function formatTimeParam(ms: number, zone: TimeParamZone): string {
  return zone === 'UTC' ? toUtcIso(ms) : toKstIso(ms);
}

/**
 * Parses an exchange wall-clock time without zone (`2020-02-20T11:00:00`) in the given
 * offset. Returns undefined when the text is not in that exact form.
 */
export function parseZonelessTime(text: string, offsetMs: number): number | undefined {
  if (text.length !== 19) return undefined;
  // Date.UTC rolls 2024-02-30 over to March; zonelessUtcMsAt rejects rather than silently shift.
  const ms = zonelessUtcMsAt(text, 0);
  return ms === undefined ? undefined : ms - offsetMs;
}

/**
 * The form of a user-supplied date or date-time: the config's zod schema checks it, and the
 * spec's JSON Schema carries it (a string, so it reads the same in JSON Schema as in JavaScript).
 */
export const USER_INSTANT_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$';
const USER_INSTANT = new RegExp(USER_INSTANT_PATTERN);

/** Parses a user-supplied date or date-time (UTC when no offset is given). */
export function parseUserInstant(text: string): number | undefined {
  if (!USER_INSTANT.test(text)) return undefined;
  const withTime = text.length === 10 ? `${text}T00:00:00Z` : text;
  // Date.parse rolls 2024-02-30 over to March 1 and T24:00 to the next day; reject instead.
  const wall = withTime.slice(0, 16) + (withTime[16] === ':' ? withTime.slice(16, 19) : ':00');
  if (parseZonelessTime(wall, 0) === undefined) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
