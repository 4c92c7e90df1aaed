import {bundleConnector} from '../bundle/bundle';
import {type ImageContents, imageContentsOf} from '../bundle/image-contents';
import {listConnectors} from './connectors';
import type {GitRepo} from './git';
import {ReleaseError} from './problem';

/**
 * What each connector's image carries at `head`, by bundling the working tree exactly as the
 * Dockerfile does (without writing the bundles). The working tree must be `head` checked out.
 */
export async function imageContentsAt(
  git: GitRepo,
  headRef: string
): Promise<Map<string, ImageContents>> {
  const head = git.resolve(headRef);
  const checkedOut = git.resolve('HEAD');
  if (checkedOut !== head) {
    throw new ReleaseError(
      `what an image carries is computed by bundling the working tree, which is ${checkedOut.slice(0, 7)}, not --head ${headRef} (${head.slice(0, 7)}); check out ${headRef} first`
    );
  }
  const contents = new Map<string, ImageContents>();
  for (const c of listConnectors(git, head)) {
    const bundle = await bundleConnector(git.dir, c.connector, {write: false});
    contents.set(c.connector, imageContentsOf(bundle.metafile, bundle.text));
  }
  return contents;
}

/** The contents of one connector, or a clear error naming what is missing. */
export function contentsOf(
  contents: ReadonlyMap<string, ImageContents>,
  connector: string
): ImageContents {
  const found = contents.get(connector);
  if (!found) {
    throw new ReleaseError(
      `no bundle for ${connector}: its image contents are unknown; does packages/${connector}/bin/main exist at head?`
    );
  }
  return found;
}
