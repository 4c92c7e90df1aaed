import type {Spec} from 'faros-airbyte-cdk';

import {connectionSpecification} from './config';
import type {ExchangeDefinition} from '../definition/exchange-definition';

/**
 * What `spec` prints for a source: the same for every exchange but for its declaration.
 * `prebuilt` is the connectionSpecification emitted at build time, if the source has one.
 */
export function candleSourceSpec(
  exchange: ExchangeDefinition,
  prebuilt?: Record<string, unknown>
): Spec {
  const spec: Spec = {
    documentationUrl: exchange.documentationUrl,
    connectionSpecification: prebuilt ?? connectionSpecification(exchange),
    supportsIncremental: true,
  };
  // The CDK's Spec type predates protocol_version; the platform reads it (0.x accepted).
  return Object.assign(spec, {protocol_version: '0.2.0'});
}
