import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {parse} from 'yaml';
import {z} from 'zod';
import {CliError, UsageError} from './errors';

/** What Airbyte needs to know about one connector image. */
export interface ConnectorImage {
  name: string;
  /** Repository as Airbyte pulls it: registry prefix included. */
  dockerRepository: string;
  dockerImageTag: string;
  documentationUrl: string;
  /** The metadata.yaml it came from, for messages. */
  metadataPath: string;
}

const metadataSchema = z.object({
  data: z.object({
    name: z.string().trim().min(1),
    dockerRepository: z.string().trim().min(1),
    dockerImageTag: z.string().trim().min(1),
    documentationUrl: z.url(),
  }),
});

export interface ImageOverrides {
  imageRegistry?: string;
  tag?: string;
  name?: string;
}

export function resolveMetadataPath(connector: string): string {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(connector).isDirectory();
  } catch {
    throw new UsageError(
      `connector "${connector}" not found: pass a package directory or its metadata.yaml`
    );
  }
  const path = isDirectory ? join(connector, 'metadata.yaml') : connector;
  if (isDirectory) {
    try {
      statSync(path);
    } catch {
      throw new UsageError(`${connector} has no metadata.yaml: is it a connector package?`);
    }
  }
  return path;
}

export function readConnectorImage(connector: string, overrides: ImageOverrides): ConnectorImage {
  const metadataPath = resolveMetadataPath(connector);
  let raw: unknown;
  try {
    // The failsafe schema keeps every scalar as the text written: an unquoted tag `1.10` stays
    // "1.10" instead of becoming the number 1.1.
    raw = parse(readFileSync(metadataPath, 'utf8'), {schema: 'failsafe'});
  } catch (err) {
    throw new CliError(`${metadataPath} is not valid YAML: ${(err as Error).message}`);
  }
  const result = metadataSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new CliError(
      `${metadataPath} lacks what Airbyte needs (data.name, data.dockerRepository, data.dockerImageTag, data.documentationUrl): ${issues}`
    );
  }
  const data = result.data.data;
  const repository = data.dockerRepository.replace(/^\/+/, '');
  return {
    name: overrides.name ?? data.name,
    dockerRepository: overrides.imageRegistry
      ? `${overrides.imageRegistry}/${repository}`
      : repository,
    dockerImageTag: String(overrides.tag ?? data.dockerImageTag),
    documentationUrl: data.documentationUrl,
    metadataPath,
  };
}
