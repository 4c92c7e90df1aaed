/**
 * Connector changelogs (packages/<connector>/CHANGELOG.md) have one heading per release,
 * newest first:   ## 1.2.3 - 2026-11-25
 * followed by bullet points. See docs/release.md#changelog.
 */
const HEADING = /^## (\S+) - (\d{4}-\d{2}-\d{2})\s*$/;

export interface ChangelogEntry {
  version: string;
  date: string;
  line: number;
}

export function parseChangelog(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = HEADING.exec(raw.trimEnd());
    if (m && isRealDate(m[2] as string)) {
      entries.push({version: m[1] as string, date: m[2] as string, line: i + 1});
    }
  });
  return entries;
}

function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

export function changelogHeading(version: string, date: Date = new Date()): string {
  return `## ${version} - ${date.toISOString().slice(0, 10)}`;
}
