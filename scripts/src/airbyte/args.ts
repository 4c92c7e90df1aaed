import {parseArgs} from 'node:util';
import {UsageError} from './errors';

export type ApiKind = 'config' | 'public';

export interface RegisterArgs {
  /** Package directory or metadata.yaml path. */
  connector: string;
  airbyteUrl: string;
  workspaceId: string;
  api: ApiKind;
  imageRegistry?: string;
  tag?: string;
  name?: string;
  dryRun: boolean;
  timeoutMs: number;
}

export type ParsedArgs = {help: true} | ({help: false} & RegisterArgs);

export const USAGE = `Usage: npm run airbyte-register -- <connector> --airbyte-url <url> --workspace-id <uuid> [options]

Registers a connector image in Airbyte as a custom source, or moves the existing definition to
the image's tag. Safe to re-run: when Airbyte already runs that image it changes nothing.

  <connector>               package directory (e.g. packages/source-upbit-candles) or its metadata.yaml
  --airbyte-url <url>       Airbyte server root, e.g. http://localhost:8000 (not .../api)
  --workspace-id <uuid>     workspace that owns the custom definition
  --api config|public       config API (/api/v1, default) or public API (/api/public/v1)
  --image-registry <host>   prefix for dockerRepository, e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com
  --tag <tag>               image tag to register instead of metadata.yaml's dockerImageTag
  --name <name>             display name instead of metadata.yaml's name (e.g. a dev definition
                            next to the prod one in the same workspace)
  --dry-run                 print the plan, change nothing
  --timeout <seconds>       per request (default 300: when Airbyte runs spec on a new tag, it answers
                            only after pulling the image and running it)
  -h, --help                this text

Credentials come only from the environment (first match wins):
  AIRBYTE_TOKEN                               bearer token
  AIRBYTE_CLIENT_ID + AIRBYTE_CLIENT_SECRET   exchanged at /api/public/v1/applications/token
  AIRBYTE_USERNAME + AIRBYTE_PASSWORD         basic auth
  none of them                                no Authorization header (auth disabled)

Exit codes: 0 registered / already up to date / dry run, 1 failed, 2 usage error.`;

// Secrets on the command line end up in shell history and `ps`; refuse them by name, without
// echoing what followed them.
const CREDENTIAL_FLAGS: Record<string, string> = {
  password: 'AIRBYTE_PASSWORD',
  username: 'AIRBYTE_USERNAME',
  user: 'AIRBYTE_USERNAME',
  token: 'AIRBYTE_TOKEN',
  'client-id': 'AIRBYTE_CLIENT_ID',
  'client-secret': 'AIRBYTE_CLIENT_SECRET',
  secret: 'AIRBYTE_CLIENT_SECRET',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Docker/ECR tag grammar: no '+', at most 128 characters, not starting with '.' or '-'.
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REGISTRY = /^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._/-]+)?$/;

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  rejectCredentialFlags(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'airbyte-url': {type: 'string'},
        'workspace-id': {type: 'string'},
        api: {type: 'string', default: 'config'},
        'image-registry': {type: 'string'},
        tag: {type: 'string'},
        name: {type: 'string'},
        'dry-run': {type: 'boolean', default: false},
        timeout: {type: 'string'},
        help: {type: 'boolean', short: 'h', default: false},
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}\n\n${USAGE}`);
  }
  const {values, positionals} = parsed;
  if (values.help) {
    return {help: true};
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'missing <connector>: pass a package directory or its metadata.yaml'
        : `expected one <connector>, got ${positionals.length}: ${positionals.join(' ')}`
    );
  }
  const api = values.api;
  if (api !== 'config' && api !== 'public') {
    throw new UsageError(`--api must be "config" or "public", got "${api}"`);
  }
  const args: RegisterArgs = {
    connector: positionals[0] as string,
    airbyteUrl: parseAirbyteUrl(values['airbyte-url']),
    workspaceId: parseWorkspaceId(values['workspace-id']),
    api,
    dryRun: values['dry-run'],
    timeoutMs: parseTimeout(values.timeout),
  };
  if (values['image-registry'] !== undefined) {
    args.imageRegistry = parseRegistry(values['image-registry']);
  }
  if (values.tag !== undefined) {
    if (!DOCKER_TAG.test(values.tag)) {
      throw new UsageError(
        `--tag "${values.tag}" is not a valid image tag: use letters, digits, '.', '_' and '-' (no '+'), at most 128`
      );
    }
    args.tag = values.tag;
  }
  if (values.name !== undefined) {
    if (values.name.trim() === '') {
      throw new UsageError('--name must not be empty');
    }
    args.name = values.name.trim();
  }
  return {help: false, ...args};
}

function rejectCredentialFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') {
      return;
    }
    const name = /^--?([A-Za-z-]+)/.exec(arg)?.[1]?.toLowerCase();
    const envVar = name === undefined ? undefined : CREDENTIAL_FLAGS[name];
    if (envVar !== undefined) {
      throw new UsageError(
        `--${name} is not accepted: credentials are read only from the environment; set ${envVar} instead`
      );
    }
  }
}

function parseAirbyteUrl(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new UsageError(
      'missing --airbyte-url: the Airbyte server root, e.g. http://localhost:8000'
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--airbyte-url "${value}" is not a URL: use e.g. http://localhost:8000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--airbyte-url must be http(s), got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new UsageError(
      '--airbyte-url must not contain credentials: set AIRBYTE_USERNAME/AIRBYTE_PASSWORD instead'
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/api(\/|$)/.test(path)) {
    throw new UsageError(
      `--airbyte-url should be the server root without the API path: use ${url.origin}${path.replace(/\/api(\/.*)?$/, '')}`
    );
  }
  return `${url.origin}${path}`;
}

function parseWorkspaceId(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new UsageError(
      'missing --workspace-id: copy it from the Airbyte UI URL (/workspaces/<uuid>/...)'
    );
  }
  if (!UUID.test(value)) {
    throw new UsageError(
      `--workspace-id "${value}" is not a UUID: copy it from the Airbyte UI URL`
    );
  }
  return value.toLowerCase();
}

function parseRegistry(value: string): string {
  const trimmed = value.replace(/\/+$/, '');
  if (/^[a-z]+:\/\//i.test(trimmed) || !REGISTRY.test(trimmed)) {
    throw new UsageError(
      `--image-registry "${value}" must be a registry host without scheme, e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com`
    );
  }
  return trimmed;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) {
    return 300_000;
  }
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${value}"`);
  }
  return seconds * 1000;
}
