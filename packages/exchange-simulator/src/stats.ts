import {EXCHANGES, type ExchangeId} from './config';
import {FAULT_KINDS, type FaultKind} from './faults';

export type StatsEndpoint = 'candles' | 'markets' | 'other';

export interface StatsSnapshot {
  readonly since: string;
  readonly requests: {readonly total: number} & Readonly<
    Record<ExchangeId, Readonly<Record<StatsEndpoint, number>>>
  >;
  /** Responses by HTTP status (faults that never answer are not counted here). */
  readonly responsesByStatus: Readonly<Record<string, number>>;
  /** 429 responses sent, per exchange. */
  readonly rateLimited429: Readonly<Record<ExchangeId, number>>;
  /** 418 (IP blocked) responses sent by the Upbit side, and how many blocks were started. */
  readonly blocked418: number;
  readonly blocksStarted: Readonly<Record<ExchangeId, number>>;
  readonly faultsInjected: Readonly<Record<FaultKind, number>> & {readonly total: number};
}

const zeroEndpoints = (): Record<StatsEndpoint, number> => ({candles: 0, markets: 0, other: 0});
const perExchange = <T>(make: () => T): Record<ExchangeId, T> =>
  Object.fromEntries(EXCHANGES.map((e) => [e, make()])) as Record<ExchangeId, T>;

export class Stats {
  private since = new Date();
  private requests = perExchange(zeroEndpoints);
  private byStatus: Record<string, number> = {};
  private limited = perExchange(() => 0);
  private blocked = 0;
  private blocks = perExchange(() => 0);
  private faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

  request(exchange: ExchangeId, endpoint: StatsEndpoint): void {
    this.requests[exchange][endpoint]++;
  }

  response(status: number): void {
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
  }

  rateLimited(exchange: ExchangeId): void {
    this.limited[exchange]++;
  }

  blockedResponse(): void {
    this.blocked++;
  }

  blockStarted(exchange: ExchangeId): void {
    this.blocks[exchange]++;
  }

  fault(kind: FaultKind): void {
    this.faults[kind]++;
  }

  reset(): void {
    this.since = new Date();
    this.requests = perExchange(zeroEndpoints);
    this.byStatus = {};
    this.limited = perExchange(() => 0);
    this.blocked = 0;
    this.blocks = perExchange(() => 0);
    for (const k of FAULT_KINDS) this.faults[k] = 0;
  }

  snapshot(): StatsSnapshot {
    const sum = (r: Record<StatsEndpoint, number>) => r.candles + r.markets + r.other;
    return {
      since: this.since.toISOString(),
      requests: {
        total: EXCHANGES.reduce((a, e) => a + sum(this.requests[e]), 0),
        ...Object.fromEntries(EXCHANGES.map((e) => [e, {...this.requests[e]}])),
      } as StatsSnapshot['requests'],
      responsesByStatus: {...this.byStatus},
      rateLimited429: {...this.limited},
      blocked418: this.blocked,
      blocksStarted: {...this.blocks},
      faultsInjected: {...this.faults, total: FAULT_KINDS.reduce((a, k) => a + this.faults[k], 0)},
    };
  }
}
