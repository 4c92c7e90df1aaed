import Ajv from 'ajv';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import YAML from 'yaml';

import type {Problem} from './problem';

/** The project's own subset of Airbyte's metadata schema (see the file's description). */
export const METADATA_SCHEMA_PATH = path.join(
  __dirname,
  '..',
  '..',
  'resources',
  'connector-metadata.schema.json'
);

export interface ConnectorMetadata {
  name: string;
  dockerRepository: string;
  /** Always a string: YAML's `1.10` would otherwise be the number 1.1. */
  dockerImageTag: string;
  breakingChangeVersions: string[];
  requireVersionIncrements: boolean;
}

export interface ParsedMetadata {
  metadata?: ConnectorMetadata;
  problems: Problem[];
}

type Validate = ((doc: unknown) => boolean) & {errors?: AjvError[] | null};
interface AjvError {
  keyword: string;
  dataPath: string;
  message?: string;
  params: Record<string, unknown>;
}

let validator: Validate | undefined;
function validate(doc: unknown): AjvError[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(METADATA_SCHEMA_PATH, 'utf8'));
    validator = new Ajv({allErrors: true, format: 'full'}).compile(schema) as Validate;
  }
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

/** Canonical semver only: `semver.valid` alone also accepts `v1.2.3` and `=1.2.3`. */
export function isCanonicalSemver(v: string): boolean {
  return semver.valid(v) === v;
}

function schemaProblem(file: string, e: AjvError): Problem {
  const base = e.dataPath.replace(/^\./, '').replace(/\['([^']+)'\]/g, '.$1') || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      return {
        file,
        field: base === '(top level)' ? key : `${base}.${key}`,
        message: 'is not a field of the Airbyte metadata schema',
        fix:
          key === 'registries'
            ? 'rename it to registryOverrides (Airbyte renamed the field)'
            : `remove it, or check its spelling against docs/release.md#metadata`,
      };
    }
    case 'required': {
      const key = String(e.params.missingProperty);
      return {
        file,
        field: base === '(top level)' ? key : `${base}.${key}`,
        message: 'is required',
        fix: `add ${key} (see packages/source-upbit-candles/metadata.yaml for an example)`,
      };
    }
    case 'enum':
      return {
        file,
        field: base,
        message: e.message ?? 'is not an allowed value',
        fix: `use one of: ${(e.params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'type':
      return {
        file,
        field: base,
        message: e.message ?? 'has the wrong type',
        fix: base.endsWith('dockerImageTag')
          ? 'quote the version in YAML, e.g. dockerImageTag: "1.10.0"'
          : `write a value of type ${String(e.params.type)}`,
      };
    default:
      return {
        file,
        field: base,
        message: e.message ?? `fails the ${e.keyword} rule`,
        fix: base.endsWith('dockerImageTag')
          ? 'use a release version X.Y.Z (or X.Y.Z-rc.N); CI adds -dev suffixes itself'
          : base.startsWith('data.tags')
            ? 'write every tag as key:value and include a language: tag, e.g. language:typescript'
            : 'correct the value to match the metadata schema (scripts/resources/connector-metadata.schema.json)',
      };
  }
}

/** Parse and validate a metadata.yaml; `file` names it in problems. */
export function parseMetadata(text: string, file: string): ParsedMetadata {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    return {
      problems: [
        {
          file,
          field: '(file)',
          message: `is not valid YAML: ${(err as Error).message}`,
          fix: 'fix the YAML syntax',
        },
      ],
    };
  }
  const problems = validate(doc).map((e) => schemaProblem(file, e));
  const data = (doc as {data?: Record<string, unknown>} | null)?.data;
  if (!data || typeof data !== 'object') return {problems};

  const tag = data.dockerImageTag === undefined ? '' : String(data.dockerImageTag);
  if (tag !== '' && !isCanonicalSemver(tag)) {
    problems.push({
      file,
      field: 'data.dockerImageTag',
      message: `"${tag}" is not canonical semver`,
      fix: `write it as X.Y.Z${semver.valid(tag) ? `, i.e. ${semver.valid(tag)}` : ''} (quoted if YAML could read it as a number)`,
    });
  }
  const releases = data.releases as {breakingChanges?: Record<string, unknown>} | undefined;
  const abInternal = data.ab_internal as
    {requireVersionIncrementsInPullRequests?: boolean} | undefined;
  return {
    problems,
    metadata: {
      name: String(data.name ?? ''),
      dockerRepository: String(data.dockerRepository ?? ''),
      dockerImageTag: tag,
      breakingChangeVersions: Object.keys(releases?.breakingChanges ?? {}),
      requireVersionIncrements: abInternal?.requireVersionIncrementsInPullRequests !== false,
    },
  };
}
