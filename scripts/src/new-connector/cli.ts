#!/usr/bin/env node
/**
 * Scaffolds a new exchange source: `npm run new-connector -- <exchange> [--root <repo>]`.
 * Exit codes: 0 generated, 1 unexpected failure, 2 bad name or the connector exists.
 */
import {parseArgs} from 'node:util';
import path from 'node:path';

import {connectorNames, NewConnectorUsageError} from './exchange-name';
import {generateConnector} from './generate';
import {nextSteps} from './next-steps';

export const USAGE = `usage: npm run new-connector -- <exchange> [--root <repository root>]

Generates packages/source-<exchange>-candles (a package that builds and whose tests fail with
"not implemented: ..." until the exchange-specific parts are written), docs/sources/<exchange>-candles.md,
and adds the package to tsconfig.build.json. <exchange>: lower-case letters, digits and hyphens,
starting with a letter, at most 40 characters, e.g. coinone. See docs/adding-an-exchange.md.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Today's date for the CHANGELOG heading; the system clock by default. */
  now?: () => Date;
}

/** The repository root when run as scripts/lib/new-connector/cli.js. */
const DEFAULT_ROOT = path.resolve(__dirname, '..', '..', '..');

export function main(argv: readonly string[], io: CliIo): number {
  try {
    const {values, positionals} = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {root: {type: 'string'}, help: {type: 'boolean', short: 'h'}},
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 1) {
      throw new NewConnectorUsageError(
        `expected one exchange id, got ${positionals.length}: ${positionals.join(' ')}`
      );
    }
    const names = connectorNames(positionals[0]);
    const root = path.resolve(values.root ?? DEFAULT_ROOT);
    const today = (io.now?.() ?? new Date()).toISOString().slice(0, 10);
    const result = generateConnector(names, {root, today});
    io.stdout(`Created ${result.packagePath} (${names.packageName}):\n`);
    for (const file of result.files) io.stdout(`  ${file}\n`);
    if (result.buildReferenceAdded)
      io.stdout(`  tsconfig.build.json: added ${result.packagePath}\n`);
    io.stdout(`\n${nextSteps(names, result.packagePath)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof NewConnectorUsageError) {
      io.stderr(`error: ${err.message}\n\n${USAGE}\n`);
      return err.exitCode;
    }
    // parseArgs rejects unknown options with a TypeError carrying this code.
    if ((err as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
