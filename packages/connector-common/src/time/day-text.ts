/**
 * `YYYY-MM-DD` of UTC days, remembered: a backfill formats the same few days for every market
 * and hour, and `Date#toISOString` per field was a tenth of the read path's CPU. Bounded: the
 * map is emptied when full (a backfill walks days in order, so little is lost).
 */
const DAY_MS = 86_400_000;
const MAX_DAYS = 4096;
/** The fast path covers 1970 to 9999 (a 4-digit year); others take the slow one. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

const daysByIndex = new Map<number, string>();
/** Start of each checked day by year * 10000 + month * 100 + day; null for a day that does not exist. */
const dayStartByKey = new Map<number, number | null>();
const TWO_DIGITS = Array.from({length: 60}, (_, n) => String(n).padStart(2, '0'));

/** `YYYY-MM-DDTHH` of an instant that starts an hour, or undefined outside the fast path. */
export function utcHourText(ms: number): string | undefined {
  if (!(ms >= 0 && ms <= MAX_MS) || ms % 3_600_000 !== 0) return undefined;
  const day = Math.floor(ms / DAY_MS);
  let text = daysByIndex.get(day);
  if (text === undefined) {
    if (daysByIndex.size >= MAX_DAYS) daysByIndex.clear();
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    daysByIndex.set(day, text);
  }
  return `${text}T${TWO_DIGITS[(ms - day * DAY_MS) / 3_600_000]!}`;
}

/**
 * Epoch ms of the zoneless `YYYY-MM-DDTHH:MM:SS` at `text[start..start + 19)` read as UTC, or
 * undefined when it is not in that form or not a real time (2024-02-30, 24:00). The same answer
 * as `Date.UTC` checked by a round trip through `toISOString`, read from the characters without
 * slicing, and each day's check remembered: this runs twice for every candle.
 */
export function zonelessUtcMsAt(text: string, start: number): number | undefined {
  const c = (i: number) => text.charCodeAt(start + i);
  if (c(4) !== DASH || c(7) !== DASH || c(10) !== 0x54 || c(13) !== COLON || c(16) !== COLON) {
    return undefined;
  }
  const hour = twoDigits(text, start + 11);
  const minute = twoDigits(text, start + 14);
  const second = twoDigits(text, start + 17);
  const year = twoDigits(text, start) * 100 + twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const date = twoDigits(text, start + 8);
  // NaN (a non-digit) fails these too.
  if (!(hour <= 23 && minute <= 59 && second <= 59 && year >= 0 && month >= 0 && date >= 0)) {
    return undefined;
  }
  const key = year * 10_000 + month * 100 + date;
  let dayStart = dayStartByKey.get(key);
  if (dayStart === undefined) {
    if (dayStartByKey.size >= MAX_DAYS) dayStartByKey.clear();
    const ms = Date.UTC(year, month - 1, date);
    const dayText = text.slice(start, start + 10);
    dayStart = Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== dayText ? null : ms;
    dayStartByKey.set(key, dayStart);
  }
  return dayStart === null
    ? undefined
    : dayStart + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

const DASH = 0x2d;
const COLON = 0x3a;

/** The two digits at `i` as a number; NaN when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 0x30;
  const b = text.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}
