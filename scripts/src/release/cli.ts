#!/usr/bin/env node
/**
 * Release tooling for connector images. Usage (after `npm run build`):
 *   node scripts/lib/release/cli.js check-versions --base <ref> --head <ref>
 *   node scripts/lib/release/cli.js plan-release --base <ref> --head <ref> --channel dev|prod --sha <sha> --run-number <n>
 *       [--repository-prefix <p>] [--github-output <file>]
 *   node scripts/lib/release/cli.js publish (--archive <oci.tar> | --image-dir <oci dir> | --source <ref>)
 *       --repository <host/repo> --tags <t1,t2> [--moving-tags dev] [--dest-tls-verify true|false]
 *   node scripts/lib/release/cli.js promote --repository <host/repo> [--from-repository <host/repo>]
 *       --from-tag <X.Y.Z-dev.N.gSHA> --to <X.Y.Z> [--moving-tags prod,latest] [--tls-verify true|false]
 * Results go to stdout as JSON, progress and problems to stderr; exit 1 on any violation.
 */
import {appendFileSync} from 'node:fs';
import {parseArgs} from 'node:util';

import {checkVersions} from './check-versions';
import {GitRepo, isMissingBase} from './git';
import {imageContentsAt} from './image-contents-at';
import {type Channel, planRelease} from './plan';
import {formatProblem, ReleaseError} from './problem';
import {promote} from './promote';
import {publish, type TagResult} from './publish';
import {SkopeoRegistry} from './registry';

type Values = Record<string, string | undefined>;

function required(values: Values, name: string): string {
  const v = values[name];
  if (v === undefined || v === '') throw new ReleaseError(`--${name} is required`);
  return v;
}

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function bool(v: string | undefined, name: string): boolean {
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw new ReleaseError(`--${name} must be true or false, got "${v}"`);
}

function parse(argv: string[], names: string[]): Values {
  const options = Object.fromEntries(names.map((n) => [n, {type: 'string' as const}]));
  return parseArgs({args: argv, options, strict: true, allowPositionals: false}).values as Values;
}

function report(results: TagResult[]): void {
  for (const r of results) console.error(`  ${r.tag}: ${r.outcome} (${r.digest})`);
  console.log(JSON.stringify({results}, null, 2));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const repoDir = process.env.RELEASE_REPO_DIR ?? process.cwd();
  switch (command) {
    case 'check-versions': {
      const v = parse(rest, ['base', 'head']);
      const git = new GitRepo(repoDir);
      const head = v.head ?? 'HEAD';
      const contents = isMissingBase(v.base) ? new Map() : await imageContentsAt(git, head);
      const result = checkVersions(git, v.base, head, contents);
      for (const p of result.problems) console.error(formatProblem(p));
      console.error(
        result.problems.length
          ? `check-versions: ${result.problems.length} problem(s) in ${result.checked.length} connector(s)`
          : `check-versions: OK (${result.checked.join(', ') || 'no connectors'})`
      );
      return result.problems.length ? 1 : 0;
    }
    case 'plan-release': {
      const v = parse(rest, [
        'base',
        'head',
        'channel',
        'sha',
        'run-number',
        'repository-prefix',
        'github-output',
      ]);
      const channel = required(v, 'channel');
      if (channel !== 'dev' && channel !== 'prod')
        throw new ReleaseError(`--channel must be dev or prod, got "${channel}"`);
      const runNumber = v['run-number'] === undefined ? 1 : Number(v['run-number']);
      const git = new GitRepo(repoDir);
      const head = v.head ?? 'HEAD';
      // Only a dev plan with a base compares image contents (prod plans follow versions).
      const contents =
        channel === 'dev' && !isMissingBase(v.base) ? await imageContentsAt(git, head) : new Map();
      const plan = planRelease(
        git,
        {
          base: v.base,
          head,
          channel: channel as Channel,
          sha: channel === 'dev' ? required(v, 'sha') : (v.sha ?? '0000000'),
          runNumber,
          repositoryPrefix: v['repository-prefix'],
        },
        contents
      );
      if (v['github-output']) {
        appendFileSync(
          v['github-output'],
          `matrix=${JSON.stringify(plan.matrix)}\nany=${plan.any}\n`
        );
      }
      for (const e of plan.matrix.include)
        console.error(`  ${e.connector}: ${e.repository}:${e.tag} (${e.reason})`);
      console.log(JSON.stringify(plan));
      return 0;
    }
    case 'publish': {
      const v = parse(rest, [
        'archive',
        'image-dir',
        'source',
        'repository',
        'tags',
        'moving-tags',
        'dest-tls-verify',
      ]);
      const sources = [
        v.archive && `oci-archive:${v.archive}`,
        v['image-dir'] && `oci:${v['image-dir']}`,
        v.source,
      ].filter((s): s is string => Boolean(s));
      if (sources.length !== 1)
        throw new ReleaseError('give exactly one of --archive, --image-dir, --source');
      const registry = new SkopeoRegistry({
        tlsVerify: bool(v['dest-tls-verify'], 'dest-tls-verify'),
      });
      report(
        await publish(registry, {
          source: sources[0] as string,
          repository: required(v, 'repository'),
          tags: list(required(v, 'tags')),
          movingTags: list(v['moving-tags']),
        })
      );
      return 0;
    }
    case 'promote': {
      const v = parse(rest, [
        'repository',
        'from-repository',
        'from-tag',
        'to',
        'moving-tags',
        'tls-verify',
      ]);
      const registry = new SkopeoRegistry({tlsVerify: bool(v['tls-verify'], 'tls-verify')});
      const repository = required(v, 'repository');
      report(
        await promote(registry, {
          fromRepository: v['from-repository'] ?? repository,
          fromTag: required(v, 'from-tag'),
          toRepository: repository,
          to: required(v, 'to'),
          movingTags: list(v['moving-tags']),
        })
      );
      return 0;
    }
    default:
      throw new ReleaseError(
        `unknown command "${command ?? ''}"; use check-versions, plan-release, publish or promote (see scripts/src/release/cli.ts)`
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(
      err instanceof ReleaseError ||
        (err as {code?: string}).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `error: ${(err as Error).message}`
        : err
    );
    process.exitCode = 1;
  }
);
