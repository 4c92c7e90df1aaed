/**
 * SPEC rules: CAT TestSpec (3.9.x) as condensed in our conformance checklist. The UI renders
 * connectionSpecification, so the rules are about forms a person fills in: every field
 * titled and described, secrets masked, no keywords the form builder cannot render.
 */
import semver from 'semver';

import type {AirbyteMessage} from '../protocol-schemas';
import {
  compileDraft07,
  formatAjvErrors,
  isSchemaObject,
  typesOf,
  walkSchema,
  type JsonSchema,
} from '../json-schema-tools';
import {exactlyOne, exitCodeZero} from './common';

/** Property names CAT treats as secrets (lower-cased compare). */
export const SECRET_PROPERTY_NAMES = [
  'client_token',
  'access_token',
  'api_token',
  'token',
  'secret',
  'client_secret',
  'password',
  'key',
  'service_account_info',
  'service_account',
  'tenant_id',
  'certificate',
  'jwt',
  'credentials',
  'app_id',
  'appid',
  'refresh_token',
];

/** Keywords the Airbyte form builder cannot render (forbidden unless used as a property name). */
export const FORBIDDEN_SPEC_KEYWORDS = [
  'not',
  'anyOf',
  'patternProperties',
  'prefixItems',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
];

export interface SpecCheckOptions {
  exitCode: number;
  /** A config that must validate against connectionSpecification (keys starting `_` ignored). */
  config?: Record<string, unknown>;
}

export function checkSpec(
  messages: readonly AirbyteMessage[],
  options: SpecCheckOptions
): string[] {
  const violations = [...exitCodeZero('spec', options.exitCode)];
  const {found, violations: countViolations} = exactlyOne(messages, 'SPEC', 'spec');
  violations.push(...countViolations);
  if (found === undefined) return violations;
  const {spec} = found.message;
  const where = `message[${found.index}] SPEC`;

  if (spec.protocol_version !== undefined) {
    const version = semver.coerce(spec.protocol_version);
    if (semver.valid(spec.protocol_version) === null || version === null || version.major !== 0) {
      violations.push(
        `${where}: protocol_version "${spec.protocol_version}" must be a 0.x semver (the platform rejects other majors)`
      );
    }
  }

  const root = spec.connectionSpecification;
  const compiled = compileDraft07(root);
  violations.push(...compiled.problems.map((p) => `${where}: connectionSpecification ${p}`));
  if (!typesOf(root).includes('object')) {
    violations.push(`${where}: connectionSpecification must have type "object"`);
  }
  violations.push(...specSchemaRules(root).map((p) => `${where}: connectionSpecification.${p}`));

  if (options.config !== undefined && compiled.validate !== undefined) {
    const config = Object.fromEntries(
      Object.entries(options.config).filter(([k]) => !k.startsWith('_'))
    );
    if (!compiled.validate(config)) {
      violations.push(
        `${where}: the valid test config does not validate against connectionSpecification: ` +
          formatAjvErrors(compiled.validate.errors, 'config')
      );
    }
  }
  return violations;
}

/** Structural rules over every node of the connection specification; strings start with the node location. */
export function specSchemaRules(root: JsonSchema): string[] {
  const problems: string[] = [];
  for (const {node, location} of walkSchema(root)) {
    const here = location === '' ? '(root)' : location;
    for (const keyword of FORBIDDEN_SPEC_KEYWORDS) {
      if (keyword in node) problems.push(`${here}: keyword "${keyword}" is not allowed in a spec`);
    }
    if ('$ref' in node) problems.push(`${here}: unresolved $ref; inline the definition`);
    if ('additionalProperties' in node && node.additionalProperties !== true) {
      problems.push(`${here}: additionalProperties must be true when present`);
    }
    problems.push(...typeArrayRule(node, here));
    if (
      Array.isArray(node.enum) &&
      new Set(node.enum.map((v) => JSON.stringify(v))).size !== node.enum.length
    ) {
      problems.push(`${here}: enum values must be unique`);
    }
    const types = typesOf(node);
    if (
      location !== '' &&
      types.includes('object') &&
      !isSchemaObject(node.properties) &&
      !Array.isArray(node.oneOf)
    ) {
      problems.push(
        `${here}: an object field needs "properties" (or "oneOf"); empty objects cannot be rendered`
      );
    }
    if (types.includes('array')) problems.push(...arrayItemsRule(node, here));
    if (Array.isArray(node.oneOf)) problems.push(...oneOfRule(node, here));
    if (isSchemaObject(node.properties)) {
      for (const [name, property] of Object.entries(node.properties)) {
        if (!isSchemaObject(property)) continue;
        problems.push(
          ...propertyRules(
            name,
            property,
            `${location === '' ? '' : `${location}.`}properties.${name}`
          )
        );
      }
    }
  }
  return problems;
}

function typeArrayRule(node: JsonSchema, here: string): string[] {
  const type = node.type;
  if (!Array.isArray(type)) return [];
  const ok =
    (type.length === 1 && type[0] !== 'null') ||
    (type.length === 2 && type[0] !== 'null' && type[1] === 'null');
  return ok ? [] : [`${here}: type ${JSON.stringify(type)} must be [T] or [T, "null"]`];
}

function arrayItemsRule(node: JsonSchema, here: string): string[] {
  const items = node.items;
  if (!isSchemaObject(items)) return [`${here}: an array field needs "items" as a single schema`];
  const itemTypes = typesOf(items);
  const renderable = ['object', 'string', 'number', 'integer'];
  if (!Array.isArray(items.enum) && !itemTypes.some((t) => renderable.includes(t))) {
    return [
      `${here}.items: items must be of type object, string, number or integer, or have an enum`,
    ];
  }
  return [];
}

function oneOfRule(node: JsonSchema, here: string): string[] {
  const problems: string[] = [];
  if (!typesOf(node).includes('object'))
    problems.push(`${here}: a field with oneOf must have type "object"`);
  const variants = (node.oneOf as unknown[]).filter(isSchemaObject);
  const propertySets = variants.map((v) =>
    isSchemaObject(v.properties) ? v.properties : undefined
  );
  if (propertySets.some((p) => p === undefined)) {
    problems.push(`${here}: every oneOf variant needs "properties"`);
    return problems;
  }
  const sets = propertySets as Array<Record<string, unknown>>;
  const common = Object.keys(sets[0] ?? {}).filter((key) => sets.every((props) => key in props));
  const discriminators = common.filter((key) =>
    sets.every((props) => isSchemaObject(props[key]) && 'const' in (props[key] as JsonSchema))
  );
  if (discriminators.length !== 1) {
    problems.push(
      `${here}: oneOf variants need exactly one common property with "const" in every variant (found ${discriminators.length})`
    );
  }
  for (const key of discriminators) {
    sets.forEach((props, i) => {
      const prop = props[key] as JsonSchema;
      if ('default' in prop && prop.default !== prop.const) {
        problems.push(`${here}.oneOf[${i}].properties.${key}: default must equal const`);
      }
      if (Array.isArray(prop.enum) && !(prop.enum.length === 1 && prop.enum[0] === prop.const)) {
        problems.push(`${here}.oneOf[${i}].properties.${key}: enum must be [const]`);
      }
    });
  }
  return problems;
}

function propertyRules(name: string, property: JsonSchema, here: string): string[] {
  const problems: string[] = [];
  if (typeof property.title !== 'string' || property.title.trim() === '') {
    problems.push(`${here}: needs a non-empty "title" (the form label)`);
  }
  if (typeof property.description !== 'string' || property.description.trim() === '') {
    problems.push(`${here}: needs a non-empty "description" (the form help text)`);
  }
  const secretName = SECRET_PROPERTY_NAMES.includes(name.toLowerCase());
  const scalar =
    typesOf(property).some((t) => ['string', 'integer', 'number'].includes(t)) &&
    !('const' in property);
  if (secretName && scalar && property.airbyte_secret !== true) {
    problems.push(
      `${here}: "${name}" holds a secret; set "airbyte_secret": true so the UI masks it`
    );
  }
  if (property.airbyte_secret === true && !scalar) {
    problems.push(`${here}: airbyte_secret is only for string/integer/number fields without const`);
  }
  return problems;
}
