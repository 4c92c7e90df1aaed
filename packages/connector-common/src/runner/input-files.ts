import {readFileSync} from 'node:fs';

import {ConfigError} from '../errors/connector-error';

/**
 * Reads a JSON input file (config, catalog, state). The CDK require()s these, which needs
 * a `.json` name and caches the file; here any path works and errors say what to fix.
 * A UTF-8 byte order mark (written by some Windows editors) is skipped.
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read the ${what} file ${path}${code ? ` (${code})` : ''}.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`The ${what} file ${path} is not valid JSON: ${(err as Error).message}.`);
  }
}
