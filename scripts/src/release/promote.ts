import semver from 'semver';

import {ReleaseError} from './problem';
import {pointMovingTags, type TagResult} from './publish';
import type {Registry} from './registry';
import {releaseOfDevTag} from './tags';

export interface PromoteOptions {
  /** HOST/REPO of the dev image. */
  fromRepository: string;
  fromTag: string;
  /** HOST/REPO of the prod image (may equal fromRepository). */
  toRepository: string;
  /** The release version X.Y.Z the dev tag was built from. */
  to: string;
  movingTags: string[];
}

/**
 * Gives a tested dev image its release tag without rebuilding: the same manifest, byte for
 * byte, so the prod digest equals the dev digest. Refuses when the release tag already names
 * another image, when the dev tag was built for another version, or when the image's
 * io.airbyte.version label disagrees.
 */
export async function promote(registry: Registry, opts: PromoteOptions): Promise<TagResult[]> {
  if (semver.valid(opts.to) !== opts.to) {
    throw new ReleaseError(`--to must be a canonical release version X.Y.Z, got "${opts.to}"`);
  }
  const built = releaseOfDevTag(opts.fromTag);
  if (built !== opts.to) {
    throw new ReleaseError(
      `--from-tag ${opts.fromTag} is ${built ? `a dev build of ${built}` : 'not a dev tag (X.Y.Z-dev.<run>.g<sha7>)'}, not of ${opts.to}`
    );
  }
  if (semver.prerelease(opts.to) && opts.movingTags.length > 0) {
    throw new ReleaseError(
      `${opts.to} is a release candidate: moving tags (${opts.movingTags.join(', ')}) stay on releases`
    );
  }
  const source = `${opts.fromRepository}:${opts.fromTag}`;
  const digest = await registry.digest(source);
  if (!digest)
    throw new ReleaseError(`${source} does not exist; promote an image that was published to dev`);
  const label = (await registry.labels(source))['io.airbyte.version'];
  if (label !== opts.to) {
    throw new ReleaseError(
      `${source} has label io.airbyte.version=${label ?? '(none)'}, expected ${opts.to}`
    );
  }

  const target = `${opts.toRepository}:${opts.to}`;
  const existing = await registry.digest(target);
  const results: TagResult[] = [];
  if (existing && existing !== digest) {
    throw new ReleaseError(
      `${target} already exists with digest ${existing}, not ${digest}; release tags are never overwritten`
    );
  }
  if (existing) {
    results.push({tag: opts.to, outcome: 'exists', digest});
  } else {
    await registry.copy(`docker://${opts.fromRepository}@${digest}`, target);
    const now = await registry.digest(target);
    if (now !== digest)
      throw new ReleaseError(
        `${target} has digest ${now ?? '(none)'} after the copy, expected ${digest}`
      );
    results.push({tag: opts.to, outcome: 'pushed', digest});
  }
  results.push(...(await pointMovingTags(registry, opts.toRepository, opts.movingTags, digest)));
  return results;
}
