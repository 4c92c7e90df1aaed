import type {z} from 'zod';

import {RequestContext, ResponseValidationError} from '../errors/connector-error';

function pathText(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(response body)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/**
 * Validates a parsed response body. On failure throws ResponseValidationError naming the
 * exchange, endpoint, market and the first offending field, e.g. `[3].trade_price`.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  context: RequestContext
): z.output<S> {
  // reportInput: so that a field that is absent (JSON has no undefined) is told from a wrong one.
  const result = schema.safeParse(body, {reportInput: true});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const missing =
    issue.input === undefined && issue.path.length > 0 && issue.code !== 'unrecognized_keys';
  throw new ResponseValidationError(
    context,
    pathText(issue.path),
    missing ? 'is missing (the exchange may have renamed or removed it)' : issue.message
  );
}
