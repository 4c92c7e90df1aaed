/// <reference types="jest" />
/**
 * Registers the acceptance scenarios as jest tests. Every source package calls this from its
 * own test file with an invoker for its CLI; jest globals are touched only when it is called.
 */
import {conformanceScenarios, type ConformanceOptions} from './scenarios';

const DEFAULT_READ_TIMEOUT_MS = 120_000;

export function describeConformance(options: ConformanceOptions): void {
  const readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  describe(`${options.name}: Airbyte conformance`, () => {
    if (options.beforeAll !== undefined) beforeAll(options.beforeAll, readTimeoutMs);
    if (options.afterAll !== undefined) afterAll(options.afterAll, readTimeoutMs);
    for (const scenario of conformanceScenarios(options)) {
      it(scenario.name, scenario.run, readTimeoutMs * scenario.reads);
    }
  });
}
