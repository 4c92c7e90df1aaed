import {upbitCompatibleMarketRow} from '@korea-candles/connector-common/upbit-compatible';
import {z} from 'zod';

/**
 * Bithumb's `market/all?isDetails=true` row: the Upbit-compatible fields plus
 * `market_warning` ("NONE" or "CAUTION"), which Bithumb still sends (Upbit dropped it).
 * "CAUTION" there is Bithumb's 투자유의 designation, the exchange's warning: it sets `warning`,
 * not `cautions` (Bithumb's list has no caution flags, so `cautions` is null).
 */
export const bithumbMarketRow = upbitCompatibleMarketRow.extend({
  market_warning: z.string().nullish(),
});

export function bithumbWarning(row: z.output<typeof bithumbMarketRow>): {
  warning: boolean;
  cautions: null;
  details: Record<string, unknown> | null;
} {
  const level = row.market_warning ?? null;
  return {
    warning: level !== null && level !== 'NONE',
    cautions: null,
    details: level === null ? null : {market_warning: level},
  };
}
