import type {RegisterArgs} from './args';
import {authorizer, describeCredentials, type Credentials} from './auth';
import {configApi} from './config-api';
import {explain, type Step} from './explain';
import type {HttpOptions} from './http';
import {readConnectorImage} from './metadata';
import {describePlan, planRegistration, type DefinitionsApi} from './plan';
import {publicApi} from './public-api';

export interface Output {
  info(line: string): void;
}

export interface RegisterResult {
  action: 'create' | 'update' | 'none';
  dryRun: boolean;
  definitionId?: string;
}

/** Reads the connector, compares it with Airbyte, and applies the difference unless dry-running. */
export async function register(
  args: RegisterArgs,
  credentials: Credentials,
  out: Output,
  /** Told every secret learnt while running (an exchanged token) so output can redact it. */
  onSecret: (secret: string) => void = () => undefined
): Promise<RegisterResult> {
  const image = readConnectorImage(args.connector, args);
  const ref = `${image.dockerRepository}:${image.dockerImageTag}`;
  const auth = authorizer(credentials, args.airbyteUrl, args.timeoutMs);
  const http: HttpOptions = {
    baseUrl: args.airbyteUrl,
    timeoutMs: args.timeoutMs,
    authorization: async () => {
      const header = await auth.header();
      auth.secrets().forEach(onSecret);
      return header;
    },
  };
  const api: DefinitionsApi =
    args.api === 'public' ? publicApi(http, args.workspaceId) : configApi(http, args.workspaceId);

  out.info(`connector: ${image.name} (${image.metadataPath})`);
  out.info(`image:     ${ref}`);
  out.info(
    `airbyte:   ${args.airbyteUrl}, workspace ${args.workspaceId}, ${api.label}, ${describeCredentials(credentials)}`
  );

  const step = async <T>(name: Step, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw explain(err, {
        step: name,
        airbyteUrl: args.airbyteUrl,
        workspaceId: args.workspaceId,
        image: ref,
        credentials: describeCredentials(credentials),
      });
    }
  };

  const plan = planRegistration(image, await step('list', () => api.list()));
  out.info(`plan:      ${describePlan(plan, image)}`);

  if (plan.action === 'none') {
    return {action: 'none', dryRun: args.dryRun, definitionId: plan.existing.id};
  }
  if (args.dryRun) {
    out.info('dry run:   nothing was changed; re-run without --dry-run to apply');
    return {action: plan.action, dryRun: true};
  }
  out.info(`applying:  Airbyte pulls ${ref} and runs spec before answering; this can take minutes`);
  const result =
    plan.action === 'create'
      ? await step('create', () => api.create(image))
      : await step('update', () => api.update(plan.existing, image));
  out.info(
    `done:      ${plan.action === 'create' ? 'created' : 'updated'} definition ${result.id} "${result.name}" -> ${result.dockerRepository}:${result.dockerImageTag}`
  );
  return {action: plan.action, dryRun: false, definitionId: result.id};
}
