import type {z} from 'zod';
import {AirbyteHttpError, AirbyteUnreachableError, CliError} from './errors';

export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Value of the Authorization header, or undefined to send none. */
  authorization?: () => Promise<string | undefined>;
  /** Told of every request about to be sent (method and path), e.g. to report a dry run. */
  onRequest?: (method: Method, path: string) => void;
}

export type Method = 'GET' | 'POST' | 'PUT';

/** One JSON request to Airbyte; answers are validated with `schema` before anyone reads them. */
export async function requestJson<T>(
  options: HttpOptions,
  method: Method,
  path: string,
  body: unknown,
  schema: z.ZodType<T>
): Promise<T> {
  const url = path.startsWith('http') ? path : `${options.baseUrl}${path}`;
  const headers: Record<string, string> = {accept: 'application/json'};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const authorization = await options.authorization?.();
  if (authorization !== undefined) {
    headers['authorization'] = authorization;
  }
  options.onRequest?.(method, new URL(url).pathname);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    throw new AirbyteUnreachableError(method, url, describeNetworkError(err, options.timeoutMs));
  }
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new AirbyteHttpError(method, url, response.status, text);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(
      `${method} ${url} answered HTTP ${response.status} with a non-JSON body: is --airbyte-url an Airbyte server?`
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `${method} ${url} answered an unexpected shape (${issue?.path.join('.') || '(root)'}: ${issue?.message}): is this Airbyte version supported?`
    );
  }
  return parsed.data;
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  const e = err as {name?: string; message?: string; cause?: {code?: string; message?: string}};
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
