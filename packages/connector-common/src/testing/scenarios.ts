/**
 * The acceptance scenarios as plain async functions (no jest inside), so the kit's own tests
 * can run them against broken connectors and see them fail. describeConformance registers them.
 */
import {catalogFrom, checkConnection, checkDiscover, checkRead, checkSpec} from './checks';
import {recordStreamKey, streamKey} from './checks/common';
import {
  buildConfiguredCatalog,
  checkpointsOf,
  countRecordsByStream,
  incrementalStreamNames,
  lastStatePerStream,
  middleCheckpoint,
} from './catalog-helpers';
import {
  assertConforms,
  ConformanceError,
  invokeConnector,
  type ConnectorRun,
} from './connector-run';
import {futureStateFrom} from './cursor-values';
import type {ConnectorInvoker} from './invoker';
import type {AirbyteCatalog, ConfiguredAirbyteCatalog, StreamStateInput} from './protocol-schemas';

export const UNKNOWN_STREAM = '__AIRBYTE__stream_that_does_not_exist';

export interface ConformanceOptions {
  /** Names the jest describe block. */
  name: string;
  invoke: ConnectorInvoker;
  validConfig: Record<string, unknown>;
  /** Each must make `check` FAIL (exit 0) and `read` fail with a config_error; the regex must match both messages. */
  invalidConfigs: Array<{config: Record<string, unknown>; expectMessageMatching: RegExp}>;
  /** A discovered stream supporting incremental sync, used for the resume scenarios. */
  incrementalStream: string;
  /** `--state` for the future-state read; default: read 1's last states with every timestamp moved to 2999-12-31. */
  futureState?: StreamStateInput[];
  beforeAll?: () => void | Promise<void>;
  afterAll?: () => void | Promise<void>;
  /** Budget for one read (default 120 s); scenarios that first need discover + read 1 get three. */
  readTimeoutMs?: number;
}

export interface Scenario {
  name: string;
  /** How many connector reads the scenario may wait for (for its timeout). */
  reads: number;
  run: () => Promise<void>;
}

interface FirstRead {
  catalog: ConfiguredAirbyteCatalog;
  run: ConnectorRun;
}

export function conformanceScenarios(options: ConformanceOptions): Scenario[] {
  const {invoke, validConfig} = options;

  const discovered = once(async (): Promise<AirbyteCatalog> => {
    const run = await invokeConnector(invoke, 'discover', {config: validConfig});
    const violations = checkDiscover(run.messages, {exitCode: run.result.exitCode});
    const catalog = catalogFrom(run.messages);
    const stream = catalog?.streams.find((s) => s.name === options.incrementalStream);
    if (catalog !== undefined && stream?.supported_sync_modes.includes('incremental') !== true) {
      violations.push(
        `stream "${options.incrementalStream}" (options.incrementalStream) is not a discovered incremental stream`
      );
    }
    assertConforms('discover', violations, run);
    return catalog as AirbyteCatalog;
  });

  const firstRead = once(async (): Promise<FirstRead> => {
    const catalog = buildConfiguredCatalog(await discovered(), {syncMode: 'incremental'});
    const run = await invokeConnector(invoke, 'read', {config: validConfig, catalog});
    assertConforms(
      'read 1',
      checkRead(run.messages, {catalog, exitCode: run.result.exitCode}),
      run
    );
    return {catalog, run};
  });

  /** A read with `state`, checked; scenario-specific violations are added before asserting. */
  const read = async (
    catalog: ConfiguredAirbyteCatalog,
    state?: StreamStateInput[]
  ): Promise<{run: ConnectorRun; violations: string[]}> => {
    const run = await invokeConnector(invoke, 'read', {config: validConfig, catalog, state});
    const violations = checkRead(run.messages, {
      catalog,
      exitCode: run.result.exitCode,
      inputState: state,
    });
    return {run, violations};
  };

  const scenarios: Scenario[] = [
    {
      name: 'spec emits one valid SPEC the valid config conforms to',
      reads: 1,
      run: async () => {
        const run = await invokeConnector(invoke, 'spec');
        assertConforms(
          'spec',
          checkSpec(run.messages, {exitCode: run.result.exitCode, config: validConfig}),
          run
        );
      },
    },
    {
      name: 'check with the valid config SUCCEEDS',
      reads: 1,
      run: async () => {
        const run = await invokeConnector(invoke, 'check', {config: validConfig});
        const violations = checkConnection(run.messages, {
          exitCode: run.result.exitCode,
          expectedStatus: 'SUCCEEDED',
        });
        assertConforms('check (valid config)', violations, run);
      },
    },
    ...options.invalidConfigs.map(({config, expectMessageMatching}, i): Scenario => ({
      name: `check with invalid config #${i + 1} FAILS naming the problem (${String(expectMessageMatching)}), exit 0`,
      reads: 1,
      run: async () => {
        const run = await invokeConnector(invoke, 'check', {config});
        const violations = checkConnection(run.messages, {
          exitCode: run.result.exitCode,
          expectedStatus: 'FAILED',
          expectMessageMatching,
        });
        assertConforms(`check (invalid config #${i + 1})`, violations, run);
      },
    })),
    {
      name: 'discover emits one valid CATALOG',
      reads: 1,
      run: async () => void (await discovered()),
    },
    {
      name: 'read with the discovered catalog conforms and yields records for every stream',
      reads: 2,
      run: async () => {
        const {catalog, run} = await firstRead();
        const counts = countRecordsByStream(run.messages);
        const empty = catalog.streams
          .map((s) => streamKey(s.stream))
          .filter((key) => !counts.get(key));
        assertConforms(
          'read 1',
          empty.map((key) => `stream "${key}": no records`),
          run
        );
      },
    },
    {
      name: 'a second read from the last states conforms and does not replay read 1',
      reads: 3,
      run: async () => {
        const first = await firstRead();
        const state = lastStatePerStream(first.run.messages);
        const {run: second, violations} = await read(first.catalog, state);
        const before = countRecordsByStream(first.run.messages);
        const after = countRecordsByStream(second.messages);
        for (const name of incrementalStreamNames(first.catalog)) {
          const [n1, n2] = [before.get(name) ?? 0, after.get(name) ?? 0];
          if (n2 >= n1) {
            violations.push(
              `stream "${name}": read 2 from read 1's last state returned ${n2} records, read 1 ${n1}; it must resume, not replay`
            );
          }
        }
        violations.push(...emittedAtOrder(first.run, second));
        assertConforms('read 2', violations, second);
      },
    },
    {
      name: 'resuming from a mid-read checkpoint re-reads at least the records after it',
      reads: 3,
      run: async () => {
        const first = await firstRead();
        const stream = options.incrementalStream;
        const checkpoint = middleCheckpoint(checkpointsOf(first.run.messages, stream));
        if (checkpoint === undefined) {
          throw new ConformanceError('checkpoint resume', [
            `stream "${stream}": read 1 checkpointed fewer than twice, so resuming mid-stream cannot be tested; ` +
              'emit a STATE after every slice (e.g. per market) so an interrupted sync resumes where it stopped',
          ]);
        }
        const state = lastStatePerStream(first.run.messages, checkpoint.index);
        const {run: resumed, violations} = await read(first.catalog, state);
        const total = countRecordsByStream(first.run.messages).get(stream) ?? 0;
        const expected = total - checkpoint.cumulativeRecords;
        const got = countRecordsByStream(resumed.messages).get(stream) ?? 0;
        if (got < expected) {
          violations.push(
            `stream "${stream}": resuming from the state at read 1 message[${checkpoint.index}] ` +
              `(after ${checkpoint.cumulativeRecords} of ${total} records) returned ${got} records, expected >= ${expected}`
          );
        }
        assertConforms('resume from checkpoint', violations, resumed);
      },
    },
    {
      name: 'a state in the far future yields no records and at least one state',
      reads: 3,
      run: async () => {
        const first = await firstRead();
        const names = incrementalStreamNames(first.catalog);
        const catalog = buildConfiguredCatalog(await discovered(), {
          syncMode: 'incremental',
          streams: names,
        });
        const state =
          options.futureState ??
          futureStateFrom(lastStatePerStream(first.run.messages)).filter((s) =>
            names.includes(s.stream.stream_descriptor.name)
          );
        const {run, violations} = await read(catalog, state);
        const records = run.messages.filter((m) => m.type === 'RECORD');
        if (records.length > 0) {
          const streams = [
            ...new Set(records.map((m) => (m.type === 'RECORD' ? recordStreamKey(m.record) : ''))),
          ];
          violations.push(
            `${records.length} record(s) (streams ${streams.join(', ')}) although every cursor is in 2999`
          );
        }
        if (!run.messages.some((m) => m.type === 'STATE')) violations.push('no STATE message');
        assertConforms('future state', violations, run);
      },
    },
    {
      name: `a catalog with the unknown stream ${UNKNOWN_STREAM} fails with a TRACE ERROR`,
      reads: 2,
      run: async () => {
        const discoveredCatalog = buildConfiguredCatalog(await discovered(), {
          syncMode: 'incremental',
          streams: [options.incrementalStream],
        });
        const catalog: ConfiguredAirbyteCatalog = {
          streams: [
            ...discoveredCatalog.streams,
            {
              stream: {
                name: UNKNOWN_STREAM,
                json_schema: {type: 'object', properties: {}},
                supported_sync_modes: ['full_refresh'],
              },
              sync_mode: 'full_refresh',
              destination_sync_mode: 'append',
            },
          ],
        };
        const run = await invokeConnector(invoke, 'read', {config: validConfig, catalog});
        const violations = checkRead(run.messages, {catalog, exitCode: run.result.exitCode});
        violations.push(...expectFailure(run, UNKNOWN_STREAM, 'the unknown stream name'));
        assertConforms('unknown stream', violations, run);
      },
    },
    ...options.invalidConfigs.map(({config, expectMessageMatching}, i): Scenario => ({
      name: `read with invalid config #${i + 1} fails with a config_error before reading anything`,
      reads: 2,
      run: async () => {
        const catalog = buildConfiguredCatalog(await discovered(), {syncMode: 'incremental'});
        const run = await invokeConnector(invoke, 'read', {config, catalog});
        const violations = checkRead(run.messages, {catalog, exitCode: run.result.exitCode});
        violations.push(
          ...expectFailure(run, expectMessageMatching, String(expectMessageMatching))
        );
        const errors = traceErrors(run);
        if (errors.length > 0 && !errors.some((e) => e.failure_type === 'config_error')) {
          violations.push(
            `no TRACE ERROR has failure_type config_error (got ${errors.map((e) => e.failure_type).join(', ')})`
          );
        }
        const emitted = run.messages.filter(
          (m) => m.type === 'RECORD' || m.type === 'STATE'
        ).length;
        if (emitted > 0)
          violations.push(
            `${emitted} RECORD/STATE message(s) emitted before the config was rejected`
          );
        assertConforms(`read (invalid config #${i + 1})`, violations, run);
      },
    })),
  ];
  return scenarios;
}

function traceErrors(run: ConnectorRun): Array<{message: string; failure_type?: string}> {
  return run.messages.flatMap((m) =>
    m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error] : []
  );
}

/** The read must fail: non-zero exit and a TRACE ERROR whose message contains/matches `expected`. */
function expectFailure(run: ConnectorRun, expected: string | RegExp, what: string): string[] {
  const violations: string[] = [];
  if (run.result.exitCode === 0) violations.push('exit code 0; the read must fail');
  const errors = traceErrors(run);
  if (errors.length === 0) {
    violations.push('no TRACE ERROR message');
  } else if (
    !errors.some((e) =>
      typeof expected === 'string' ? e.message.includes(expected) : expected.test(e.message)
    )
  ) {
    violations.push(
      `no TRACE ERROR message names ${what}: ${errors.map((e) => JSON.stringify(e.message)).join(', ')}`
    );
  }
  return violations;
}

/** CAT full_refresh: records of a later run carry later emitted_at (wall clock at emission, not data time). */
function emittedAtOrder(first: ConnectorRun, second: ConnectorRun): string[] {
  const times = (run: ConnectorRun): number[] =>
    run.messages.flatMap((m) => (m.type === 'RECORD' ? [m.record.emitted_at] : []));
  const [a, b] = [times(first), times(second)];
  if (a.length === 0 || b.length === 0) return [];
  const maxA = a.reduce((x, y) => Math.max(x, y));
  const minB = b.reduce((x, y) => Math.min(x, y));
  return maxA < minB
    ? []
    : [
        `emitted_at of read 2 (min ${minB}) is not after read 1 (max ${maxA}); use Date.now() at emission`,
      ];
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}
