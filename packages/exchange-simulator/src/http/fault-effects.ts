import type {ExchangeId} from '../config';
import type {ActiveFaultRule} from '../faults';
import {codeNotFound, errorIn200, json, serverError, type SimResponse} from './responses';

export type FaultEffect =
  | {readonly kind: 'respond'; readonly response: SimResponse}
  | {readonly kind: 'reset'}
  | {readonly kind: 'hang'};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns the normal response into the faulty one a rule asks for. */
export function applyFault(
  rule: ActiveFaultRule,
  exchange: ExchangeId,
  normal: SimResponse
): FaultEffect {
  const field = rule.field ?? 'trade_price';
  const withBody = (body: string): FaultEffect => ({kind: 'respond', response: {...normal, body}});
  switch (rule.kind) {
    case 'reset':
      return {kind: 'reset'};
    case 'timeout':
      return {kind: 'hang'};
    case 'http5xx':
      return {kind: 'respond', response: serverError(rule.status ?? 500)};
    case 'emptyPage':
      return {kind: 'respond', response: json(200, '[]', pickRateHeaders(normal))};
    case 'errorIn200':
      return {kind: 'respond', response: errorIn200(exchange)};
    case 'notFound':
      // What the exchange says for an unknown code, even for a market its list shows.
      return {kind: 'respond', response: codeNotFound()};
    case 'truncated':
      // A complete HTTP response whose JSON stops half way (Content-Length matches the cut body).
      return withBody(normal.body.slice(0, Math.max(1, Math.floor(normal.body.length / 2))));
    case 'malformed':
      // `"market"=` instead of `"market":` somewhere a strict parser must reject.
      return withBody(
        normal.body.includes(':') ? normal.body.replace(':', '=') : `${normal.body}}`
      );
    case 'renameField': {
      const to = rule.renameTo ?? `${field}_renamed`;
      return withBody(
        normal.body.replace(new RegExp(`"${escapeRegExp(field)}":`, 'g'), `"${to}":`)
      );
    }
    case 'numberAsString':
      return withBody(
        normal.body.replace(
          new RegExp(`"${escapeRegExp(field)}":(-?[0-9][0-9.eE+-]*)`, 'g'),
          `"${field}":"$1"`
        )
      );
  }
}

function pickRateHeaders(normal: SimResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(normal.headers)) {
    if (k === 'Remaining-Req' || k.startsWith('X-RateLimit-')) out[k] = v;
  }
  return out;
}
