import {ReleaseError} from './problem';

export const LOCKFILE = 'package-lock.json';

interface LockedPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
}

function lockedPackages(text: string | undefined, at: string): Record<string, LockedPackage> {
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as {packages?: Record<string, LockedPackage>};
    return parsed.packages ?? {};
  } catch {
    throw new ReleaseError(`${LOCKFILE} at ${at} is not valid JSON; run npm install and commit it`);
  }
}

const describe = (p: LockedPackage | undefined): string =>
  p === undefined ? 'absent' : (p.version ?? (p.link ? 'link' : '?'));

/**
 * The install paths (`packages` keys, e.g. `node_modules/zod`) whose locked package differs
 * between two package-lock.json texts, each with what changed ("4.6.7 -> 4.7.0").
 */
export function changedLockedPackages(
  baseText: string | undefined,
  headText: string | undefined
): Map<string, string> {
  const base = lockedPackages(baseText, 'base');
  const head = lockedPackages(headText, 'head');
  const changed = new Map<string, string>();
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const b = base[key];
    const h = head[key];
    if (
      b?.version !== h?.version ||
      b?.resolved !== h?.resolved ||
      b?.integrity !== h?.integrity ||
      b?.link !== h?.link
    ) {
      changed.set(key, `${describe(b)} -> ${describe(h)}`);
    }
  }
  return changed;
}
