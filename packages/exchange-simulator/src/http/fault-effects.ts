import type {ActiveFaultRule, Endpoint} from '../faults';
import type {ExchangeModule} from '../exchanges/module';
import {gatewayError, json, type SimResponse} from './responses';

export type FaultEffect =
  | {readonly kind: 'respond'; readonly response: SimResponse}
  | {readonly kind: 'reset'}
  | {readonly kind: 'hang'};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns the normal response into the faulty one a rule asks for, in the exchange's envelope. */
export function applyFault(
  rule: ActiveFaultRule,
  exchange: ExchangeModule,
  endpoint: Endpoint,
  normal: SimResponse,
  nowMs: number
): FaultEffect {
  const bodies = exchange.faults;
  const withBody = (body: string): FaultEffect => ({kind: 'respond', response: {...normal, body}});
  switch (rule.kind) {
    case 'reset':
      return {kind: 'reset'};
    case 'timeout':
      return {kind: 'hang'};
    case 'http5xx': {
      const status = rule.status ?? 500;
      return {
        kind: 'respond',
        response: status === 500 ? bodies.internalError() : gatewayError(status),
      };
    }
    case 'emptyPage':
      return {
        kind: 'respond',
        response: json(200, bodies.emptyPage(endpoint, nowMs), rateHeaders(exchange, normal)),
      };
    case 'errorIn200':
      return {kind: 'respond', response: bodies.errorIn200()};
    case 'truncated':
      // A complete HTTP response whose JSON stops half way (Content-Length matches the cut body).
      return withBody(normal.body.slice(0, Math.max(1, Math.floor(normal.body.length / 2))));
    case 'malformed':
      // `"market"=` instead of `"market":` somewhere a strict parser must reject.
      return withBody(
        normal.body.includes(':') ? normal.body.replace(':', '=') : `${normal.body}}`
      );
    case 'renameField': {
      const field = rule.field ?? bodies.renameField;
      const to = rule.renameTo ?? `${field}_renamed`;
      return withBody(
        normal.body.replace(new RegExp(`"${escapeRegExp(field)}":`, 'g'), `"${to}":`)
      );
    }
    case 'numberAsString': {
      const field = rule.field ?? bodies.numberField;
      return withBody(
        normal.body.replace(
          new RegExp(`"${escapeRegExp(field)}":(-?[0-9][0-9.eE+-]*)`, 'g'),
          `"${field}":"$1"`
        )
      );
    }
  }
}

/** The quota headers of a response. */
export function rateHeaders(
  exchange: ExchangeModule,
  response: SimResponse
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers).filter(([k]) => exchange.isRateHeader(k))
  );
}

/** The response without its quota headers (the `no-rate-headers` break). */
export function withoutRateHeaders(exchange: ExchangeModule, response: SimResponse): SimResponse {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([k]) => !exchange.isRateHeader(k))
  );
  return {...response, headers};
}
