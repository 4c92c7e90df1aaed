import {z} from 'zod';
import {requestJson, type HttpOptions} from './http';
import type {ConnectorImage} from './metadata';
import type {Definition, DefinitionsApi} from './plan';

// SourceDefinitionRead: only the fields this tool reads; the server sends many more.
const sourceDefinitionRead = z.object({
  sourceDefinitionId: z.string().min(1),
  name: z.string(),
  dockerRepository: z.string(),
  dockerImageTag: z.string(),
  custom: z.boolean().nullish(),
});

const sourceDefinitionReadList = z.object({sourceDefinitions: z.array(sourceDefinitionRead)});

function toDefinition(read: z.infer<typeof sourceDefinitionRead>): Definition {
  const definition: Definition = {
    id: read.sourceDefinitionId,
    name: read.name,
    dockerRepository: read.dockerRepository,
    dockerImageTag: read.dockerImageTag,
  };
  if (read.custom !== undefined && read.custom !== null) {
    definition.custom = read.custom;
  }
  return definition;
}

/**
 * Configuration API (`/api/v1`, all POST). Internal with "no long-term commitment", but it is
 * what the UI itself calls, so it works on every OSS version.
 */
export function configApi(http: HttpOptions, workspaceId: string): DefinitionsApi {
  return {
    label: 'config API',
    async list() {
      const answer = await requestJson(
        http,
        'POST',
        '/api/v1/source_definitions/list_for_workspace',
        {workspaceId},
        sourceDefinitionReadList
      );
      return answer.sourceDefinitions.map(toDefinition);
    },
    async create(image: ConnectorImage) {
      const read = await requestJson(
        http,
        'POST',
        '/api/v1/source_definitions/create_custom',
        {
          workspaceId,
          sourceDefinition: {
            name: image.name,
            dockerRepository: image.dockerRepository,
            dockerImageTag: image.dockerImageTag,
            documentationUrl: image.documentationUrl,
          },
        },
        sourceDefinitionRead
      );
      return toDefinition(read);
    },
    async update(existing: Definition, image: ConnectorImage) {
      const read = await requestJson(
        http,
        'POST',
        '/api/v1/source_definitions/update',
        {
          sourceDefinitionId: existing.id,
          workspaceId,
          name: image.name,
          dockerImageTag: image.dockerImageTag,
        },
        sourceDefinitionRead
      );
      return toDefinition(read);
    },
  };
}
