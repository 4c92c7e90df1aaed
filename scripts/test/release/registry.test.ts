import {createHash} from 'node:crypto';

import {type Exec, SkopeoRegistry} from '../../src/release/registry';

function execAnswering(code: number, stdout: string, stderr = '') {
  const calls: string[][] = [];
  const exec: Exec = async (cmd, args) => {
    calls.push([cmd, ...args]);
    return {code, stdout: Buffer.from(stdout), stderr};
  };
  return {exec, calls};
}

describe('SkopeoRegistry', () => {
  it('computes the digest from the raw manifest bytes', async () => {
    const manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}';
    const {exec, calls} = execAnswering(0, manifest);
    const digest = await new SkopeoRegistry({tlsVerify: false, exec}).digest(
      '127.0.0.1:5000/r:1.0.0'
    );
    expect(digest).toBe(`sha256:${createHash('sha256').update(manifest).digest('hex')}`);
    expect(calls[0]).toEqual([
      'skopeo',
      'inspect',
      '--raw',
      '--tls-verify=false',
      'docker://127.0.0.1:5000/r:1.0.0',
    ]);
  });

  it.each([
    'reading manifest 1.0.0 in 127.0.0.1:5000/r: manifest unknown: manifest unknown',
    'Error: manifest unknown: Requested image not found',
    'reading manifest 1.0.0 in 127.0.0.1:5000/new: name unknown: repository name not known to registry',
  ])('maps a not-found answer to undefined: %s', async (stderr) => {
    const {exec} = execAnswering(1, '', stderr);
    await expect(
      new SkopeoRegistry({tlsVerify: true, exec}).digest('h/r:1')
    ).resolves.toBeUndefined();
  });

  it('fails on any other registry error', async () => {
    const {exec} = execAnswering(1, '', 'unauthorized: authentication required');
    await expect(new SkopeoRegistry({tlsVerify: true, exec}).digest('h/r:1')).rejects.toThrow(
      /cannot tell whether h\/r:1 exists.*unauthorized/
    );
  });

  it('copies every platform and refuses digest changes', async () => {
    const {exec, calls} = execAnswering(0, '');
    await new SkopeoRegistry({tlsVerify: true, exec}).copy('oci-archive:/x.tar', 'h/r:1.0.0');
    expect(calls[0]).toEqual([
      'skopeo',
      'copy',
      '--all',
      '--preserve-digests',
      '--retry-times=2',
      '--src-tls-verify=true',
      '--dest-tls-verify=true',
      'oci-archive:/x.tar',
      'docker://h/r:1.0.0',
    ]);
  });
});
