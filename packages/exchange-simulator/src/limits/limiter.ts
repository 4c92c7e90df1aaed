import type {Endpoint} from '../faults';
import type {SimResponse} from '../http/responses';

/** What an exchange's rate limiter says about one request. */
export type LimitOutcome =
  | {readonly kind: 'ok'; readonly headers: Readonly<Record<string, string>>}
  | {
      readonly kind: 'refused';
      readonly response: SimResponse;
      /** An IP-block answer (Upbit 418) rather than a plain over-the-limit one. */
      readonly blocked: boolean;
      /** This request started a block. */
      readonly newBlock: boolean;
    };

/** One exchange's limits, per client IP, on the real clock. */
export interface ExchangeLimiter {
  check(ip: string, endpoint: Endpoint, hasOrigin: boolean, nowMs: number): LimitOutcome;
  reset(): void;
}
