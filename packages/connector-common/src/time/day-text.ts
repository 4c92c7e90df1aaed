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
const dayStartByText = new Map<string, number | null>();
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
 * Epoch ms of a zoneless `YYYY-MM-DDTHH:MM:SS` read as UTC, or undefined when it is not a real
 * time (2024-02-30, 24:00). The same answer as `Date.UTC` checked by a round trip through
 * `toISOString`, with the day's check remembered.
 */
export function zonelessUtcMs(
  text: string,
  hour: number,
  minute: number,
  second: number
): number | undefined {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const dayText = text.slice(0, 10);
  let start = dayStartByText.get(dayText);
  if (start === undefined) {
    if (dayStartByText.size >= MAX_DAYS) dayStartByText.clear();
    const [y, m, d] = dayText.split('-').map(Number) as [number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    start = Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== dayText ? null : ms;
    dayStartByText.set(dayText, start);
  }
  return start === null ? undefined : start + hour * 3_600_000 + minute * 60_000 + second * 1000;
}
