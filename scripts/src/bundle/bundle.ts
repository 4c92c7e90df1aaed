import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {build, type Metafile, type Plugin} from 'esbuild';

/** Where a connector's bundle goes: the one file its image runs (see the root Dockerfile). */
export function bundlePaths(
  root: string,
  connector: string
): {entry: string; outfile: string; metafile: string} {
  const dir = path.join(root, 'packages', connector);
  return {
    entry: path.join(dir, 'bin', 'main'),
    outfile: path.join(dir, 'dist', 'main.js'),
    metafile: path.join(dir, 'dist', 'metafile.json'),
  };
}

/**
 * Workspace packages are bundled from their TypeScript sources, not from tsc's lib/ output:
 * `bin/main` and the package exports point at lib/*.js, which this maps to src/*.ts. Bundling
 * ES modules lets esbuild drop what the entry point never uses (the test fixtures that
 * `upbit-compatible` re-exports, unused zod), and the metafile then names the source files
 * themselves, which is what the release plan compares with a diff.
 */
function workspaceSources(root: string): Plugin {
  const lib = new RegExp(`^(${escape(path.join(root, 'packages'))}/[^/]+)/lib/(.+)\\.js$`);
  const sourceOf = (file: string): string | undefined => {
    const m = lib.exec(file);
    const source = m ? `${m[1]}/src/${m[2]}.ts` : undefined;
    return source !== undefined && existsSync(source) ? source : undefined;
  };
  return {
    name: 'workspace-sources',
    setup(b) {
      b.onResolve({filter: /^(?:\.|@korea-candles\/)/}, async (args) => {
        if (args.pluginData === workspaceSources) return undefined;
        // A relative lib/ path maps to its source even where lib/ was never compiled.
        const direct = args.path.startsWith('.')
          ? sourceOf(path.resolve(args.resolveDir, args.path))
          : undefined;
        if (direct !== undefined) return {path: direct};
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: workspaceSources,
        });
        if (resolved.errors.length > 0) return {errors: resolved.errors};
        return {
          path: sourceOf(resolved.path) ?? resolved.path,
          external: resolved.external,
          sideEffects: resolved.sideEffects,
        };
      });
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface BundleResult {
  connector: string;
  outfile: string;
  bytes: number;
  metafile: Metafile;
  /** The bundle itself (written to `outfile` only with `write`). */
  text: string;
  /** esbuild's warnings, formatted (for example a require() it could not resolve). */
  warnings: string[];
}

/**
 * Bundles `packages/<connector>/bin/main` and everything it reaches into one CommonJS file for
 * the image's Node 24. `require()` calls inside functions (axios, the CDK's source class) stay
 * lazy: esbuild wraps those modules and runs them on first call, so spec, check and discover
 * still load neither. Nothing is external but Node's built-ins: the image has no node_modules.
 * Without `write`, nothing is written (the release plan only needs the metafile).
 */
export async function bundleConnector(
  root: string,
  connector: string,
  opts: {write: boolean}
): Promise<BundleResult> {
  const paths = bundlePaths(root, connector);
  if (!existsSync(paths.entry)) {
    throw new Error(
      `packages/${connector}/bin/main does not exist: every connector's image runs its bin/main`
    );
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints: [paths.entry],
    outfile: paths.outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    // bin/main has no extension; it is CommonJS JavaScript.
    loader: {'': 'js'},
    // The settings tsc compiles with (tsconfig.base.json), fixed here so that no tsconfig file
    // changes what an image carries.
    tsconfigRaw: {compilerOptions: {useDefineForClassFields: true, verbatimModuleSyntax: false}},
    plugins: [workspaceSources(root)],
    metafile: true,
    write: opts.write,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  if (opts.write) {
    mkdirSync(path.dirname(paths.metafile), {recursive: true});
    writeFileSync(paths.metafile, `${JSON.stringify(result.metafile, null, 1)}\n`);
  }
  const output = Object.values(result.metafile.outputs)[0];
  return {
    connector,
    outfile: paths.outfile,
    bytes: output?.bytes ?? 0,
    metafile: result.metafile,
    text: opts.write ? readFileSync(paths.outfile, 'utf8') : (result.outputFiles?.[0]?.text ?? ''),
    warnings: result.warnings.map(
      (w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`
    ),
  };
}
