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

/**
 * Upbit's own meaning, kept apart: `market_event.warning` is the 투자유의 designation, and each
 * `market_event.caution` flag is a separate 투자주의 reason; a caution flag does not make the
 * market a warning. The removed legacy `market_warning: "CAUTION"` was the same 투자유의
 * designation as today's `warning`, so it still sets `warning`.
 */
export function upbitWarning(row: UpbitMarketRow): {
  warning: boolean;
  cautions: string[] | null;
  details: Record<string, unknown> | null;
} {
  const event = row.market_event ?? undefined;
  const caution = event?.caution;
  const cautions =
    caution === undefined
      ? null
      : Object.entries(caution)
          .filter(([, on]) => on)
          .map(([flag]) => flag);
  const warning = event?.warning === true || row.market_warning === 'CAUTION';
  const details = event ?? (row.market_warning ? {market_warning: row.market_warning} : null);
  return {warning, cautions, details: details as Record<string, unknown> | null};
}
