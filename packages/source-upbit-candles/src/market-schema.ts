import {upbitCompatibleMarketRow} from '@korea-candles/connector-common/upbit-compatible';
import {z} from 'zod';

/**
 * Upbit's `market/all?is_details=true` row. `market_event` (since 2024-02) carries the
 * warning and caution flags; `market_warning` was removed on 2024-11-20 but old regional
 * payloads may still send it, so both are optional and read permissively.
 */
export const upbitMarketRow = upbitCompatibleMarketRow.extend({
  market_event: z
    .object({
      warning: z.boolean().optional(),
      caution: z.record(z.string(), z.boolean()).optional(),
    })
    .nullish(),
  market_warning: z.string().nullish(),
});

export type UpbitMarketRow = z.output<typeof upbitMarketRow>;

export function upbitWarning(row: UpbitMarketRow): {
  warning: boolean;
  details: Record<string, unknown> | null;
} {
  const event = row.market_event ?? undefined;
  const cautions = Object.entries(event?.caution ?? {}).filter(([, on]) => on);
  const warning =
    event?.warning === true || cautions.length > 0 || row.market_warning === 'CAUTION';
  const details = event ?? (row.market_warning ? {market_warning: row.market_warning} : null);
  return {warning, details: details as Record<string, unknown> | null};
}
