/**
 * The exchange id a developer types (`coinone`) and every name derived from it. The id ends up
 * in a folder, an npm package name, a Docker repository, a TypeScript export and every record's
 * `exchange` field, so it must be valid in all of them.
 */
export interface ConnectorNames {
  /** `coinone`: the record's `exchange` field and the file name of the definition. */
  readonly id: string;
  /** `coinone`, `gopaxKr`: the exported ExchangeDefinition. */
  readonly exportName: string;
  /** `Coinone`, `Gopax Kr`: a first guess at the display name (marked TODO). */
  readonly displayName: string;
  /** `source-coinone-candles`: folder under packages/ and the CONNECTOR build arg. */
  readonly connector: string;
  readonly packageName: string;
  readonly dockerRepository: string;
  /** `docs/sources/coinone-candles.md` */
  readonly docPath: string;
}

/** A name the command line rejects; the CLI exits 2 with `message`. */
export class NewConnectorUsageError extends Error {
  readonly exitCode = 2;
}

export const MAX_ID_LENGTH = 40;

/** Repository folders and words that would read as something other than an exchange. */
const RESERVED = new Set([
  'common',
  'connector-common',
  'exchange',
  'exchange-simulator',
  'simulator',
  'e2e',
  'scripts',
  'source',
  'sources',
  'candles',
  'test',
  'tests',
  'template',
  'example',
  'lib',
  'src',
  'bin',
  'docs',
  'node-modules',
]);

/** JavaScript reserved words: a one-word id becomes `export const <id>`. */
const JS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await'
  ).split(' ')
);

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function connectorNames(rawId: string | undefined): ConnectorNames {
  const id = validateExchangeId(rawId);
  const words = id.split('-');
  return {
    id,
    exportName: words[0] + words.slice(1).map(capitalize).join(''),
    displayName: words.map(capitalize).join(' '),
    connector: `source-${id}-candles`,
    packageName: `@korea-candles/source-${id}-candles`,
    dockerRepository: `korea-candles/source-${id}-candles`,
    docPath: `docs/sources/${id}-candles.md`,
  };
}

function validateExchangeId(rawId: string | undefined): string {
  const fail = (why: string): never => {
    throw new NewConnectorUsageError(`exchange id ${JSON.stringify(rawId ?? '')} ${why}`);
  };
  if (rawId === undefined || rawId === '') {
    throw new NewConnectorUsageError(
      'missing the exchange id: npm run new-connector -- <exchange>, e.g. npm run new-connector -- coinone'
    );
  }
  if (rawId.length > MAX_ID_LENGTH) fail(`is longer than ${MAX_ID_LENGTH} characters`);
  const bare = /^source-|-candles$/.test(rawId)
    ? rawId.replace(/^source-/, '').replace(/-candles$/, '')
    : undefined;
  if (bare !== undefined) {
    fail(`names the package, not the exchange: give the bare id, e.g. "${bare || 'coinone'}"`);
  }
  if (!ID.test(rawId)) {
    fail(
      'is not a valid exchange id: use lower-case letters, digits and single hyphens, ' +
        'starting with a letter and not ending with a hyphen (e.g. coinone, gopax)'
    );
  }
  if (RESERVED.has(rawId)) fail("is reserved in this repository; choose the exchange's own name");
  if (JS_RESERVED.has(rawId)) {
    fail('is a JavaScript reserved word and cannot name the exported definition');
  }
  return rawId;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
