import Decimal from 'decimal.js';

/**
 * The canonical text of a decimal: no exponent, no leading zeros, no trailing fractional
 * zeros (`11436000.00000000` -> `11436000`). Exact: never passes through a float.
 */
export function canonicalDecimal(text: string): string {
  return canonicalPlainDecimal(text) ?? new Decimal(text).toFixed();
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * `canonicalDecimal` of a plain decimal (`-?\d+(\.\d+)?`), or undefined for any other text.
 * One scan without regular expressions, and the text itself when it is already canonical
 * (most prices are): this runs for six fields of every candle.
 */
export function canonicalPlainDecimal(text: string): string | undefined {
  const n = text.length;
  const intStart = text.charCodeAt(0) === 0x2d ? 1 : 0;
  let i = intStart;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart) return undefined;
  /** Where the kept text ends: after the last nonzero fraction digit, or after the integer. */
  let end = intEnd;
  if (i < n) {
    if (text.charCodeAt(i) !== 0x2e) return undefined;
    const fracStart = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === fracStart || i < n) return undefined;
    end = n;
    while (end > fracStart && text.charCodeAt(end - 1) === 0x30) end--;
    if (end === fracStart) end = intEnd;
  }
  let start = intStart;
  while (start < intEnd - 1 && text.charCodeAt(start) === 0x30) start++;
  if (end === intEnd && start === intEnd - 1 && text.charCodeAt(start) === 0x30) return '0';
  if (start === intStart && end === n) return text;
  return (intStart === 1 ? '-' : '') + text.slice(start, end);
}
