import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {Command, CommanderError, InvalidArgumentError} from 'commander';
import {DEFAULT_MAX_RATE_CARRY_HOURS} from './aggregate';
import {renderDailyShareSvg} from './chart';
import {Table, toCsv} from './csv';
import {fileSource} from './jsonl-reader';
import {
  computeMarketShare,
  computeMarketShareFromItems,
  DEFAULT_CONVERT_QUOTES,
  DEFAULT_DEDUPE_WINDOW_HOURS,
  InputItem,
  InvalidInputError,
  MarketShareOptions,
} from './pipeline';
import {Progress, ProgressSink} from './progress';
import {
  DailyFigure,
  DailyFigureError,
  DEFAULT_RECONCILE_TOLERANCE,
  parseDailyFigures,
} from './reconcile';
import {DEFAULT_SHARE_DECIMALS} from './shares';
import {
  coverageTable,
  dailyByAssetTable,
  dailyByExchangeTable,
  dailyShareTable,
  hourlyByExchangeTable,
  hourlyShareTable,
  reconciliationTable,
} from './tables';
import {
  ExchangeTable,
  openWarehouse,
  parseExchangeTable,
  WarehouseConnection,
  warehouseCandleItems,
  WarehouseSpec,
} from './warehouse';
import {KstPeriod, parseKstPeriod, parseTableRef} from './warehouse-query';
import {writeReportToWarehouse} from './warehouse-write';

export interface CliIo {
  readonly stdin: Readable;
  readonly stderr: ProgressSink;
}

const MAX_INVALID_REPORTED = 20;

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, got "${text}"`
      );
    }
    return n;
  };
}

function dailyFigureSpec(text: string, previous: string[] = []): string[] {
  if (!/^[A-Za-z0-9_-]+=.+$/.test(text)) {
    throw new InvalidArgumentError(
      `expected <exchange>=<path>, e.g. upbit=upbit-days.json; got "${text}"`
    );
  }
  return [...previous, text];
}

function program(): Command {
  return new Command('market-share')
    .description(
      "Each exchange's daily KRW trading value and market share from the candles_hourly records of `read` (Airbyte JSONL)."
    )
    .argument(
      '[inputs...]',
      'JSONL files from `source-* read`; `-` reads stdin (or read a warehouse: --duckdb / --postgres / --bigquery)'
    )
    .requiredOption(
      '-o, --out <dir>',
      'directory for the CSV tables and daily_share.svg (created if missing)'
    )
    .option(
      '--skip-invalid',
      'report invalid lines (file:line, field) on stderr and go on instead of failing',
      false
    )
    .option(
      '--dedupe-window-hours <n>',
      'hours per market held for last-wins deduplication',
      wholeNumber(1, 24 * 366),
      DEFAULT_DEDUPE_WINDOW_HOURS
    )
    .option(
      '--convert-quotes <list>',
      'quote currencies converted to KRW at the same exchange-hour KRW rate; other quotes are excluded',
      DEFAULT_CONVERT_QUOTES.join(',')
    )
    .option(
      '--max-rate-carry-hours <n>',
      'an hour without a KRW-<quote> candle converts at its last close at most this many hours earlier (flagged carried); 0 disables',
      wholeNumber(0, 168),
      DEFAULT_MAX_RATE_CARRY_HOURS
    )
    .option(
      '--share-decimals <n>',
      'decimal places of printed shares',
      wholeNumber(0, 20),
      DEFAULT_SHARE_DECIMALS
    )
    .option(
      '--daily-figures <exchange=path>',
      "the exchange's own day candles (JSON array or JSONL, raw API shape) to reconcile against; repeatable",
      dailyFigureSpec
    )
    .option(
      '--tolerance <fraction>',
      'reconciliation: largest accepted |hourly sum - daily figure| / daily figure',
      DEFAULT_RECONCILE_TOLERANCE
    )
    .option('--duckdb <file>', 'read the destination tables from this DuckDB database file')
    .option(
      '--postgres [url]',
      'read the destination tables from PostgreSQL: a postgres:// URL, or without one the PG* variables'
    )
    .option(
      '--bigquery [project]',
      'read the destination tables from BigQuery (application default credentials; default project if omitted)'
    )
    .option(
      '--bigquery-location <location>',
      'BigQuery: the location of the datasets, e.g. asia-northeast3'
    )
    .option(
      '--table <exchange=table>',
      "warehouse: the final table an exchange's connection writes, e.g. upbit=airbyte_upbit.candles_hourly; repeatable",
      collect
    )
    .option('--from <kst-date>', 'warehouse: first KST day of the period, YYYY-MM-DD')
    .option('--to <kst-date>', 'warehouse: last KST day of the period (inclusive), YYYY-MM-DD')
    .option(
      '--write-schema <schema>',
      "warehouse: also write the result tables into this schema, replacing the period's rows"
    );
}

function collect(text: string, previous: string[] = []): string[] {
  return [...previous, text];
}

interface WarehouseArgs {
  readonly spec: WarehouseSpec;
  readonly tables: readonly ExchangeTable[];
  readonly period: KstPeriod;
  readonly writeSchema?: string;
}

/** The warehouse options as commander parses them (`--postgres` alone is `true`). */
interface WarehouseOptions {
  duckdb?: string;
  postgres?: string | boolean;
  bigquery?: string | boolean;
  bigqueryLocation?: string;
  table?: string[];
  from?: string;
  to?: string;
  writeSchema?: string;
}

function warehouseArgs(inputs: readonly string[], o: WarehouseOptions): WarehouseArgs | undefined {
  const engines = [o.duckdb, o.postgres, o.bigquery].filter((x) => x !== undefined).length;
  const warehouseOnly = o.table ?? o.from ?? o.to ?? o.writeSchema;
  if (engines === 0) {
    if (warehouseOnly !== undefined) {
      throw new InvalidArgumentError(
        '--table, --from, --to and --write-schema need a warehouse: --duckdb <file>, --postgres [url] or --bigquery [project]'
      );
    }
    return undefined;
  }
  if (engines > 1)
    throw new InvalidArgumentError('give one warehouse: --duckdb, --postgres or --bigquery');
  if (inputs.length > 0) {
    throw new InvalidArgumentError('give JSONL inputs or a warehouse, not both');
  }
  if (!o.table?.length) {
    throw new InvalidArgumentError(
      'a warehouse needs --table <exchange>=<table> for each exchange, e.g. upbit=airbyte_upbit.candles_hourly'
    );
  }
  if (o.from === undefined || o.to === undefined) {
    throw new InvalidArgumentError(
      'a warehouse needs the period: --from <kst-date> --to <kst-date>'
    );
  }
  let period: KstPeriod;
  let tables: ExchangeTable[];
  try {
    period = parseKstPeriod(o.from, o.to);
    tables = o.table.map(parseExchangeTable);
    const repeated = tables.find((t, i) => tables.findIndex((u) => u.exchange === t.exchange) < i);
    if (repeated) {
      throw new Error(
        `--table names ${repeated.exchange} twice: give one table per exchange (the one its connection writes)`
      );
    }
    if (o.writeSchema !== undefined) parseTableRef(o.writeSchema);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
  const spec: WarehouseSpec =
    o.duckdb !== undefined
      ? {engine: 'duckdb', path: o.duckdb}
      : o.postgres !== undefined
        ? {engine: 'postgres', url: typeof o.postgres === 'string' ? o.postgres : undefined}
        : {
            engine: 'bigquery',
            projectId: typeof o.bigquery === 'string' ? o.bigquery : undefined,
            location: o.bigqueryLocation,
          };
  return {spec, tables, period, writeSchema: o.writeSchema};
}

/** Runs the command; resolves to the process exit code. Never calls process.exit itself. */
export async function main(
  argv: readonly string[],
  io: CliIo = {stdin: process.stdin, stderr: process.stderr}
): Promise<number> {
  const cmd = program()
    .exitOverride()
    .configureOutput({writeOut: (s) => io.stderr.write(s), writeErr: (s) => io.stderr.write(s)});
  try {
    cmd.parse([...argv], {from: 'user'});
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  const opts = cmd.opts<
    WarehouseOptions & {
      out: string;
      skipInvalid: boolean;
      dedupeWindowHours: number;
      convertQuotes: string;
      maxRateCarryHours: number;
      shareDecimals: number;
      dailyFigures?: string[];
      tolerance: string;
    }
  >();
  let conn: WarehouseConnection | undefined;
  try {
    if (!/^(0|[1-9][0-9]*)?(\.[0-9]+)?$/.test(opts.tolerance) || opts.tolerance === '') {
      throw new InvalidArgumentError(
        `--tolerance must be a non-negative decimal such as 0.001, got "${opts.tolerance}"`
      );
    }
    const wh = warehouseArgs(cmd.args, opts);
    if (!wh && cmd.args.length === 0) {
      io.stderr.write(
        "error: missing required argument 'inputs' (JSONL files, or a warehouse: --duckdb / --postgres / --bigquery)\n"
      );
      return 1;
    }
    const sources = wh ? [] : cmd.args.map((p) => fileSource(p, io.stdin));
    const figures = loadDailyFigures(opts.dailyFigures ?? []);
    const totalBytes =
      !wh && sources.every((s) => s.size !== undefined)
        ? sources.reduce((a, s) => a + (s.size ?? 0), 0)
        : undefined;
    const progress = new Progress(io.stderr, totalBytes, Date.now, wh !== undefined);
    let reported = 0;
    let items: AsyncIterable<InputItem> | undefined;
    if (wh) {
      conn = await openWarehouse(wh.spec);
      items = warehouseCandleItems(conn, wh.tables, wh.period);
    }
    const pipelineOptions: MarketShareOptions = {
      skipInvalid: opts.skipInvalid,
      onInvalid: (err) => {
        if (reported++ < MAX_INVALID_REPORTED)
          io.stderr.write(`market-share: skipped ${err.message}\n`);
      },
      dedupeWindowHours: opts.dedupeWindowHours,
      convertQuotes: opts.convertQuotes
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
      maxRateCarryHours: opts.maxRateCarryHours,
      shareDecimals: opts.shareDecimals,
      dailyFigures: figures,
      tolerance: opts.tolerance,
      progress,
    };
    const run = items
      ? await computeMarketShareFromItems(items, {
          ...pipelineOptions,
          deduplicatedInHourOrder: true,
        })
      : await computeMarketShare(sources, pipelineOptions);
    const {report, reconciliation, stats} = run;
    const tables: [string, Table][] = [
      ['hourly_by_exchange.csv', hourlyByExchangeTable(report)],
      ['daily_by_exchange.csv', dailyByExchangeTable(report)],
      ['daily_by_asset.csv', dailyByAssetTable(report)],
      ['daily_share.csv', dailyShareTable(report)],
      ['hourly_share.csv', hourlyShareTable(report)],
      ['coverage.csv', coverageTable(report)],
    ];
    if (figures.length > 0)
      tables.push(['reconciliation.csv', reconciliationTable(reconciliation)]);
    mkdirSync(opts.out, {recursive: true});
    for (const [name, table] of tables) writeFileSync(join(opts.out, name), toCsv(table));
    writeFileSync(join(opts.out, 'daily_share.svg'), renderDailyShareSvg(report.dailyShares));
    let writtenNote = '';
    if (wh?.writeSchema !== undefined && conn) {
      const written = await writeReportToWarehouse(conn, wh.writeSchema, report, wh.period);
      writtenNote =
        `; wrote ${Object.values(written).reduce((a, n) => a + n, 0)} rows to ${conn.description} ` +
        `schema ${wh.writeSchema} (${wh.period.from}..${wh.period.to} replaced)`;
    }

    const d = stats.dedupe;
    const mismatches = reconciliation.filter((r) => r.status === 'mismatch').length;
    const incompleteDays = new Set(
      report.dailyShares.filter((s) => !s.complete).map((s) => s.period)
    ).size;
    progress.finish(
      `${stats.candleRecords} candle records, ${d.replaced} duplicates replaced, ` +
        `${report.exchanges.length} exchanges, ${new Set(report.dailyShares.map((s) => s.period)).size} KST days ` +
        `(${incompleteDays} incomplete)` +
        (stats.invalidLines ? `, ${stats.invalidLines} invalid lines skipped` : '') +
        (figures.length ? `, reconciliation: ${mismatches} mismatches of ${figures.length}` : '') +
        ` -> ${opts.out}` +
        writtenNote
    );
    if (d.lateDuplicates > 0) {
      io.stderr.write(
        `market-share: warning: ${d.lateDuplicates} duplicates arrived more than ${opts.dedupeWindowHours} h after ` +
          `their market's newest hour; the first value was kept (e.g. ${d.lateExamples.join(', ')}). ` +
          `Pass inputs oldest first or raise --dedupe-window-hours.\n`
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof InvalidInputError) {
      io.stderr.write(
        `market-share: invalid input at ${e.message}\n  (fix the line, or pass --skip-invalid to skip such lines)\n`
      );
      return 2;
    }
    if (e instanceof DailyFigureError || e instanceof InvalidArgumentError) {
      io.stderr.write(`market-share: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`market-share: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await conn?.close();
  }
}

function loadDailyFigures(specs: readonly string[]): DailyFigure[] {
  return specs.flatMap((spec) => {
    const eq = spec.indexOf('=');
    const exchange = spec.slice(0, eq);
    const path = spec.slice(eq + 1);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new DailyFigureError(
        `--daily-figures ${spec}: cannot read ${path}: ${(e as Error).message}`
      );
    }
    return parseDailyFigures(text, exchange, path);
  });
}
