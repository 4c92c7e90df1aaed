import type {Registry} from './registry';
import {ReleaseError} from './problem';
import {isDockerTag} from './tags';

export type TagOutcome = 'pushed' | 'exists' | 'moved' | 'unchanged';

export interface TagResult {
  tag: string;
  outcome: TagOutcome;
  digest: string;
}

export interface PublishOptions {
  /** containers-image reference of the built image, e.g. oci-archive:/tmp/image.tar */
  source: string;
  /** HOST/REPO */
  repository: string;
  /** Immutable version tags: pushed only when absent. */
  tags: string[];
  /** Moving tags (dev, prod, latest): repointed at the first version tag's digest. */
  movingTags: string[];
}

function checkTags(tags: string[], what: string): void {
  const bad = tags.filter((t) => !isDockerTag(t));
  if (bad.length)
    throw new ReleaseError(
      `${what}: not valid docker tags: ${bad.join(', ')} (allowed: [A-Za-z0-9_.-], max 128)`
    );
}

/**
 * Pushes a built image. The registry is asked right before each push whether the version tag
 * exists: an existing version is never overwritten (a rerun publishes nothing new), and any
 * answer other than "not found" aborts. Moving tags always end on the version tag's digest.
 */
export async function publish(registry: Registry, opts: PublishOptions): Promise<TagResult[]> {
  if (opts.tags.length === 0)
    throw new ReleaseError('publish needs at least one version tag (--tags)');
  checkTags(opts.tags, '--tags');
  checkTags(opts.movingTags, '--moving-tags');
  const results: TagResult[] = [];
  for (const tag of opts.tags) {
    const image = `${opts.repository}:${tag}`;
    const existing = await registry.digest(image);
    if (existing) {
      results.push({tag, outcome: 'exists', digest: existing});
      continue;
    }
    await registry.copy(opts.source, image);
    const pushed = await registry.digest(image);
    if (!pushed) throw new ReleaseError(`pushed ${image} but the registry does not list it`);
    results.push({tag, outcome: 'pushed', digest: pushed});
  }
  const target = (results[0] as TagResult).digest;
  results.push(...(await pointMovingTags(registry, opts.repository, opts.movingTags, target)));
  return results;
}

/** Repoints moving tags at `digest` by a registry-side copy (no rebuild, same digest). */
export async function pointMovingTags(
  registry: Registry,
  repository: string,
  movingTags: string[],
  digest: string
): Promise<TagResult[]> {
  const results: TagResult[] = [];
  for (const tag of movingTags) {
    const image = `${repository}:${tag}`;
    if ((await registry.digest(image)) === digest) {
      results.push({tag, outcome: 'unchanged', digest});
      continue;
    }
    await registry.copy(`docker://${repository}@${digest}`, image);
    const now = await registry.digest(image);
    if (now !== digest)
      throw new ReleaseError(
        `${image} points at ${now ?? 'nothing'} after the copy, expected ${digest}`
      );
    results.push({tag, outcome: 'moved', digest});
  }
  return results;
}
