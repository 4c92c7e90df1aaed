/** Splits a QUOTE-BASE market code (`KRW-BTC`) into its currencies. */
export function splitQuoteBase(code: string): {quote: string; base: string} | undefined {
  const m = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(code);
  return m ? {quote: m[1]!, base: m[2]!} : undefined;
}

/** QUOTE-BASE, upper case: `KRW-BTC`. */
export const upbitCompatibleMarketCode = {
  pattern: '^[A-Z0-9]+-[A-Z0-9]+$',
  form: 'QUOTE-BASE',
  example: 'KRW-BTC',
} as const;
