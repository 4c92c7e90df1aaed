/** One connector invocation with its input files in a private temp dir, and its parsed output. */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {ConnectorInvoker, InvocationResult} from './invoker';
import {parseMessages, type ParsedMessages} from './parse-messages';
import type {AirbyteMessage} from './protocol-schemas';

export interface RunInputs {
  config?: unknown;
  catalog?: unknown;
  state?: unknown;
}

export interface ConnectorRun {
  args: string[];
  result: InvocationResult;
  parsed: ParsedMessages;
  messages: AirbyteMessage[];
}

const FLAGS = [
  ['config', '--config'],
  ['catalog', '--catalog'],
  ['state', '--state'],
] as const;

export async function invokeConnector(
  invoke: ConnectorInvoker,
  command: 'spec' | 'check' | 'discover' | 'read',
  inputs: RunInputs = {}
): Promise<ConnectorRun> {
  const dir = await mkdtemp(join(tmpdir(), `conformance-${command}-`));
  try {
    const args: string[] = [command];
    for (const [name, flag] of FLAGS) {
      const value = inputs[name];
      if (value === undefined) continue;
      const file = join(dir, `${name}.json`);
      await writeFile(file, JSON.stringify(value), 'utf8');
      args.push(flag, file);
    }
    const result = await invoke(args);
    const parsed = parseMessages(result.stdout);
    return {args, result, parsed, messages: parsed.messages};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

/** Thrown by a conformance scenario; the message lists every violation and the connector's stderr tail. */
export class ConformanceError extends Error {
  constructor(
    readonly scenario: string,
    readonly violations: readonly string[],
    run?: ConnectorRun
  ) {
    super(
      `${scenario}: ${violations.length} violation(s)\n` +
        violations.map((v) => `  - ${v}`).join('\n') +
        (run === undefined ? '' : `\n${describeRun(run)}`)
    );
    this.name = 'ConformanceError';
  }
}

/** Throws ConformanceError unless `violations` (plus any stdout parse violations) is empty. */
export function assertConforms(
  scenario: string,
  violations: readonly string[],
  run?: ConnectorRun
): void {
  const all = [...(run?.parsed.violations ?? []), ...violations];
  if (all.length > 0) throw new ConformanceError(scenario, all, run);
}

/** What the connector said about the failure: its ERROR traces, then the tail of stderr. */
function describeRun(run: ConnectorRun): string {
  const stderr = run.result.stderr.trimEnd().split('\n').slice(-15).join('\n    ');
  const errors = run.messages.flatMap((m) => {
    const trace = (m as {type?: string; trace?: {type?: string; error?: {message?: string}}}).trace;
    return m.type === 'TRACE' && trace?.type === 'ERROR'
      ? [`    ${trace.error?.message ?? ''}`]
      : [];
  });
  return (
    `  command: ${run.args[0] ?? ''} (exit ${run.result.exitCode}, ${run.messages.length} messages)\n` +
    (errors.length > 0 ? `  connector errors:\n${errors.join('\n')}\n` : '') +
    `  stderr (tail):\n    ${stderr === '' ? '(empty)' : stderr}`
  );
}
