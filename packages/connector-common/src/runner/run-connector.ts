import {Command, CommanderError} from 'commander';
import {AirbyteConfig, AirbyteConfiguredCatalog, AirbyteLogLevel} from 'faros-airbyte-cdk';

import {ConfigError} from '../errors/connector-error';
import {
  connectionStatusMessage,
  errorTraceMessage,
  logMessage,
  Message,
  specMessage,
} from '../protocol/messages';
import {MessageOutput, OutputClosedError} from '../protocol/output';
import {CandleSource, SyncFailedError} from '../source/candle-source';
import {streamStatesFromInput} from '../state/input-state';
import {readJsonFile} from './input-files';

export interface RunOptions {
  readonly source: CandleSource;
  readonly output: MessageOutput;
  readonly version: string;
}

/**
 * The connector command line: `spec`, `check --config`, `discover --config`,
 * `read --config --catalog [--state]`, as the Airbyte platform invokes it. Returns the exit
 * code instead of exiting, so tests can run it in-process.
 *
 * Exit codes: 0 on success, and for `check` whatever the status (the status says FAILED), and
 * when the reader of the output closed it (nothing more can be told);
 * 1 after a TRACE ERROR (every failure emits one); 2 for a malformed command line.
 */
export async function runConnector(argv: ReadonlyArray<string>, opts: RunOptions): Promise<number> {
  const {source, output} = opts;
  const write = async (messages: Iterable<Message> | AsyncIterable<Message>) => {
    for await (const m of messages) await output.write(m);
  };
  let exitCode = 0;
  const program = new Command()
    .name(source.exchange.id)
    .description(`Airbyte source for ${source.exchange.displayName} hourly candles`)
    .version(opts.version)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stderr.write(s),
      writeErr: (s) => process.stderr.write(s),
    });

  program.command('spec').action(async () => {
    await write([specMessage((await source.spec()).spec)]);
  });
  program
    .command('check')
    .requiredOption('--config <path>', 'config JSON file')
    .action(async ({config}: {config: string}) => {
      let raw: unknown;
      try {
        raw = readJsonFile(config, 'config');
      } catch (err) {
        raw = err;
      }
      const status =
        raw instanceof ConfigError
          ? connectionStatusMessage(false, raw.message)
          : await source.check(raw as AirbyteConfig);
      await write([status]);
    });
  program
    .command('discover')
    .requiredOption('--config <path>', 'config JSON file')
    .action(async ({config}: {config: string}) => {
      await write([await source.discover(readJsonFile(config, 'config') as AirbyteConfig)]);
    });
  program
    .command('read')
    .requiredOption('--config <path>', 'config JSON file')
    .requiredOption('--catalog <path>', 'configured catalog JSON file')
    .option('--state <path>', 'state JSON file')
    .action(async (o: {config: string; catalog: string; state?: string}) => {
      const config = readJsonFile(o.config, 'config') as AirbyteConfig;
      source.validateConfig(config);
      const catalog = readJsonFile(o.catalog, 'catalog') as AirbyteConfiguredCatalog;
      const states = streamStatesFromInput(o.state ? readJsonFile(o.state, 'state') : undefined);
      await write(source.read(config, config, catalog, Object.fromEntries(states)));
    });

  try {
    await program.parseAsync([...argv], {from: 'user'});
  } catch (err) {
    if (err instanceof CommanderError) {
      exitCode = err.exitCode === 0 ? 0 : 2;
    } else if (err instanceof OutputClosedError) {
      // The reader closed the pipe (`read ... | head`): stop quietly; nothing can reach it.
      exitCode = 0;
    } else {
      exitCode = 1;
      try {
        if (!(err instanceof SyncFailedError)) await write([errorTraceMessage(err)]);
        else await write([logMessage(AirbyteLogLevel.ERROR, err.message)]);
      } catch (writeErr) {
        if (!(writeErr instanceof OutputClosedError)) throw writeErr;
      }
    }
  }
  return exitCode;
}
