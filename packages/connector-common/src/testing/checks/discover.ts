/**
 * DISCOVER rules: CAT TestDiscovery plus the incremental metadata the platform needs to offer
 * incremental sync (source-defined cursor, default cursor, resumability).
 */
import type {AirbyteCatalog, AirbyteMessage, AirbyteStream} from '../protocol-schemas';
import {compileDraft07, schemaAtPath, typesOf, walkSchema} from '../json-schema-tools';
import {exactlyOne, exitCodeZero, streamKey} from './common';

export function checkDiscover(
  messages: readonly AirbyteMessage[],
  options: {exitCode: number}
): string[] {
  const violations = [...exitCodeZero('discover', options.exitCode)];
  const {found, violations: countViolations} = exactlyOne(messages, 'CATALOG', 'discover');
  violations.push(...countViolations);
  if (found === undefined) return violations;
  violations.push(
    ...checkCatalog(found.message.catalog).map((v) => `message[${found.index}] CATALOG: ${v}`)
  );
  return violations;
}

/** The catalog emitted by the last `discover`, or undefined. */
export function catalogFrom(messages: readonly AirbyteMessage[]): AirbyteCatalog | undefined {
  const catalogs = messages.filter((m) => m.type === 'CATALOG');
  const last = catalogs[catalogs.length - 1];
  return last?.type === 'CATALOG' ? last.catalog : undefined;
}

export function checkCatalog(catalog: AirbyteCatalog): string[] {
  const violations: string[] = [];
  if (catalog.streams.length === 0)
    violations.push('streams is empty; discover must return at least one stream');
  const seen = new Set<string>();
  for (const stream of catalog.streams) {
    const key = streamKey(stream);
    if (seen.has(key)) violations.push(`stream "${key}": duplicate stream name`);
    seen.add(key);
    violations.push(...checkStream(stream).map((v) => `stream "${key}": ${v}`));
  }
  return violations;
}

function checkStream(stream: AirbyteStream): string[] {
  const violations: string[] = [];
  const schema = stream.json_schema;
  violations.push(...compileDraft07(schema).problems.map((p) => `json_schema ${p}`));
  if (!typesOf(schema).includes('object')) violations.push('json_schema must have type "object"');
  for (const {node, location} of walkSchema(schema)) {
    const here = `json_schema${location === '' ? '' : `.${location}`}`;
    for (const keyword of ['allOf', 'not']) {
      if (keyword in node)
        violations.push(`${here}: keyword "${keyword}" is not allowed in a stream schema`);
    }
    if ('additionalProperties' in node && node.additionalProperties !== true) {
      violations.push(`${here}: additionalProperties must be true when present`);
    }
  }

  if (stream.supported_sync_modes.length === 0)
    violations.push('supported_sync_modes must not be empty');
  if (new Set(stream.supported_sync_modes).size !== stream.supported_sync_modes.length) {
    violations.push('supported_sync_modes has duplicates');
  }

  const cursor = stream.default_cursor_field;
  if (cursor !== undefined) {
    if (cursor.length === 0) violations.push('default_cursor_field is an empty path');
    else if (schemaAtPath(schema, cursor) === undefined) {
      violations.push(
        `default_cursor_field ${JSON.stringify(cursor)} is not a property of json_schema`
      );
    }
  }
  if (stream.supported_sync_modes.includes('incremental')) {
    if (stream.source_defined_cursor !== true) {
      violations.push('supports incremental but source_defined_cursor is not true');
    }
    if (cursor === undefined || cursor.length === 0) {
      violations.push('supports incremental but has no default_cursor_field');
    }
    if (stream.is_resumable !== true)
      violations.push('supports incremental but is_resumable is not true');
  } else if (stream.source_defined_cursor === true && cursor === undefined) {
    violations.push('source_defined_cursor is true but default_cursor_field is missing');
  }

  for (const path of stream.source_defined_primary_key ?? []) {
    const field = path.length === 0 ? undefined : schemaAtPath(schema, path);
    if (field === undefined) {
      violations.push(
        `source_defined_primary_key ${JSON.stringify(path)} is not a property of json_schema`
      );
    } else if (typesOf(field).some((t) => t === 'object' || t === 'array')) {
      violations.push(
        `source_defined_primary_key ${JSON.stringify(path)} has type ${JSON.stringify(field.type)}; primary key fields must be scalar`
      );
    }
  }
  return violations;
}
