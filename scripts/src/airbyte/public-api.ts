import {z} from 'zod';
import {CliError} from './errors';
import {requestJson, type HttpOptions} from './http';
import type {ConnectorImage} from './metadata';
import type {Definition, DefinitionsApi} from './plan';

// DefinitionResponse / DefinitionsResponse of the public API. Optional fields may come as a JSON
// null as well as absent (a serializer that writes nulls, a proxy), so both are accepted.
const definitionResponse = z.object({
  id: z.string().min(1),
  name: z.string(),
  dockerRepository: z.string(),
  dockerImageTag: z.string(),
  documentationUrl: z.string().nullish(),
});

const definitionsResponse = z.object({
  data: z.array(definitionResponse),
  next: z.string().nullish(),
  previous: z.string().nullish(),
});

const MAX_PAGES = 100;

// The public API has no `custom` flag: plan.ts tells catalog connectors by their repository.
function toDefinition(response: z.infer<typeof definitionResponse>): Definition {
  return {
    id: response.id,
    name: response.name,
    dockerRepository: response.dockerRepository,
    dockerImageTag: response.dockerImageTag,
  };
}

/** Public API (`/api/public/v1`), the stable one. */
export function publicApi(http: HttpOptions, workspaceId: string): DefinitionsApi {
  const collection = `/api/public/v1/workspaces/${encodeURIComponent(workspaceId)}/definitions/sources`;
  return {
    label: 'public API',
    async list() {
      const definitions: Definition[] = [];
      let path: string | undefined = collection;
      for (let page = 0; path !== undefined; page++) {
        if (page === MAX_PAGES) {
          throw new CliError(`${collection} kept paging after ${MAX_PAGES} pages: stopping`);
        }
        const answer: z.infer<typeof definitionsResponse> = await requestJson(
          http,
          'GET',
          path,
          undefined,
          definitionsResponse
        );
        definitions.push(...answer.data.map(toDefinition));
        path = answer.data.length === 0 ? undefined : nextPage(answer.next, http.baseUrl);
      }
      return definitions;
    },
    async create(image: ConnectorImage) {
      const answer = await requestJson(
        http,
        'POST',
        collection,
        {
          name: image.name,
          dockerRepository: image.dockerRepository,
          dockerImageTag: image.dockerImageTag,
          documentationUrl: image.documentationUrl,
        },
        definitionResponse
      );
      return toDefinition(answer);
    },
    async update(existing: Definition, image: ConnectorImage) {
      // UpdateDefinitionRequest requires both fields; the repository cannot change.
      const answer = await requestJson(
        http,
        'PUT',
        `${collection}/${encodeURIComponent(existing.id)}`,
        {name: image.name, dockerImageTag: image.dockerImageTag},
        definitionResponse
      );
      return toDefinition(answer);
    },
  };
}

/**
 * `next` is a full URL. Follow it only on the server we were pointed at, so credentials are never
 * sent to a host the operator did not name (a proxy may also rewrite it to an internal name).
 */
function nextPage(next: string | null | undefined, baseUrl: string): string | undefined {
  if (next === undefined || next === null || next === '') {
    return undefined;
  }
  const url = new URL(next, baseUrl);
  const base = new URL(baseUrl);
  return `${base.origin}${url.pathname}${url.search}`;
}
