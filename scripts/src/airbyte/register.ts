import type {RegisterArgs} from './args';
import {authorizer, describeCredentials, type Credentials} from './auth';
import {configApi} from './config-api';
import {explain, type Step} from './explain';
import type {HttpOptions} from './http';
import {readConnectorImage} from './metadata';
import {describePlan, planRegistration, type DefinitionsApi, type Plan} from './plan';
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
  // Every request sent, so a dry run can say exactly what it sent.
  const sent: string[] = [];
  const onRequest = (method: string, path: string) => sent.push(`${method} ${path}`);
  const auth = authorizer(credentials, args.airbyteUrl, args.timeoutMs, onRequest);
  const http: HttpOptions = {
    baseUrl: args.airbyteUrl,
    timeoutMs: args.timeoutMs,
    onRequest,
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
    out.info(
      `dry run:   nothing was changed (sent only ${sent.join(', ')}); re-run without --dry-run to apply`
    );
    return {action: plan.action, dryRun: true};
  }
  out.info(`applying:  ${specNote(plan, image.dockerImageTag, ref)}`);
  const result =
    plan.action === 'create'
      ? await step('create', () => api.create(image))
      : await step('update', () => api.update(plan.existing, image));
  out.info(
    `done:      ${plan.action === 'create' ? 'created' : 'updated'} definition ${result.id} "${result.name}" -> ${result.dockerRepository}:${result.dockerImageTag}`
  );
  return {action: plan.action, dryRun: false, definitionId: result.id};
}

/**
 * What Airbyte does before it answers (airbyte-platform ActorDefinitionHandlerHelper): a new
 * definition always gets a spec job; an update runs spec only for a tag this definition has never
 * had, or for the tag literally named `dev`. A tag it already knows, such as the one a roll back
 * returns to, reuses the stored spec and pulls nothing.
 */
export function specNote(plan: Plan, tag: string, ref: string): string {
  if (plan.action === 'create') {
    return `Airbyte pulls ${ref} and runs spec before answering; this can take minutes`;
  }
  if (tag === 'dev') {
    return `Airbyte pulls ${ref} and re-runs spec before answering (it always does for the tag "dev"); this can take minutes`;
  }
  return `Airbyte pulls ${ref} and runs spec before answering if this definition never had the tag ${tag} (minutes); a tag it already knows, e.g. a roll back, reuses the stored spec`;
}
