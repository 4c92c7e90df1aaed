/** READ record rules: stream membership, schema conformance (strict integers), timestamps. */
import {formatAjvErrors, isSchemaObject, schemaAtPath, typesOf} from '../json-schema-tools';
import {integralFloatPathsOf} from '../parse-messages';
import {at, indexed, recordStreamKey} from './common';
import {describeConfigured, type ReadContext} from './read-context';

/** Epoch ms between 2001-09-09 and 5138: anything smaller is almost surely seconds. */
const MIN_EPOCH_MS = 1e12;
const MAX_EPOCH_MS = 1e14;

/** faros-airbyte-cdk adds these bookkeeping keys; they must never reach a destination. */
const FAROS_KEY_PREFIX = '__faros_';

export function checkRecords(ctx: ReadContext): string[] {
  const violations: string[] = [];
  for (const {index, message} of indexed(ctx.messages, 'RECORD')) {
    const {record} = message;
    const key = recordStreamKey(record);
    const fail = (detail: string): void => void violations.push(at(index, message, detail, key));
    const info = ctx.streams.get(key);
    if (info === undefined) {
      fail(`stream is not in the configured catalog (configured: ${describeConfigured(ctx)})`);
      continue;
    }
    if (
      !Number.isInteger(record.emitted_at) ||
      record.emitted_at < MIN_EPOCH_MS ||
      record.emitted_at > MAX_EPOCH_MS
    ) {
      fail(`emitted_at ${record.emitted_at} is not an epoch-milliseconds integer (Date.now())`);
    }
    const schema = info.configured.stream.json_schema;
    if (info.validate !== undefined && !info.validate(record.data)) {
      fail(
        `data does not match the stream json_schema: ${formatAjvErrors(info.validate.errors, 'data')}`
      );
    }
    for (const path of integralFloatPathsOf(message)) {
      const field = schemaAtPath(schema, path);
      if (
        field !== undefined &&
        typesOf(field).includes('integer') &&
        !typesOf(field).includes('number')
      ) {
        fail(
          `data.${path.join('.')} is written as a float but the schema says integer; write it without a fraction`
        );
      }
    }
    if (isSchemaObject(schema.properties)) {
      const declared = Object.keys(schema.properties);
      if (declared.length > 0 && !Object.keys(record.data).some((k) => declared.includes(k))) {
        fail('data shares no field with the stream json_schema');
      }
    }
    const farosPath = findFarosKey(record.data, []);
    if (farosPath !== undefined)
      fail(`data.${farosPath} is a faros-airbyte-cdk internal key; strip it before emitting`);
  }
  return violations;
}

function findFarosKey(value: unknown, path: string[]): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findFarosKey(item, [...path, String(i)]);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith(FAROS_KEY_PREFIX)) return [...path, key].join('.');
      const found = findFarosKey(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
