/**
 * `npm run bundle [-- <connector>...]`: bundles each connector (default: every package with a
 * metadata.yaml) into packages/<connector>/dist/main.js, the file its image runs, with
 * dist/metafile.json beside it, and prints the sizes.
 */
import {readdirSync, existsSync} from 'node:fs';
import path from 'node:path';

import {bundleConnector} from './bundle';
import {imageContentsOf} from './image-contents';

function connectors(root: string): string[] {
  return readdirSync(path.join(root, 'packages'))
    .filter((p) => existsSync(path.join(root, 'packages', p, 'metadata.yaml')))
    .sort();
}

async function main(argv: string[]): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const names = argv.length > 0 ? argv : connectors(root);
  for (const connector of names) {
    const bundle = await bundleConnector(root, connector, {write: true});
    for (const w of bundle.warnings) console.error(`warning: ${connector}: ${w}`);
    const contents = imageContentsOf(bundle.metafile, bundle.text);
    console.log(
      `${path.relative(root, bundle.outfile)}: ${(bundle.bytes / 1024).toFixed(0)} KiB from ${contents.files.length} source files and ${contents.packages.length} packages`
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bundle: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
);
