import type {Metafile} from 'esbuild';

/**
 * What a connector's image carries, in terms a git diff can be compared with: the repository
 * files whose code or data is in its bundle, and the installed packages (package-lock.json
 * `packages` keys such as `node_modules/zod`) whose code is.
 */
export interface ImageContents {
  files: string[];
  packages: string[];
}

/**
 * The files that build every image without being in a bundle: the image recipe and the bundler
 * configuration (this folder), which decide what the bundle holds.
 */
export const RECIPE_FILES: readonly RegExp[] = [
  /^Dockerfile$/,
  /^\.dockerignore$/,
  /^docker\//,
  /^scripts\/src\/bundle\/(?!.*\.test\.ts$)/,
];

/** The bundler's own locked packages: a new esbuild can change every bundle. */
export const RECIPE_PACKAGES = /^node_modules\/(?:esbuild|@esbuild\/[^/]+)$/;

const NODE_MODULES = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;

/**
 * The lines esbuild writes for a module that is imported but whose exports are all unused: an
 * initialiser that only runs its own imports' initialisers. Such a module carries no code.
 */
const EMPTY_INITIALISER =
  /^\s*(?:var init_\w+ = __esm\(\{|"[^"]+"\(\) \{|init_\w+\(\);|\}|\}\);)?\s*$/;

/**
 * The inputs whose code is in the bundle. esbuild precedes each module's code with a
 * `// <input path>` line (the bundle is not minified); a module reduced to an empty initialiser
 * (say, the test fixtures a family entry point re-exports, none of which a connector calls)
 * counts as absent, as does a module with no bytes in the output (types, re-export barrels).
 */
function inputsWithCode(metafile: Metafile, bundleText: string): Set<string> {
  const output = Object.values(metafile.outputs)[0];
  const inOutput = new Set(
    Object.entries(output?.inputs ?? {})
      .filter(([, {bytesInOutput}]) => bytesInOutput > 0)
      .map(([input]) => input)
  );
  const empty = new Set<string>();
  let current: string | undefined;
  let onlyInitialisers = true;
  const close = () => {
    if (current !== undefined && onlyInitialisers) empty.add(current);
  };
  for (const line of bundleText.split('\n')) {
    const marker = line.startsWith('// ') ? line.slice(3) : undefined;
    if (marker !== undefined && inOutput.has(marker)) {
      close();
      current = marker;
      onlyInitialisers = true;
    } else if (current !== undefined && onlyInitialisers && !EMPTY_INITIALISER.test(line)) {
      onlyInitialisers = false;
    }
  }
  close();
  return new Set([...inOutput].filter((input) => !empty.has(input)));
}

/**
 * What a bundle carries, from its metafile and its text. Paths are relative to the repository
 * root (esbuild's working directory), so they match `git diff --name-only`.
 */
export function imageContentsOf(metafile: Metafile, bundleText: string): ImageContents {
  const files = new Set<string>();
  const packages = new Set<string>();
  for (const input of inputsWithCode(metafile, bundleText)) {
    const pkg = NODE_MODULES.exec(input);
    if (pkg) packages.add(pkg[1] as string);
    else files.add(input);
  }
  return {files: [...files].sort(), packages: [...packages].sort()};
}
