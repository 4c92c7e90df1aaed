import {z} from 'zod';

import {JsonNumber} from '../json/json-number';
import {HOUR_MS, parseZonelessTime} from '../time/hours';
import {canonicalDecimal} from '../model/decimal';

/**
 * zod building blocks for exchange responses parsed with parseJsonExact, where every JSON
 * number arrives as a JsonNumber. A number sent as a string ("11471000") is rejected: the
 * documented type is a number, and a silent type change is a signal worth stopping for.
 */
const jsonNumber = z.custom<JsonNumber>((v) => v instanceof JsonNumber, {
  message: 'must be a JSON number',
});

/** A JSON number kept as an exact canonical decimal string. */
export const jsonDecimal = () => jsonNumber.transform((n) => canonicalDecimal(n.text));

/** A JSON number that must be a non-negative decimal. */
export const jsonNonNegativeDecimal = () =>
  jsonDecimal().refine((d) => !d.startsWith('-'), {message: 'must not be negative'});

/** A JSON integer (e.g. epoch milliseconds) as a JavaScript number. */
export const jsonInteger = () =>
  jsonNumber.transform((n, ctx) => {
    if (!/^-?\d+$/.test(n.text) || !Number.isSafeInteger(Number(n.text))) {
      ctx.addIssue({code: 'custom', message: `must be an integer (got ${n.text})`});
      return z.NEVER;
    }
    return Number(n.text);
  });

/** A zoneless wall-clock time in the given offset that must be the start of an hour. */
export const zonelessHourStart = (offsetMs: number, zoneName: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseZonelessTime(text, offsetMs);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a ${zoneName} time like 2024-01-01T05:00:00 (got "${text}")`,
      });
      return z.NEVER;
    }
    if (ms % HOUR_MS !== 0) {
      ctx.addIssue({code: 'custom', message: `must be the start of an hour (got "${text}")`});
      return z.NEVER;
    }
    return ms;
  });

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A decimal sent as a JSON string (Coinone, Korbit: "58100000.0"), kept exact and canonical.
 * A JSON number where a string is documented is rejected, naming the field.
 */
export const stringDecimal = () =>
  z
    .string({error: 'must be a decimal string like "58100000.5"'})
    .regex(DECIMAL_TEXT, 'must be a decimal string like "58100000.5"')
    .transform(canonicalDecimal);

export const stringNonNegativeDecimal = () =>
  stringDecimal().refine((d) => !d.startsWith('-'), {message: 'must not be negative'});
