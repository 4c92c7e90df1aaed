import {JsonNumber, parseJsonExact} from '../json/json-number';
import {airbyteMessageSchema, describeIssues, type AirbyteMessage} from './protocol-schemas';

export interface ParsedMessages {
  /** Every line that parsed as a valid AirbyteMessage, in order. */
  messages: AirbyteMessage[];
  /** 1-based stdout line of each entry of `messages`. */
  lines: number[];
  /** One entry per line that is not exactly one valid AirbyteMessage. */
  violations: string[];
}

/**
 * Record-data paths whose number was written with a fraction or exponent (`5.0`, `1e3`) but
 * whose value is integral. JSON.parse makes those indistinguishable from `5`, yet CAT (Python)
 * and typed destinations treat them as floats, so `type: integer` must reject them.
 */
const integralFloatPaths = new WeakMap<object, string[][]>();

export function integralFloatPathsOf(message: AirbyteMessage): string[][] {
  return integralFloatPaths.get(message) ?? [];
}

/**
 * Splits connector stdout into AirbyteMessages. The protocol allows nothing else on stdout:
 * each line must be one JSON object that validates as a message (CAT parses every line and a
 * stray console.log fails it).
 */
export function parseMessages(stdout: string): ParsedMessages {
  const result: ParsedMessages = {messages: [], lines: [], violations: []};
  const rawLines = stdout.split('\n');
  // A trailing newline after the last message is expected, not an empty message.
  if (rawLines[rawLines.length - 1] === '') rawLines.pop();

  rawLines.forEach((raw, i) => {
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      result.violations.push(
        `line ${line}: not JSON (${(err as Error).message}): ${truncate(raw)}; ` +
          'stdout must carry only AirbyteMessages, send logs to stderr or as LOG messages'
      );
      return;
    }
    if (isObject(value) && value.type === 'DESTINATION_CATALOG') {
      result.violations.push(
        `line ${line}: DESTINATION_CATALOG is destination-only; a source must not emit it`
      );
      return;
    }
    const parsed = airbyteMessageSchema.safeParse(value);
    if (!parsed.success) {
      const kind = isObject(value) && typeof value.type === 'string' ? `${value.type} ` : '';
      result.violations.push(
        `line ${line}: invalid ${kind}AirbyteMessage: ${describeIssues(parsed.error).join('; ')}`
      );
      return;
    }
    const message = parsed.data;
    if (message.type === 'RECORD' && /\d[.eE]/.test(raw)) {
      const paths = findIntegralFloats(raw);
      if (paths.length > 0) integralFloatPaths.set(message, paths);
    }
    result.messages.push(message);
    result.lines.push(line);
  });
  return result;
}

function findIntegralFloats(raw: string): string[][] {
  const exact = parseJsonExact(raw) as {record?: {data?: unknown}};
  const found: string[][] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (value instanceof JsonNumber) {
      if (/[.eE]/.test(value.text) && Number.isInteger(Number(value.text))) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, String(index)]));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(exact.record?.data, []);
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
