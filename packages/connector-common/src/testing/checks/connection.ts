/**
 * CHECK rules: one CONNECTION_STATUS, exit 0 even when the config is bad (the platform reads
 * the status; a non-zero exit turns "your API key is wrong" into a system error).
 */
import type {AirbyteMessage} from '../protocol-schemas';
import {exactlyOne, exitCodeZero} from './common';

export interface ConnectionCheckOptions {
  exitCode: number;
  expectedStatus: 'SUCCEEDED' | 'FAILED';
  /** For FAILED: the message must match, e.g. name the offending config field. */
  expectMessageMatching?: RegExp;
}

export function checkConnection(
  messages: readonly AirbyteMessage[],
  options: ConnectionCheckOptions
): string[] {
  const violations = [...exitCodeZero('check', options.exitCode)];
  const {found, violations: countViolations} = exactlyOne(messages, 'CONNECTION_STATUS', 'check');
  violations.push(...countViolations);
  if (found === undefined) return violations;
  const {status, message} = found.message.connectionStatus;
  const where = `message[${found.index}] CONNECTION_STATUS`;
  if (status !== options.expectedStatus) {
    violations.push(
      `${where}: status is ${status}, expected ${options.expectedStatus}${message ? ` (message: ${message})` : ''}`
    );
  }
  if (status === 'FAILED' && (message === undefined || message.trim() === '')) {
    violations.push(
      `${where}: a FAILED status needs a non-empty message telling the user what to fix`
    );
  }
  if (
    options.expectMessageMatching !== undefined &&
    !options.expectMessageMatching.test(message ?? '')
  ) {
    violations.push(
      `${where}: message ${JSON.stringify(message ?? '')} does not match ${String(options.expectMessageMatching)}`
    );
  }
  return violations;
}
