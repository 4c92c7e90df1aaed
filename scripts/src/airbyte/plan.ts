import semver from 'semver';
import {CliError} from './errors';
import type {ConnectorImage} from './metadata';

/** A source definition as either Airbyte API reports it. */
export interface Definition {
  id: string;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  /**
   * Known only from the config API (false for Airbyte's own catalog connectors). The public API's
   * DefinitionResponse has no such field: then `isCatalogConnector` goes by the repository.
   */
  custom?: boolean;
}

/** The calls a registration needs; implemented by the config API and by the public API. */
export interface DefinitionsApi {
  readonly label: string;
  list(): Promise<Definition[]>;
  create(image: ConnectorImage): Promise<Definition>;
  update(existing: Definition, image: ConnectorImage): Promise<Definition>;
}

export type Plan =
  | {action: 'create'}
  | {action: 'update'; existing: Definition}
  | {action: 'none'; existing: Definition};

/**
 * Finds the definition this image belongs to: by dockerRepository (what Airbyte pulls), else by
 * name. A name match on a different repository is refused, because neither API can change a
 * definition's repository and a tag bump there would point at the wrong image.
 */
export function planRegistration(image: ConnectorImage, definitions: Definition[]): Plan {
  const wanted = normalizeRepository(image.dockerRepository);
  const byRepository = definitions.filter(
    (d) => normalizeRepository(d.dockerRepository) === wanted
  );
  if (byRepository.length > 1) {
    throw new CliError(
      `${byRepository.length} source definitions use ${image.dockerRepository} (${byRepository
        .map((d) => `${d.id} "${d.name}"`)
        .join(', ')}): delete the duplicates in Settings > Sources, then re-run`
    );
  }
  const match = byRepository[0];
  if (match) {
    return isUpToDate(match, image)
      ? {action: 'none', existing: match}
      : {action: 'update', existing: match};
  }
  // Airbyte's own catalog may reuse a display name; only another custom definition conflicts.
  const byName = definitions.filter((d) => !isCatalogConnector(d) && sameName(d.name, image.name));
  const named = byName[0];
  if (named) {
    throw new CliError(
      `a source definition named "${named.name}" (${named.id}) already exists but pulls ${named.dockerRepository}, not ${image.dockerRepository}; ` +
        "Airbyte cannot change a definition's repository: check --image-registry, or delete/rename that definition in Settings > Sources"
    );
  }
  return {action: 'create'};
}

/**
 * Airbyte's own catalog connector: the config API says so with `custom: false`. The public API
 * lists catalog and custom definitions alike without that flag, so there a definition counts as
 * catalog when its image is in Airbyte's Docker Hub organisation (`airbyte/...`), where every
 * registry connector is published.
 */
export function isCatalogConnector(definition: Definition): boolean {
  if (definition.custom !== undefined) {
    return !definition.custom;
  }
  return normalizeRepository(definition.dockerRepository).startsWith('airbyte/');
}

function isUpToDate(existing: Definition, image: ConnectorImage): boolean {
  return existing.dockerImageTag === image.dockerImageTag && existing.name === image.name;
}

// Docker Hub images may be written with or without their implicit registry.
function normalizeRepository(repository: string): string {
  return repository.trim().replace(/^(index\.)?docker\.io\//, '');
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function describePlan(plan: Plan, image: ConnectorImage): string {
  const ref = `${image.dockerRepository}:${image.dockerImageTag}`;
  switch (plan.action) {
    case 'create':
      return `create custom source definition "${image.name}" with ${ref}`;
    case 'none':
      return `nothing to do: definition ${plan.existing.id} "${plan.existing.name}" already uses ${ref}`;
    case 'update': {
      const {existing} = plan;
      const changes: string[] = [];
      if (existing.dockerImageTag !== image.dockerImageTag) {
        changes.push(
          `tag ${existing.dockerImageTag} -> ${image.dockerImageTag}${isDowngrade(existing.dockerImageTag, image.dockerImageTag) ? ' (downgrade: rollback)' : ''}`
        );
      }
      if (existing.name !== image.name) {
        changes.push(`name "${existing.name}" -> "${image.name}"`);
      }
      return `update definition ${existing.id} (${existing.dockerRepository}): ${changes.join(', ')}`;
    }
  }
}

function isDowngrade(from: string, to: string): boolean {
  return semver.valid(from) !== null && semver.valid(to) !== null && semver.lt(to, from);
}
