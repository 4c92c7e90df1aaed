import {execFileSync} from 'node:child_process';

import {ReleaseError} from './problem';

/** `github.event.before` on a branch's first push. */
const ZERO_SHA = /^0+$/;

/** A base ref that means "nothing to compare against": empty or all zeros. */
export function isMissingBase(base: string | undefined): boolean {
  return base === undefined || base.trim() === '' || ZERO_SHA.test(base.trim());
}

/** Read-only view of the repository at given commits (never the working tree). */
export class GitRepo {
  constructor(readonly dir: string) {}

  private git(args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** The full sha of a ref; fails clearly when the ref was not fetched. */
  resolve(ref: string): string {
    try {
      return this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
    } catch {
      throw new ReleaseError(
        `git ref "${ref}" is not a commit in ${this.dir}; fetch it (actions/checkout with fetch-depth: 0) or pass an existing ref`
      );
    }
  }

  /** The file's text at a commit, or undefined when it does not exist there. */
  readFile(commit: string, path: string): string | undefined {
    if (this.git(['ls-tree', '--name-only', commit, '--', path]).trim() === '') return undefined;
    return this.git(['show', `${commit}:${path}`]);
  }

  listFiles(commit: string, under: string): string[] {
    return this.git(['ls-tree', '-r', '--name-only', commit, '--', under])
      .split('\n')
      .filter((l) => l !== '');
  }

  /** Files changed on head since it forked from base (what a PR shows). */
  changedFiles(base: string, head: string): string[] {
    return this.git(['diff', '--name-only', '--no-renames', `${base}...${head}`])
      .split('\n')
      .filter((l) => l !== '');
  }
}
