/**
 * Which changed paths alter what a connector image ships. Tests, docs, fixtures and the
 * metadata file itself do not; a connector's code, resources, launcher and manifest do, and
 * so do connector-common (bundled into every image) and the shared image recipe.
 */
const CONNECTOR_SHIPPED = /^(?:(?:src|resources|bin)\/.+|package\.json|Dockerfile)$/;
const SHARED_SHIPPED = [
  /^packages\/connector-common\/(?:src|resources|bin)\//,
  /^packages\/connector-common\/package\.json$/,
  /^Dockerfile$/,
  /^\.dockerignore$/,
  /^docker\//,
];

/** The subset of `changed` that ships in the image of the connector in `connectorDir`. */
export function shippedChanges(connectorDir: string, changed: readonly string[]): string[] {
  const prefix = `${connectorDir.replace(/\/$/, '')}/`;
  return changed.filter((file) =>
    file.startsWith(prefix)
      ? CONNECTOR_SHIPPED.test(file.slice(prefix.length))
      : SHARED_SHIPPED.some((re) => re.test(file))
  );
}
