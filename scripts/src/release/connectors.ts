import type {GitRepo} from './git';

const METADATA_PATH = /^packages\/([^/]+)\/metadata\.yaml$/;

export interface ConnectorRef {
  /** Folder name under packages/, e.g. source-upbit-candles. */
  connector: string;
  dir: string;
  metadataPath: string;
}

/** Connectors are the packages that carry a metadata.yaml at that commit. */
export function listConnectors(git: GitRepo, commit: string): ConnectorRef[] {
  return git
    .listFiles(commit, 'packages')
    .map((file) => METADATA_PATH.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({connector: m[1] as string, dir: `packages/${m[1]}`, metadataPath: m[0]}))
    .sort((a, b) => a.connector.localeCompare(b.connector));
}
