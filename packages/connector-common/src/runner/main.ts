import type {ExchangeDefinition} from '../definition/exchange-definition';
import {CandleSource} from '../connector/candle-source';
import {StreamOutput} from '../protocol/output';
import {outputLogger} from '../protocol/output-logger';
import {runConnector} from './run-connector';

/**
 * The process entry point of a connector image: runs the command and exits with its code
 * once stdout has been flushed. `connectionSpecification` is the spec's JSON Schema emitted
 * at build time (npm run write-specs); without it `spec` emits it from the config schema.
 */
export async function connectorMain(
  exchange: ExchangeDefinition,
  version: string,
  connectionSpecification?: Record<string, unknown>
): Promise<void> {
  const output = new StreamOutput(process.stdout);
  const logger = outputLogger(
    output,
    process.env.LOG_LEVEL?.toUpperCase() === 'DEBUG' ? 'DEBUG' : 'INFO'
  );
  const code = await runConnector(process.argv.slice(2), {
    source: new CandleSource(exchange, logger, Date.now, connectionSpecification),
    output,
    version,
  });
  if (output.closed) {
    // The reader is gone: do not wait for requests still in flight or timers of the limiter.
    process.exit(code);
  }
  process.exitCode = code;
}
