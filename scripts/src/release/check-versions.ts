import semver from 'semver';

import {parseChangelog} from './changelog';
import {type ConnectorRef, listConnectors} from './connectors';
import {type GitRepo, isMissingBase} from './git';
import {parseMetadata} from './metadata';
import type {Problem} from './problem';
import type {ImageContents} from '../bundle/image-contents';
import {contentsOf} from './image-contents-at';
import {type Changes, changesBetween, NO_CHANGES, shippedChanges} from './shipped-files';

export interface CheckResult {
  checked: string[];
  problems: Problem[];
}

/**
 * The pull-request gate: every connector's metadata is valid, its version canonical and equal
 * to package.json, and a connector whose image contents changed since `base` (`contents`: what
 * each image carries at head) has a higher
 * version than at base with a CHANGELOG.md entry for it.
 */
export function checkVersions(
  git: GitRepo,
  baseRef: string | undefined,
  headRef: string,
  contents: ReadonlyMap<string, ImageContents>
): CheckResult {
  const head = git.resolve(headRef);
  const base = isMissingBase(baseRef) ? undefined : git.resolve(baseRef as string);
  const changes = base ? changesBetween(git, base, head) : NO_CHANGES;
  const connectors = listConnectors(git, head);
  const problems = connectors.flatMap((c) => checkConnector(git, c, base, head, changes, contents));
  return {checked: connectors.map((c) => c.connector), problems};
}

function checkConnector(
  git: GitRepo,
  c: ConnectorRef,
  base: string | undefined,
  head: string,
  changes: Changes,
  contents: ReadonlyMap<string, ImageContents>
): Problem[] {
  const parsed = parseMetadata(git.readFile(head, c.metadataPath) ?? '', c.metadataPath);
  const problems = [...parsed.problems];
  const meta = parsed.metadata;
  if (
    !meta ||
    !semver.valid(meta.dockerImageTag) ||
    problems.some((p) => p.field === 'data.dockerImageTag')
  ) {
    return problems;
  }
  const version = meta.dockerImageTag;
  problems.push(...checkPackageJson(git, c, head, version));

  const baseText = base ? git.readFile(base, c.metadataPath) : undefined;
  const baseVersion = baseText
    ? parseMetadata(baseText, c.metadataPath).metadata?.dockerImageTag
    : undefined;
  const previous =
    baseVersion && semver.valid(baseVersion) === baseVersion ? baseVersion : undefined;
  const shipped =
    previous !== undefined && previous === version
      ? shippedChanges(contentsOf(contents, c.connector), changes)
      : [];

  if (previous !== undefined && previous !== version) {
    if (!semver.gt(version, previous)) {
      problems.push({
        file: c.metadataPath,
        field: 'data.dockerImageTag',
        message: `${version} is not higher than ${previous} at the base`,
        fix: `raise it above ${previous}, e.g. ${semver.inc(previous, 'patch')}`,
      });
    } else {
      problems.push(
        ...checkRcLine(c, previous, version),
        ...checkBreakingChange(c, meta.breakingChangeVersions, previous, version)
      );
    }
  }
  if (
    previous !== undefined &&
    previous === version &&
    shipped.length > 0 &&
    meta.requireVersionIncrements
  ) {
    problems.push({
      file: c.metadataPath,
      field: 'data.dockerImageTag',
      message: `still ${version} although shipped files changed: ${summarize(shipped)}`,
      fix: `bump it (e.g. ${semver.inc(version, 'patch')}) together with package.json "version" and add a CHANGELOG.md entry`,
    });
  }
  if (previous === undefined || previous !== version) {
    problems.push(...checkChangelog(git, c, head, version));
  }
  return problems;
}

function summarize(files: string[]): string {
  return files.length <= 3
    ? files.join(', ')
    : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

function checkPackageJson(git: GitRepo, c: ConnectorRef, head: string, version: string): Problem[] {
  const file = `${c.dir}/package.json`;
  const text = git.readFile(head, file);
  let pkgVersion: unknown;
  try {
    pkgVersion = text === undefined ? undefined : (JSON.parse(text) as {version?: unknown}).version;
  } catch {
    return [{file, field: '(file)', message: 'is not valid JSON', fix: 'fix the JSON syntax'}];
  }
  if (pkgVersion === version) return [];
  return [
    {
      file,
      field: 'version',
      message: `is ${JSON.stringify(pkgVersion)} but ${c.metadataPath} data.dockerImageTag is ${version}`,
      fix: `set "version": "${version}" (metadata.yaml is the source of truth)`,
    },
  ];
}

function checkChangelog(git: GitRepo, c: ConnectorRef, head: string, version: string): Problem[] {
  const file = `${c.dir}/CHANGELOG.md`;
  const text = git.readFile(head, file);
  const fix = `add a heading "## ${version} - YYYY-MM-DD" with bullet points describing the change`;
  if (text === undefined) {
    return [{file, field: '(file)', message: 'is missing', fix: `create it and ${fix}`}];
  }
  if (parseChangelog(text).some((e) => e.version === version)) return [];
  return [{file, field: `## ${version}`, message: `has no entry for ${version}`, fix}];
}

/** Release candidates of one release stay on that release (Airbyte rule). */
function checkRcLine(c: ConnectorRef, previous: string, version: string): Problem[] {
  const isRc = (v: string) => (semver.prerelease(v) ?? [])[0] === 'rc';
  if (!isRc(previous) || !isRc(version)) return [];
  const core = (v: string) => `${semver.major(v)}.${semver.minor(v)}.${semver.patch(v)}`;
  if (core(previous) === core(version)) return [];
  return [
    {
      file: c.metadataPath,
      field: 'data.dockerImageTag',
      message: `release candidate ${version} moves off the ${core(previous)} line of ${previous}`,
      fix: `release ${core(previous)} first, or continue with ${core(previous)}-rc.N`,
    },
  ];
}

/** A new major version N.0.0 must announce its breaking change (Airbyte validator). */
function checkBreakingChange(
  c: ConnectorRef,
  declared: string[],
  previous: string,
  version: string
): Problem[] {
  if (semver.major(version) <= semver.major(previous) || semver.prerelease(version)) return [];
  if (declared.includes(version)) return [];
  return [
    {
      file: c.metadataPath,
      field: `data.releases.breakingChanges.${version}`,
      message: `major version ${version} has no breaking-change entry`,
      fix: `add data.releases.breakingChanges["${version}"] with upgradeDeadline and message`,
    },
  ];
}
