import type {AirbyteLogLevel as CdkLogLevel} from 'faros-airbyte-cdk';

import type {Logger} from './logger';
import {logMessage} from './messages';
import type {MessageOutput} from './output';
import {AirbyteLogLevel} from './protocol-values';

const ORDER: Record<string, number> = {DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3};

/** A Logger that writes Airbyte LOG messages to the output, at or above a level. */
export function outputLogger(output: MessageOutput, level: 'DEBUG' | 'INFO' = 'INFO'): Logger {
  const log = (lvl: CdkLogLevel) => (message: string) => {
    if (ORDER[lvl]! < ORDER[level]!) return;
    // A log line that cannot be written (the reader is gone) is dropped, never unhandled.
    output.write(logMessage(lvl, message)).catch(() => undefined);
  };
  return {
    debug: log(AirbyteLogLevel.DEBUG),
    info: log(AirbyteLogLevel.INFO),
    warn: log(AirbyteLogLevel.WARN),
    error: log(AirbyteLogLevel.ERROR),
  };
}
