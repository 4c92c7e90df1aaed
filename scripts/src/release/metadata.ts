import semver from 'semver';
import YAML from 'yaml';
import {z} from 'zod';

import type {Problem} from './problem';

/**
 * The one reader of a connector's metadata.yaml (the release checks and airbyte-register both
 * use it): the project's own subset of Airbyte's metadata schema, as zod. Objects are strict,
 * so a field Airbyte does not know (or a misspelt one) is reported rather than ignored.
 */
const releaseVersion = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-rc\.(0|[1-9]\d*))?$/);
const dockerRepository = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$/);
const allowedHosts = z.strictObject({hosts: z.array(z.string().min(1)).optional()});
const suggestedStreams = z.strictObject({streams: z.array(z.string().min(1)).optional()});
const registryOverrides = z.strictObject({
  enabled: z.boolean(),
  name: z.string().optional(),
  dockerRepository: dockerRepository.optional(),
  dockerImageTag: releaseVersion.optional(),
  license: z.string().optional(),
  documentationUrl: z.url().optional(),
  connectorSubtype: z.string().optional(),
  allowedHosts: allowedHosts.optional(),
  suggestedStreams: suggestedStreams.optional(),
});
const breakingChange = z.strictObject({
  upgradeDeadline: z.iso.date(),
  message: z.string().min(1),
  deadlineAction: z.enum(['auto_upgrade', 'disable']).optional(),
  migrationDocumentationUrl: z.url().optional(),
  scopedImpact: z
    .array(
      z.strictObject({
        scopeType: z.literal('stream'),
        impactedScopes: z.array(z.string()).min(1),
      })
    )
    .min(1)
    .optional(),
});
const percent = z.int().min(0).max(100);

/** What airbyte-register reads; the release checks require the rest of `data` too. */
const imageFields = {
  name: z.string().min(1),
  dockerRepository,
  dockerImageTag: releaseVersion,
  documentationUrl: z.url(),
};

const data = z.strictObject({
  ...imageFields,
  icon: z.string().optional(),
  definitionId: z.guid(),
  connectorBuildOptions: z
    .strictObject({
      baseImage: z
        .string()
        .regex(/^[^@\s]+:[^@\s]+@sha256:[0-9a-f]{64}$/)
        .optional(),
    })
    .optional(),
  connectorType: z.enum(['destination', 'source']),
  license: z.enum(['MIT', 'ELv2']),
  externalDocumentationUrls: z.array(z.strictObject({title: z.string(), url: z.url()})).optional(),
  githubIssueLabel: z.string().min(1),
  maxSecondsBetweenMessages: z.int().min(1).optional(),
  releaseDate: z.iso.date().optional(),
  protocolVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional(),
  erdUrl: z.string().optional(),
  connectorSubtype: z.enum([
    'api',
    'database',
    'datalake',
    'file',
    'custom',
    'message_queue',
    'unknown',
    'vectorstore',
  ]),
  releaseStage: z.enum(['alpha', 'beta', 'generally_available', 'custom']),
  supportLevel: z.enum(['community', 'certified', 'archived']).optional(),
  tags: z
    .array(z.string().regex(/^[^:\s]+:\S+$/, 'must be key:value'))
    .refine((tags) => tags.some((t) => t.startsWith('language:')), 'must include a language: tag')
    .refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag')
    .optional(),
  registryOverrides: z
    .strictObject({oss: registryOverrides.optional(), cloud: registryOverrides.optional()})
    .optional(),
  allowedHosts: allowedHosts.optional(),
  releases: z
    .strictObject({
      rolloutConfiguration: z
        .strictObject({
          enableProgressiveRollout: z.boolean().optional(),
          initialPercentage: percent.optional(),
          maxPercentage: percent.optional(),
          advanceDelayMinutes: z.int().min(10).optional(),
        })
        .optional(),
      breakingChanges: z
        .record(z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version X.Y.Z'), breakingChange)
        .refine((changes) => Object.keys(changes).length > 0, 'must list at least one version')
        .optional(),
      migrationDocumentationUrl: z.url().optional(),
    })
    .optional(),
  suggestedStreams: suggestedStreams.optional(),
  ab_internal: z
    .strictObject({
      sl: z.union([z.literal(0), z.literal(100), z.literal(200), z.literal(300)]).optional(),
      ql: z.union([0, 100, 200, 300, 400, 500, 600].map((n) => z.literal(n))).optional(),
      isEnterprise: z.boolean().optional(),
      requireVersionIncrementsInPullRequests: z.boolean().optional(),
    })
    .optional(),
  supportsRefreshes: z.boolean().optional(),
  supportsFileTransfer: z.boolean().optional(),
  supportsDataActivation: z.boolean().optional(),
});

const metadataSchema = z.strictObject({metadataSpecVersion: z.literal('1.0'), data});

/** The fields of `data` airbyte-register needs; any other field is left to the release checks. */
export const imageMetadataSchema = z.object({data: z.object(imageFields)});

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

/** Canonical semver only: `semver.valid` alone also accepts `v1.2.3` and `=1.2.3`. */
export function isCanonicalSemver(v: string): boolean {
  return semver.valid(v) === v;
}

/** `data.tags[0]`: the path as a reader writes it. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');
}

/** One zod issue as problems: what is wrong with which field, and what to write instead. */
export function metadataProblems(file: string, issue: z.core.$ZodIssue): Problem[] {
  const base = fieldPath(issue.path) || '(top level)';
  const under = (key: string) => (base === '(top level)' ? key : `${base}.${key}`);
  if (
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
    issue.input === undefined
  ) {
    const key = String(issue.path[issue.path.length - 1] ?? '(file)');
    return [
      {
        file,
        field: base,
        message: 'is required',
        fix: `add ${key} (see packages/source-upbit-candles/metadata.yaml for an example)`,
      },
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        field: under(key),
        message: 'is not a field of the Airbyte metadata schema',
        fix:
          key === 'registries'
            ? 'rename it to registryOverrides (Airbyte renamed the field)'
            : `remove it, or check its spelling against docs/release.md#metadata`,
      }));
    case 'invalid_type':
      return [
        {
          file,
          field: base,
          message: `must be a ${issue.expected}`,
          fix: base.endsWith('dockerImageTag')
            ? 'quote the version in YAML, e.g. dockerImageTag: "1.10.0"'
            : `write a value of type ${issue.expected}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          file,
          field: base,
          message: 'is not an allowed value',
          fix: `use one of: ${issue.values.map(String).join(', ')}`,
        },
      ];
    default:
      return [
        {
          file,
          field: base,
          message: issue.message,
          fix: base.endsWith('dockerImageTag')
            ? 'use a release version X.Y.Z (or X.Y.Z-rc.N); CI adds -dev suffixes itself'
            : base.startsWith('data.tags')
              ? 'write every tag as key:value and include a language: tag, e.g. language:typescript'
              : 'correct the value to match the metadata schema (scripts/src/release/metadata.ts)',
        },
      ];
  }
}

/** Parses metadata.yaml text; a syntax error is a problem, not an exception. */
export function readMetadataYaml(text: string, file: string): {doc?: unknown; problems: Problem[]} {
  try {
    return {doc: YAML.parse(text), problems: []};
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
}

/** Parse and validate a metadata.yaml; `file` names it in problems. */
export function parseMetadata(text: string, file: string): ParsedMetadata {
  const {doc, problems} = readMetadataYaml(text, file);
  if (problems.length > 0) return {problems};
  const result = metadataSchema.safeParse(doc, {reportInput: true});
  if (!result.success) {
    problems.push(...result.error.issues.flatMap((issue) => metadataProblems(file, issue)));
  }
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
