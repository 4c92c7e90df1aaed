/** One simulator per test file, with a fixed clock so every read sees the same closed hours. */
import {startSimulator, type RunningSimulator} from '@korea-candles/exchange-simulator';

type SimulatorOptions = Parameters<typeof startSimulator>[0];

/** The simulator's "now": hours before 05:00Z are closed and never change. */
export const SIM_NOW = '2024-03-01T05:20:00Z';

/**
 * Defaults: fixed clock, no delisting (so every configured market is listed for the whole
 * range) and no rate limits (the connectors still pace themselves; tests that are about the
 * limits turn them on).
 */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    seed: 7,
    delisting: null,
    clock: {now: SIM_NOW},
    ...options,
    rateLimits: {enabled: false, ...options.rateLimits},
  });
}
