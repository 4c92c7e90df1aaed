import {type ImageContents, RECIPE_FILES, RECIPE_PACKAGES} from '../bundle/image-contents';
import type {GitRepo} from './git';
import {changedLockedPackages, LOCKFILE} from './lockfile';

/** What changed between two commits: paths, and the locked packages when the lockfile did. */
export interface Changes {
  files: readonly string[];
  /** install path -> "old -> new" for every package-lock.json entry that differs. */
  lockedPackages: ReadonlyMap<string, string>;
}

export function changesBetween(git: GitRepo, base: string, head: string): Changes {
  const files = git.changedFiles(base, head);
  const lockedPackages = files.includes(LOCKFILE)
    ? changedLockedPackages(git.readFile(base, LOCKFILE), git.readFile(head, LOCKFILE))
    : new Map<string, string>();
  return {files, lockedPackages};
}

export const NO_CHANGES: Changes = {files: [], lockedPackages: new Map()};

/**
 * The changes that alter what an image carries: a file whose code is in its bundle, the image
 * recipe, a locked package the bundle carries code from, or the bundler's own (esbuild). Tests, docs, metadata.yaml and any
 * SDK module the connector's entry point never reaches (market share, the conformance kit) do
 * not count; `contents` comes from bundling the head commit (scripts/src/bundle).
 */
export function shippedChanges(contents: ImageContents, changes: Changes): string[] {
  const carried = new Set(contents.files);
  const shipped = changes.files.filter(
    (file) => file !== LOCKFILE && (carried.has(file) || RECIPE_FILES.some((re) => re.test(file)))
  );
  for (const [key, what] of changes.lockedPackages) {
    if (contents.packages.includes(key) || RECIPE_PACKAGES.test(key)) {
      shipped.push(`${LOCKFILE}: ${key} ${what}`);
    }
  }
  return shipped;
}
