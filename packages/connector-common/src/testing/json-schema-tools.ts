/**
 * Draft-07 JSON Schema helpers shared by the SPEC, DISCOVER and READ checks: an ajv instance
 * configured like CAT validates (draft-07, standard formats, Airbyte's extra keywords allowed)
 * and walkers over schema nodes and property paths.
 */
import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with `exports.default`; under nodenext the default import is the module object.
const addFormats =
  (addFormatsModule as unknown as {default: typeof addFormatsModule}).default ?? addFormatsModule;

export type JsonSchema = Record<string, unknown>;

export function newAjv(): Ajv {
  // strict:false: Airbyte schemas carry non-standard keywords (airbyte_secret, order, airbyte_type).
  const ajv = new Ajv({strict: false, allErrors: true, validateFormats: true});
  addFormats(ajv);
  return ajv;
}

let shared: Ajv | undefined;

/**
 * One ajv for schemas without `$id` (it caches compiled schemas, and compiling dominates the
 * checks' run time); schemas with an `$id` get their own, as ajv refuses two schemas with one id.
 */
export function ajvFor(schema: JsonSchema): Ajv {
  if ('$id' in schema) return newAjv();
  return (shared ??= newAjv());
}

export type CompileResult =
  {validate: ValidateFunction; problems: []} | {validate?: undefined; problems: string[]};

/** Checks `schema` against the draft-07 meta-schema, then compiles it (which resolves every $ref). */
export function compileDraft07(schema: JsonSchema, ajv: Ajv = ajvFor(schema)): CompileResult {
  const declared = schema.$schema;
  if (
    declared !== undefined &&
    !/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/.test(String(declared))
  ) {
    return {
      problems: [`$schema is ${JSON.stringify(declared)}; Airbyte validates draft-07 schemas`],
    };
  }
  if (!ajv.validateSchema(schema)) {
    return {problems: [`not a valid draft-07 schema: ${formatAjvErrors(ajv.errors)}`]};
  }
  try {
    return {validate: ajv.compile(schema), problems: []};
  } catch (err) {
    return {problems: [`schema does not compile: ${(err as Error).message}`]};
  }
}

/** `data.close must be string; data must have required property 'market'` (dotted paths under `root`). */
export function formatAjvErrors(errors: ErrorObject[] | null | undefined, root = '(root)'): string {
  return (errors ?? [])
    .map((e) => `${root}${e.instancePath.replace(/\//g, '.')} ${e.message ?? e.keyword}`)
    .join('; ');
}

export function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The types a schema node allows, whether `type` is a string or an array. */
export function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

export interface SchemaVisit {
  node: JsonSchema;
  /** JSON-pointer-like location inside the root schema, e.g. `properties.api_key`. */
  location: string;
}

/** Keywords whose value is one subschema or a list of them. */
const SINGLE = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'additionalItems',
];
const LIST = ['oneOf', 'anyOf', 'allOf', 'items', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

/** Every schema node reachable from `root`, depth first, root included. */
export function walkSchema(root: JsonSchema): SchemaVisit[] {
  const visits: SchemaVisit[] = [];
  const visit = (node: JsonSchema, location: string): void => {
    visits.push({node, location});
    const at = (suffix: string): string => (location === '' ? suffix : `${location}.${suffix}`);
    for (const key of SINGLE) {
      const child = node[key];
      if (isSchemaObject(child)) visit(child, at(key));
    }
    for (const key of LIST) {
      const child = node[key];
      if (Array.isArray(child)) {
        child.forEach((item, i) => {
          if (isSchemaObject(item)) visit(item, at(`${key}[${i}]`));
        });
      }
    }
    for (const key of MAP) {
      const child = node[key];
      if (isSchemaObject(child)) {
        for (const [name, item] of Object.entries(child)) {
          if (isSchemaObject(item)) visit(item, at(`${key}.${name}`));
        }
      }
    }
  };
  visit(root, '');
  return visits;
}

/**
 * The subschema describing a field path of the data (`['a','b']` = data.a.b), following
 * `properties` (and `items` for numeric array indexes); undefined when the schema does not
 * declare the path.
 */
export function schemaAtPath(root: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    const properties: unknown = node.properties;
    if (isSchemaObject(properties) && isSchemaObject(properties[segment])) {
      node = properties[segment] as JsonSchema;
    } else if (/^\d+$/.test(segment) && isSchemaObject(node.items)) {
      node = node.items;
    } else {
      return undefined;
    }
  }
  return node;
}
