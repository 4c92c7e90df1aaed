import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {formatProblem} from '../release/problem';
import {imageMetadataSchema, metadataProblems, readMetadataYaml} from '../release/metadata';
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
  const {doc, problems} = readMetadataYaml(readFileSync(metadataPath, 'utf8'), metadataPath);
  const result = imageMetadataSchema.safeParse(doc, {reportInput: true});
  if (problems.length === 0 && !result.success) {
    problems.push(...result.error.issues.flatMap((issue) => metadataProblems(metadataPath, issue)));
  }
  if (problems.length > 0 || !result.success) {
    throw new CliError(
      `${metadataPath} lacks what Airbyte needs (data.name, data.dockerRepository, data.dockerImageTag, data.documentationUrl):\n` +
        problems.map(formatProblem).join('\n')
    );
  }
  const data = result.data.data;
  return {
    name: overrides.name ?? data.name,
    dockerRepository: overrides.imageRegistry
      ? `${overrides.imageRegistry}/${data.dockerRepository}`
      : data.dockerRepository,
    dockerImageTag: overrides.tag ?? data.dockerImageTag,
    documentationUrl: data.documentationUrl,
    metadataPath,
  };
}
