import {createHash} from 'node:crypto';

import type {Registry} from '../../src/release/registry';

/**
 * In-memory registry with the semantics the release code relies on: tags name manifests by
 * digest, copying keeps the digest, and a failure can be injected for any image.
 */
export class FakeRegistry implements Registry {
  /** "host/repo:tag" -> digest */
  readonly tags = new Map<string, string>();
  readonly labelsByDigest = new Map<string, Record<string, string>>();
  /** source ref -> digest it would produce when pushed */
  readonly sources = new Map<string, string>();
  readonly copies: Array<{source: string; dest: string}> = [];
  failOn?: {image: string; error: Error};

  addSource(source: string, content: string, labels: Record<string, string> = {}): string {
    const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    this.sources.set(source, digest);
    this.labelsByDigest.set(digest, labels);
    return digest;
  }

  private resolveDigest(ref: string): string | undefined {
    const at = ref.lastIndexOf('@');
    return at >= 0 ? ref.slice(at + 1) : this.tags.get(ref);
  }

  async digest(image: string): Promise<string | undefined> {
    if (this.failOn?.image === image) throw this.failOn.error;
    return this.resolveDigest(image);
  }

  async labels(image: string): Promise<Record<string, string>> {
    return this.labelsByDigest.get(this.resolveDigest(image) ?? '') ?? {};
  }

  async copy(source: string, dest: string): Promise<void> {
    const digest = source.startsWith('docker://')
      ? this.resolveDigest(source.slice('docker://'.length))
      : this.sources.get(source);
    if (!digest) throw new Error(`fake: no such source ${source}`);
    this.copies.push({source, dest});
    this.tags.set(dest, digest);
  }
}
