import {promote} from '../../src/release/promote';
import {FakeRegistry} from './fake-registry';

const devRepo = 'registry.example/dev/korea-candles/source-a';
const prodRepo = 'registry.example/korea-candles/source-a';
const devTag = '0.2.0-dev.9.g1a2b3c4';

function setup(label = '0.2.0') {
  const registry = new FakeRegistry();
  const digest = registry.addSource('oci-archive:/x.tar', 'dev image', {
    'io.airbyte.version': label,
  });
  registry.tags.set(`${devRepo}:${devTag}`, digest);
  return {registry, digest};
}

const opts = {
  fromRepository: devRepo,
  fromTag: devTag,
  toRepository: prodRepo,
  to: '0.2.0',
  movingTags: ['prod', 'latest'],
};

describe('promote', () => {
  it('gives the dev image its release and moving tags with the same digest, by copy not rebuild', async () => {
    const {registry, digest} = setup();
    expect(await promote(registry, opts)).toEqual([
      {tag: '0.2.0', outcome: 'pushed', digest},
      {tag: 'prod', outcome: 'moved', digest},
      {tag: 'latest', outcome: 'moved', digest},
    ]);
    expect(
      registry.copies.every(
        (c) =>
          c.source === `docker://${devRepo}@${digest}` ||
          c.source.startsWith(`docker://${prodRepo}@`)
      )
    ).toBe(true);
    expect(registry.tags.get(`${prodRepo}:0.2.0`)).toBe(digest);
  });

  it('is a no-op the second time', async () => {
    const {registry, digest} = setup();
    await promote(registry, opts);
    const n = registry.copies.length;
    expect((await promote(registry, opts)).map((r) => r.outcome)).toEqual([
      'exists',
      'unchanged',
      'unchanged',
    ]);
    expect(registry.copies.length).toBe(n);
    expect(registry.tags.get(`${prodRepo}:prod`)).toBe(digest);
  });

  it('refuses when the release tag already holds another image', async () => {
    const {registry} = setup();
    registry.tags.set(`${prodRepo}:0.2.0`, 'sha256:other');
    await expect(promote(registry, opts)).rejects.toThrow(
      /already exists with digest sha256:other/
    );
    expect(registry.tags.get(`${prodRepo}:prod`)).toBeUndefined();
  });

  it('refuses a dev tag of another version, a missing image, or a mismatched label', async () => {
    const {registry} = setup();
    await expect(promote(registry, {...opts, to: '0.3.0'})).rejects.toThrow(
      /dev build of 0\.2\.0, not of 0\.3\.0/
    );
    await expect(promote(registry, {...opts, fromTag: '0.2.0-dev.10.g1a2b3c4'})).rejects.toThrow(
      /does not exist/
    );
    const bad = setup('0.1.9').registry;
    await expect(promote(bad, opts)).rejects.toThrow(
      /io\.airbyte\.version=0\.1\.9, expected 0\.2\.0/
    );
  });

  it('keeps moving tags off release candidates', async () => {
    const {registry} = setup();
    await expect(
      promote(registry, {...opts, fromTag: '0.2.0-rc.1.dev.3.gabcdef0', to: '0.2.0-rc.1'})
    ).rejects.toThrow(/release candidate/);
  });
});
