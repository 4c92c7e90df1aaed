import {
  AirbyteHttpError,
  AirbyteUnreachableError,
  CliError,
  parseJsonObject,
  serverMessage,
} from './errors';

export type Step = 'list' | 'create' | 'update';

export interface ExplainContext {
  step: Step;
  airbyteUrl: string;
  workspaceId: string;
  image: string;
  credentials: string;
}

const ENV_HELP =
  'set AIRBYTE_USERNAME and AIRBYTE_PASSWORD (basic auth), or AIRBYTE_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (an Airbyte application: UI > User settings > Applications)';

// How the server reports a failed `spec` run: "Get Spec job failed.", "Get Spec Job failed
// (imageName=...)", "Error validating docker image ...", "...issue while validating input docker image...".
const SPEC_FAILURE =
  /spec job|get ?spec|docker image|image ?pull|pull(ing)? image|manifest|not found: manifest|errimagepull/i;

/** Turns a failed call into the sentence an operator can act on. */
export function explain(err: unknown, ctx: ExplainContext): CliError {
  if (err instanceof CliError) {
    return err;
  }
  if (err instanceof AirbyteUnreachableError) {
    return new CliError(
      `cannot reach Airbyte at ${ctx.airbyteUrl} (${err.reason}): check --airbyte-url and that the server is up (for a cluster: kubectl port-forward svc/airbyte-airbyte-server-svc 8000:8001)`
    );
  }
  if (!(err instanceof AirbyteHttpError)) {
    // A bug, not an operator mistake: say so without dumping a stack.
    return new CliError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`);
  }
  const said = serverMessage(err.body);
  if (new URL(err.url).pathname.endsWith('/applications/token')) {
    return new CliError(
      `could not exchange AIRBYTE_CLIENT_ID/AIRBYTE_CLIENT_SECRET for a token on ${ctx.airbyteUrl} (HTTP ${err.status}: ${said}): check both values (UI > User settings > Applications)`
    );
  }
  if (err.status === 401) {
    return new CliError(
      `Airbyte at ${ctx.airbyteUrl} rejected the request (HTTP 401) with ${ctx.credentials}: ${ENV_HELP} (server said: ${said})`
    );
  }
  if (err.status === 403) {
    return new CliError(
      `Airbyte at ${ctx.airbyteUrl} refused access to workspace ${ctx.workspaceId} (HTTP 403) with ${ctx.credentials}: use credentials of a user who can edit that workspace; ${ENV_HELP} (server said: ${said})`
    );
  }
  if (ctx.step === 'list') {
    if (isMissingRoute(err)) {
      return new CliError(
        `no Airbyte API at ${err.url} (HTTP 404): --airbyte-url must be the server root, e.g. http://localhost:8000`
      );
    }
    if (err.status === 404 || err.status === 400 || err.status === 422) {
      return new CliError(
        `workspace ${ctx.workspaceId} not found on ${ctx.airbyteUrl}: check --workspace-id (server said: ${said})`
      );
    }
  }
  if (ctx.step !== 'list' && isSpecFailure(err)) {
    return new CliError(
      `image ${ctx.image} could not be pulled by Airbyte: was it published? check the tag and the cluster's registry credentials (server said: ${said})`
    );
  }
  return new CliError(`Airbyte answered HTTP ${err.status} to ${err.method} ${err.url}: ${said}`);
}

function isSpecFailure(err: AirbyteHttpError): boolean {
  if (SPEC_FAILURE.test(err.body)) {
    return true;
  }
  // Recent servers hide uncaught errors behind `{"errorId": ...}`. On create/update the only step
  // that leaves the server is the spec job on the image, so an opaque 500 points there.
  const body = parseJsonObject(err.body);
  return err.status >= 500 && (body === undefined || Object.keys(body).join() === 'errorId');
}

// A route the server does not have (wrong base URL) looks different from "no such workspace":
// the webapp answers HTML, Micronaut answers {"message":"Not Found", "_links": ...}.
function isMissingRoute(err: AirbyteHttpError): boolean {
  if (err.status !== 404) {
    return false;
  }
  const body = parseJsonObject(err.body);
  return body === undefined
    ? /<html|<!doctype/i.test(err.body)
    : '_links' in body || body['message'] === 'Not Found' || body['message'] === 'Page Not Found';
}
