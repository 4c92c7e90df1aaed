export const HOUR_MS = 3_600_000;
export const KST_OFFSET_MS = 9 * HOUR_MS;

/** How an exchange reads a `to` value that carries no offset. */
export type BareTimeZone = 'UTC' | 'KST';

export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** `yyyy-MM-ddTHH:mm:ss` of the instant's UTC fields (exchanges send candle times without zone). */
export function formatWallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function formatUtcWall(ms: number): string {
  return formatWallClock(ms);
}

export function formatKstWall(ms: number): string {
  return formatWallClock(ms + KST_OFFSET_MS);
}

const TO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an exchange `to` value: `yyyy-MM-ddTHH:mm:ss`, `yyyy-MM-dd HH:mm:ss`, optional
 * fraction, optional `Z` or `±HH:MM` offset. A bare time is read in `bareZone`.
 * Returns epoch ms, or null when the text is not one of those forms (an unencoded `+` arrives
 * as a space, so `...T13:56:53 09:00` is rejected here just as a strict server would).
 */
export function parseExchangeTime(text: string, bareZone: BareTimeZone): number | null {
  const m = TO_PATTERN.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fields = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second] = fields;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return null;
  }
  const fractionMs = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let offsetMs: number;
  if (zone === undefined) {
    offsetMs = bareZone === 'KST' ? KST_OFFSET_MS : 0;
  } else if (zone === 'Z') {
    offsetMs = 0;
  } else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 18 || om > 59) return null;
    offsetMs = sign * (oh * HOUR_MS + om * 60_000);
  }
  return wall + fractionMs - offsetMs;
}

/** Parses an ISO-8601 instant given in configuration or admin calls (must carry a zone). */
export function parseInstant(text: string, what: string): number {
  const ms = parseExchangeTime(text, 'UTC');
  const explicitZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  if (ms === null || !explicitZone) {
    throw new Error(
      `${what}: "${text}" is not an ISO-8601 instant with a zone; use e.g. 2024-01-01T00:00:00Z`
    );
  }
  return ms;
}
