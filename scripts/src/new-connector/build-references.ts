import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

interface BuildConfig {
  references?: Array<{path: string}>;
  [key: string]: unknown;
}

export const BUILD_CONFIG = 'tsconfig.build.json';

/**
 * Adds `packages/<connector>` to the root build (`npm run build` = `tsc -b tsconfig.build.json`),
 * after the last package so tsc's order stays readable; tsc -b orders by references anyway.
 * Returns false when it is listed already.
 */
export function addBuildReference(root: string, packagePath: string): boolean {
  const file = join(root, BUILD_CONFIG);
  const config = JSON.parse(readFileSync(file, 'utf8')) as BuildConfig;
  const references = config.references ?? [];
  if (references.some((r) => r.path === packagePath)) return false;
  let at = references.length;
  for (let i = references.length - 1; i >= 0; i--) {
    if (references[i]!.path.startsWith('packages/')) {
      at = i + 1;
      break;
    }
  }
  references.splice(at, 0, {path: packagePath});
  config.references = references;
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return true;
}
