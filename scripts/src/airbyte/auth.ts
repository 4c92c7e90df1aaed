import {z} from 'zod';
import {UsageError} from './errors';
import {requestJson, type HttpOptions} from './http';

export type Credentials =
  | {kind: 'none'}
  | {kind: 'basic'; username: string; password: string}
  | {kind: 'token'; token: string}
  | {kind: 'client-credentials'; clientId: string; clientSecret: string};

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Credentials come only from the environment. First complete set wins: AIRBYTE_TOKEN, then
 * AIRBYTE_CLIENT_ID/AIRBYTE_CLIENT_SECRET, then AIRBYTE_USERNAME/AIRBYTE_PASSWORD. Half a pair is
 * a usage error rather than a silent fallback to a weaker method.
 */
export function credentialsFromEnv(env: Env): Credentials {
  const get = (name: string) => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const token = get('AIRBYTE_TOKEN');
  if (token !== undefined) {
    return {kind: 'token', token};
  }
  const clientId = get('AIRBYTE_CLIENT_ID');
  const clientSecret = get('AIRBYTE_CLIENT_SECRET');
  if (clientId !== undefined || clientSecret !== undefined) {
    requirePair('AIRBYTE_CLIENT_ID', clientId, 'AIRBYTE_CLIENT_SECRET', clientSecret);
    return {kind: 'client-credentials', clientId: clientId!, clientSecret: clientSecret!};
  }
  const username = get('AIRBYTE_USERNAME');
  const password = get('AIRBYTE_PASSWORD');
  if (username !== undefined || password !== undefined) {
    requirePair('AIRBYTE_USERNAME', username, 'AIRBYTE_PASSWORD', password);
    return {kind: 'basic', username: username!, password: password!};
  }
  return {kind: 'none'};
}

function requirePair(aName: string, a: unknown, bName: string, b: unknown): void {
  if (a === undefined) {
    throw new UsageError(`${bName} is set but ${aName} is not: set both`);
  }
  if (b === undefined) {
    throw new UsageError(`${aName} is set but ${bName} is not: set both`);
  }
}

/** Where the credentials came from, for messages: names env vars, never values. */
export function describeCredentials(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'none':
      return 'no credentials (none of AIRBYTE_TOKEN, AIRBYTE_CLIENT_ID/AIRBYTE_CLIENT_SECRET, AIRBYTE_USERNAME/AIRBYTE_PASSWORD set)';
    case 'basic':
      return 'basic auth from AIRBYTE_USERNAME/AIRBYTE_PASSWORD';
    case 'token':
      return 'bearer token from AIRBYTE_TOKEN';
    case 'client-credentials':
      return 'bearer token exchanged for AIRBYTE_CLIENT_ID/AIRBYTE_CLIENT_SECRET';
  }
}

/** Every string that must never reach the terminal, including derived header values. */
export function secretsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'none':
      return [];
    case 'basic':
      return [
        credentials.password,
        Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'),
      ];
    case 'token':
      return [credentials.token];
    case 'client-credentials':
      return [credentials.clientSecret];
  }
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

export interface Authorizer {
  header: () => Promise<string | undefined>;
  /** Secrets learnt while running (the exchanged access token), for redaction. */
  secrets: () => string[];
}

/**
 * Builds the Authorization header. Client credentials are exchanged once, lazily, at
 * /api/public/v1/applications/token (the public API's token endpoint serves both APIs).
 */
export function authorizer(
  credentials: Credentials,
  baseUrl: string,
  timeoutMs: number,
  onRequest?: HttpOptions['onRequest']
): Authorizer {
  const learnt: string[] = [];
  let exchanged: Promise<string> | undefined;
  const header = async (): Promise<string | undefined> => {
    switch (credentials.kind) {
      case 'none':
        return undefined;
      case 'basic':
        return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      case 'token':
        return `Bearer ${credentials.token}`;
      case 'client-credentials':
        exchanged ??= requestJson(
          {baseUrl, timeoutMs, onRequest},
          'POST',
          '/api/public/v1/applications/token',
          {
            client_id: credentials.clientId,
            client_secret: credentials.clientSecret,
            'grant-type': 'client_credentials',
          },
          tokenResponseSchema
        ).then((answer) => {
          learnt.push(answer.access_token);
          return answer.access_token;
        });
        return `Bearer ${await exchanged}`;
    }
  };
  return {header, secrets: () => [...secretsOf(credentials), ...learnt]};
}
