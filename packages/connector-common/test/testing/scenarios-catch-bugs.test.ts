import {conformanceScenarios, ConformanceError} from '@korea-candles/connector-common/testing';

import {fakeSource, INVALID_CONFIGS, VALID_CONFIG} from './fake-source';

/** Runs the scenario whose name starts with `prefix` against the fake source with `bugs` on. */
async function scenario(prefix: string, ...bugs: string[]): Promise<void> {
  const found = conformanceScenarios({
    name: 'fake-source',
    invoke: fakeSource(...bugs),
    validConfig: VALID_CONFIG,
    invalidConfigs: INVALID_CONFIGS,
    incrementalStream: 'hourly_prices',
  }).find((s) => s.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no scenario starts with "${prefix}"`);
  return found.run();
}

// Each misbehaviour of the fake source must fail the scenario that guards against it.
describe('conformance scenarios catch a misbehaving connector', () => {
  it('LEGACY states fail the first read', async () => {
    await expect(scenario('read with the discovered catalog', 'legacy-state')).rejects.toThrow(
      /read 1: .*message\[\d+\] STATE: state type is missing \(= LEGACY\)/s
    );
  });

  it('a stray stdout line fails spec with its line number', async () => {
    await expect(scenario('spec emits', 'stdout-noise')).rejects.toThrow(
      /line 1: not JSON .*starting spec/
    );
  });

  it('replaying everything from the last state fails the second read', async () => {
    const error = scenario('a second read', 'replay');
    await expect(error).rejects.toThrow(
      /stream "hourly_prices": read 2 from read 1's last state returned 12 records, read 1 12; it must resume, not replay/
    );
    await expect(error).rejects.toThrow(
      /stream_state.cursor went back from "2024-01-01T11:00:00Z" \(the input state\)/
    );
  });

  it('losing records on resume fails the checkpoint scenario', async () => {
    await expect(scenario('resuming from a mid-read checkpoint', 'lossy-resume')).rejects.toThrow(
      /resuming from the state at read 1 message\[\d+\] \(after 8 of 12 records\) returned 3 records, expected >= 4/
    );
  });

  it('ignoring an unknown stream fails the unknown-stream scenario', async () => {
    await expect(
      scenario('a catalog with the unknown stream', 'ignore-unknown-streams')
    ).rejects.toThrow(/exit code 0; the read must fail.*no TRACE ERROR message/s);
  });

  it('reading with an unvalidated config fails the invalid-config read', async () => {
    await expect(scenario('read with invalid config #1', 'skip-config-validation')).rejects.toThrow(
      /RECORD\/STATE message\(s\) emitted before the config was rejected/
    );
  });

  it('the error carries the scenario, every violation and the stderr tail', async () => {
    const error: unknown = await scenario('read with the discovered catalog', 'legacy-state').catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as ConformanceError).violations.length).toBeGreaterThan(1);
    expect((error as Error).message).toMatch(
      /command: read \(exit 0, \d+ messages\)\n {2}stderr \(tail\):/
    );
  });
});
