import Decimal from 'decimal.js';

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The canonical text of a decimal: no exponent, no leading zeros, no trailing fractional
 * zeros (`11436000.00000000` -> `11436000`). Exact: never passes through a float.
 */
export function canonicalDecimal(text: string): string {
  const m = PLAIN.exec(text);
  if (!m) return new Decimal(text).toFixed();
  const sign = m[1]!;
  const intPart = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${intPart}.${frac}` : intPart;
  return body === '0' ? '0' : sign + body;
}
