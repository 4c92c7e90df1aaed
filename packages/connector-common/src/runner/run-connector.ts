import {Command, CommanderError} from 'commander';
import type {AirbyteConfig, AirbyteConfiguredCatalog} from 'faros-airbyte-cdk';

import {ConfigError} from '../errors/connector-error';
import {
  connectionStatusMessage,
  errorTraceMessage,
  logMessage,
  specMessage,
} from '../protocol/messages';
import {MessageOutput, OutputClosedError} from '../protocol/output';
import type {Emitted} from '../protocol/record-page';
import {AirbyteLogLevel} from '../protocol/protocol-values';
import {formatFindings} from '../probe/finding';
import {runProbe} from '../probe/run-probe';
import {parseCandleSourceConfig} from '../config/config';
import {CandleSource, SyncFailedError} from '../connector/candle-source';
import {readStateInput} from '../incremental/input-state';
import {readJsonFile} from './input-files';

export interface RunOptions {
  readonly source: CandleSource;
  readonly output: MessageOutput;
  readonly version: string;
  /** Where `probe` prints its table (a person reads it, not the platform); default stdout. */
  readonly printText?: (text: string) => void;
  /** The clock of `probe`; default Date.now. */
  readonly now?: () => number;
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
  const write = async (messages: Iterable<Emitted> | AsyncIterable<Emitted>) => {
    try {
      for await (const m of messages) await output.write(m);
    } finally {
      // Records held back by the output go out even when the messages end in an error.
      await output.flush?.();
    }
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
      const states = readStateInput(o.state ? readJsonFile(o.state, 'state') : undefined);
      await write(states.notes.map((note) => logMessage(AirbyteLogLevel.INFO, note)));
      await write(source.readEmitted(config, catalog, Object.fromEntries(states.streams)));
    });

  program
    .command('probe')
    .description(
      'check against the live API, in about ten requests, each assumption this connector makes about the exchange'
    )
    .requiredOption('--config <path>', 'config JSON file (api_base_url, markets)')
    .option('--json', 'print the findings as JSON instead of a table')
    .action(async (o: {config: string; json?: boolean}) => {
      try {
        const config = parseCandleSourceConfig(readJsonFile(o.config, 'config'), source.exchange);
        const now = (opts.now ?? Date.now)();
        const findings = await runProbe(source.exchange, config, stderrLogger, now);
        const print = opts.printText ?? ((t: string) => void process.stdout.write(t));
        print(o.json ? `${JSON.stringify(findings, null, 2)}\n` : formatFindings(findings));
        if (findings.some((f) => f.status === 'fail')) exitCode = 1;
      } catch (err) {
        // A person reads this, not the platform: one line, no protocol message.
        stderrLogger.error(
          `probe could not run: ${err instanceof Error ? err.message : String(err)}`
        );
        exitCode = 1;
      }
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

/** `probe` is run by a person at a terminal: its retries and warnings go to stderr as text. */
const stderrLogger = {
  debug: () => undefined,
  info: (m: string) => void process.stderr.write(`${m}\n`),
  warn: (m: string) => void process.stderr.write(`warning: ${m}\n`),
  error: (m: string) => void process.stderr.write(`error: ${m}\n`),
};
