import type {ExchangeId} from '../config';
import type {SimMarket} from './markets';

/** Korbit's symbol of a market: `btc_krw` (lower-case base_quote). */
export function korbitSymbol(m: SimMarket): string {
  return `${m.base}_${m.quote}`.toLowerCase();
}

/**
 * The simulator's market code (`KRW-BTC`) of a code as an exchange writes it: Korbit
 * `btc_krw`, Coinone `KRW/BTC` (any case). Other text is returned unchanged.
 */
export function universeCode(exchange: ExchangeId, code: string): string {
  if (exchange === 'korbit') {
    const m = /^([a-z0-9]+)_([a-z0-9]+)$/.exec(code);
    if (m) return `${m[2]!.toUpperCase()}-${m[1]!.toUpperCase()}`;
  }
  if (exchange === 'coinone') {
    const m = /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(code);
    if (m) return `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}`;
  }
  return code;
}
