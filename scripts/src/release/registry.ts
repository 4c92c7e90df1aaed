import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';

import {ReleaseError} from './problem';

/**
 * The registry operations releases need. `image` is `HOST/REPO:TAG` or `HOST/REPO@DIGEST`;
 * `source` for copy is any containers-image reference (oci-archive:, oci:, docker://, ...).
 */
export interface Registry {
  /** Manifest digest, or undefined when the tag (or repository) does not exist. Other errors throw. */
  digest(image: string): Promise<string | undefined>;
  labels(image: string): Promise<Record<string, string>>;
  /** Copies a whole image (every platform of an index); the digest must not change. */
  copy(source: string, destImage: string): Promise<void>;
}

export interface ExecResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}
export type Exec = (cmd: string, args: string[]) => Promise<ExecResult>;

const execReal: Exec = (cmd, args) =>
  new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      {encoding: 'buffer', maxBuffer: 64 * 1024 * 1024},
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(new ReleaseError(`cannot run ${cmd}: ${err.message} (is skopeo installed?)`));
          return;
        }
        resolve({
          code: err ? ((err as {code?: number}).code ?? 1) : 0,
          stdout,
          stderr: stderr.toString('utf8'),
        });
      }
    );
  });

/** "manifest unknown" = no such tag; "name unknown" = no such repository (nothing to skip either). */
const NOT_FOUND = /manifest unknown|name unknown|not found: manifest|repository .* not found/i;

export interface SkopeoOptions {
  /** false for a plain-HTTP registry such as the local proof's; ECR needs true. */
  tlsVerify: boolean;
  exec?: Exec;
}

/** Registry access through skopeo: the same calls work against ECR and any OCI registry. */
export class SkopeoRegistry implements Registry {
  private readonly exec: Exec;
  constructor(private readonly opts: SkopeoOptions) {
    this.exec = opts.exec ?? execReal;
  }

  private tls(flag: string): string {
    return `${flag}=${this.opts.tlsVerify}`;
  }

  private async run(args: string[], what: string): Promise<ExecResult> {
    const res = await this.exec('skopeo', args);
    if (res.code !== 0) {
      throw new ReleaseError(`skopeo ${what} failed (exit ${res.code}): ${res.stderr.trim()}`);
    }
    return res;
  }

  async digest(image: string): Promise<string | undefined> {
    const res = await this.exec('skopeo', [
      'inspect',
      '--raw',
      this.tls('--tls-verify'),
      `docker://${image}`,
    ]);
    if (res.code !== 0) {
      if (NOT_FOUND.test(res.stderr)) return undefined;
      throw new ReleaseError(
        `cannot tell whether ${image} exists (not a not-found answer): ${res.stderr.trim()}`
      );
    }
    // The digest of a manifest is the sha256 of its exact bytes.
    return `sha256:${createHash('sha256').update(res.stdout).digest('hex')}`;
  }

  async labels(image: string): Promise<Record<string, string>> {
    const res = await this.run(
      ['inspect', this.tls('--tls-verify'), `docker://${image}`],
      `inspect ${image}`
    );
    const parsed = JSON.parse(res.stdout.toString('utf8')) as {
      Labels?: Record<string, string> | null;
    };
    return parsed.Labels ?? {};
  }

  async copy(source: string, destImage: string): Promise<void> {
    await this.run(
      [
        'copy',
        '--all',
        '--preserve-digests',
        '--retry-times=2',
        this.tls('--src-tls-verify'),
        this.tls('--dest-tls-verify'),
        source,
        `docker://${destImage}`,
      ],
      `copy ${source} -> ${destImage}`
    );
  }
}
