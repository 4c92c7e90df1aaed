import {parseWithMarkedNumbers} from './marked-numbers';

/**
 * A JSON number kept as the exact text the server sent. Exchanges send KRW traded values
 * such as 37189906239683.17623 that a float64 cannot hold, so numbers are never turned into
 * JavaScript numbers on the way in; zod schemas decide what each one becomes.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type ReviverContext = {source?: string};

const toJsonNumber = (text: string) => new JsonNumber(text);

/**
 * JSON.parse with every number kept as a JsonNumber: by marked-numbers.ts when it can, else
 * with the reviver's source-text access (native in Node.js 21+).
 */
export function parseJsonExact(text: string): unknown {
  return parseWithMarkedNumbers(text, toJsonNumber) ?? parseWithReviver(text);
}

function parseWithReviver(text: string): unknown {
  return JSON.parse(text, function (_key, value, context?: ReviverContext) {
    if (typeof value === 'number') {
      if (context?.source === undefined) {
        throw new Error('JSON source-text access is unavailable: run on Node.js 24 or newer');
      }
      return new JsonNumber(context.source);
    }
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}
