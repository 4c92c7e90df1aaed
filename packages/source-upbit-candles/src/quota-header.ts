import {type QuotaHeaderParser, headerValue} from '@korea-candles/connector-common';

/** Pattern used by pyupbit; the group name seen for candles is `candles` (docs say `candle`). */
const REMAINING_REQ = /group=([a-z-]+); min=([0-9]+); sec=([0-9]+)/;

/** `Remaining-Req: group=candles; min=600; sec=9` -> {remaining: 9}; `min` is deprecated and fixed. */
export const upbitQuotaHeader: QuotaHeaderParser = (headers) => {
  const match = REMAINING_REQ.exec(headerValue(headers, 'remaining-req') ?? '');
  const sec = Number(match?.[3]);
  return match && Number.isSafeInteger(sec) ? {remaining: sec} : undefined;
};
