import semver from 'semver';

import {listConnectors} from './connectors';
import {type GitRepo, isMissingBase} from './git';
import {parseMetadata} from './metadata';
import {ReleaseError} from './problem';
import type {ImageContents} from '../bundle/image-contents';
import {contentsOf} from './image-contents-at';
import {changesBetween, NO_CHANGES, shippedChanges} from './shipped-files';
import {MOVING_TAGS, devTag} from './tags';

export type Channel = 'dev' | 'prod';

export interface PlanEntry {
  connector: string;
  dir: string;
  /** metadata data.dockerRepository: the io.airbyte.name label. */
  name: string;
  /** metadata data.dockerImageTag: the io.airbyte.version label. */
  version: string;
  /** Repository path inside the registry (the registry host is prepended by the workflow). */
  repository: string;
  /** The immutable tag this run publishes. */
  tag: string;
  /** Comma-separated moving tags repointed at `tag` (empty for release candidates). */
  moving_tags: string;
  /** Why the connector is in the plan. */
  reason: string;
}

export interface ReleasePlan {
  any: boolean;
  matrix: {include: PlanEntry[]};
}

export interface PlanOptions {
  base?: string;
  head: string;
  channel: Channel;
  sha: string;
  runNumber: number;
  /** Dev images go to their own repositories so the dev role can never write prod ones. */
  repositoryPrefix?: string;
}

export const DEFAULT_REPOSITORY_PREFIX: Record<Channel, string> = {dev: 'dev/', prod: ''};

/**
 * Which connector images a push publishes. dev: every connector whose image contents (or version)
 * changed since base (`contents`: what each image carries at head, see image-contents-at.ts), tagged X.Y.Z-dev.<run>.g<sha7> plus `dev`. prod: every connector whose
 * version changed since base, tagged X.Y.Z plus `prod` and `latest` (not for -rc versions).
 * Without a base (first push of a branch) every connector is a candidate: publishing skips
 * version tags the registry already has.
 */
export function planRelease(
  git: GitRepo,
  opts: PlanOptions,
  contents: ReadonlyMap<string, ImageContents>
): ReleasePlan {
  const head = git.resolve(opts.head);
  const base = isMissingBase(opts.base) ? undefined : git.resolve(opts.base as string);
  const changes = base ? changesBetween(git, base, head) : NO_CHANGES;
  const prefix = opts.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX[opts.channel];
  const include: PlanEntry[] = [];

  for (const c of listConnectors(git, head)) {
    const {metadata, problems} = parseMetadata(
      git.readFile(head, c.metadataPath) ?? '',
      c.metadataPath
    );
    if (!metadata || problems.length > 0) {
      throw new ReleaseError(`cannot plan a release from invalid metadata`, problems);
    }
    const version = metadata.dockerImageTag;
    const baseText = base ? git.readFile(base, c.metadataPath) : undefined;
    const previous = baseText
      ? parseMetadata(baseText, c.metadataPath).metadata?.dockerImageTag
      : undefined;
    if (previous && semver.valid(previous) && semver.lt(version, previous)) {
      throw new ReleaseError(
        `${c.metadataPath}: data.dockerImageTag went down from ${previous} to ${version}; versions only go up`
      );
    }

    const reason = !base
      ? 'no base commit to compare with'
      : previous === undefined
        ? 'new connector'
        : previous !== version
          ? `version ${previous} -> ${version}`
          : opts.channel === 'dev' &&
              shippedChanges(contentsOf(contents, c.connector), changes).length > 0
            ? 'shipped files changed'
            : undefined;
    if (reason === undefined) continue;

    const isPrerelease = semver.prerelease(version) !== null;
    const tag = opts.channel === 'dev' ? devTag(version, opts.runNumber, opts.sha) : version;
    const moving = opts.channel === 'prod' && isPrerelease ? [] : MOVING_TAGS[opts.channel];
    include.push({
      connector: c.connector,
      dir: c.dir,
      name: metadata.dockerRepository,
      version,
      repository: `${prefix}${metadata.dockerRepository}`,
      tag,
      moving_tags: moving.join(','),
      reason,
    });
  }
  return {any: include.length > 0, matrix: {include}};
}
