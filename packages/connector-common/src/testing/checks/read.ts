/** The READ checklist: every rule over one `read` invocation's messages and exit code. */
import type {AirbyteMessage} from '../protocol-schemas';
import {at, indexed} from './common';
import {buildReadContext, type ReadCheckOptions, type ReadContext} from './read-context';
import {checkRecords} from './read-records';
import {checkStates} from './read-states';
import {checkStreamStatuses} from './read-statuses';

export type {ReadCheckOptions} from './read-context';

export function checkRead(
  messages: readonly AirbyteMessage[],
  options: ReadCheckOptions
): string[] {
  const ctx = buildReadContext(messages, options);
  return [
    ...checkReadMessageKinds(ctx),
    ...checkExitAndErrors(ctx),
    ...checkRecords(ctx),
    ...checkStates(ctx),
    ...checkStreamStatuses(ctx),
  ];
}

const NOT_IN_READ = ['SPEC', 'CATALOG', 'CONNECTION_STATUS'];

function checkReadMessageKinds(ctx: ReadContext): string[] {
  return ctx.messages.flatMap((message, index) =>
    NOT_IN_READ.includes(message.type) ? [at(index, message, 'not a message `read` may emit')] : []
  );
}

/** Exit code 0 iff no TRACE ERROR: the platform decides success from the exit code, users read the trace. */
function checkExitAndErrors(ctx: ReadContext): string[] {
  const violations: string[] = [];
  const errors = indexed(ctx.messages, 'TRACE').filter(
    ({message}) => message.trace.type === 'ERROR'
  );
  const {exitCode} = ctx.options;
  if (errors.length > 0 && exitCode === 0) {
    violations.push(
      `read: exit code 0 after ${errors.length} TRACE ERROR message(s); a failed read must exit non-zero`
    );
  }
  if (errors.length === 0 && exitCode !== 0) {
    violations.push(
      `read: exit code ${exitCode} without a TRACE ERROR; emit one (message, failure_type) before exiting non-zero`
    );
  }
  for (const {index, message} of errors) {
    if (message.trace.type !== 'ERROR') continue;
    const {error} = message.trace;
    if (error.failure_type === undefined) {
      violations.push(
        at(
          index,
          message,
          'TRACE ERROR has no failure_type (config_error, transient_error or system_error)'
        )
      );
    }
    if (error.message.trim() === '')
      violations.push(at(index, message, 'TRACE ERROR has an empty message'));
  }
  return violations;
}
