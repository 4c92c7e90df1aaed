import {upbitCompatibleMarketRow} from '@korea-candles/connector-common/upbit-compatible';
import {z} from 'zod';

/**
 * Bithumb's `market/all?isDetails=true` row: the Upbit-compatible fields plus
 * `market_warning` ("NONE" or "CAUTION"), which Bithumb still sends (Upbit dropped it).
 */
export const bithumbMarketRow = upbitCompatibleMarketRow.extend({
  market_warning: z.string().nullish(),
});

export function bithumbWarning(row: z.output<typeof bithumbMarketRow>): {
  warning: boolean;
  details: Record<string, unknown> | null;
} {
  const level = row.market_warning ?? null;
  return {
    warning: level !== null && level !== 'NONE',
    details: level === null ? null : {market_warning: level},
  };
}
