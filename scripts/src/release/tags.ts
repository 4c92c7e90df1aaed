import semver from 'semver';

import {ReleaseError} from './problem';

/** Docker/ECR tag grammar: no `+`, so semver build metadata can never be a tag. */
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DEV_SUFFIX = /[-.]dev\.(?:0|[1-9]\d*)\.g[0-9a-f]{7}$/;

export const MOVING_TAGS = {dev: ['dev'], prod: ['prod', 'latest']} as const;

export function isDockerTag(tag: string): boolean {
  return DOCKER_TAG.test(tag);
}

/**
 * The dev tag of a release version for one CI run: `X.Y.Z-dev.<run>.g<sha7>`
 * (`X.Y.Z-rc.N.dev.<run>.g<sha7>` for a release candidate). The run number orders builds;
 * the `g` prefix keeps an all-digit sha from becoming a numeric identifier with a leading zero.
 * Both sort below the release itself, so `prod`/`latest` can never point at them.
 */
export function devTag(version: string, runNumber: number, sha: string): string {
  if (!Number.isSafeInteger(runNumber) || runNumber < 1) {
    throw new ReleaseError(`--run-number must be a positive integer, got ${runNumber}`);
  }
  if (!/^[0-9a-f]{7,40}$/i.test(sha)) {
    throw new ReleaseError(`--sha must be a hex commit sha (7 to 40 characters), got "${sha}"`);
  }
  const sep = semver.prerelease(version) ? '.' : '-';
  const tag = `${version}${sep}dev.${runNumber}.g${sha.slice(0, 7).toLowerCase()}`;
  if (semver.valid(tag) !== tag || !isDockerTag(tag)) {
    throw new ReleaseError(`internal: dev tag "${tag}" is not a valid semver docker tag`);
  }
  return tag;
}

/** The release version a dev tag was built from, or undefined when it is not a dev tag. */
export function releaseOfDevTag(tag: string): string | undefined {
  if (!DEV_SUFFIX.test(tag)) return undefined;
  const release = tag.replace(DEV_SUFFIX, '');
  return semver.valid(release) === release ? release : undefined;
}
