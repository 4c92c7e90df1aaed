import {publish} from '../../src/release/publish';
import {FakeRegistry} from './fake-registry';

const repo = 'registry.example/dev/korea-candles/source-a';
const source = 'oci-archive:/tmp/source-a.tar';

describe('publish', () => {
  it('pushes a new version tag, points the moving tag at it, and pushes nothing on a rerun', async () => {
    const registry = new FakeRegistry();
    const digest = registry.addSource(source, 'image-1');
    const opts = {source, repository: repo, tags: ['0.1.0-dev.1.gabcdef0'], movingTags: ['dev']};

    expect(await publish(registry, opts)).toEqual([
      {tag: '0.1.0-dev.1.gabcdef0', outcome: 'pushed', digest},
      {tag: 'dev', outcome: 'moved', digest},
    ]);
    expect(registry.tags.get(`${repo}:dev`)).toBe(digest);

    const copiesBefore = registry.copies.length;
    expect(await publish(registry, opts)).toEqual([
      {tag: '0.1.0-dev.1.gabcdef0', outcome: 'exists', digest},
      {tag: 'dev', outcome: 'unchanged', digest},
    ]);
    expect(registry.copies.length).toBe(copiesBefore);
  });

  it('never overwrites an existing version tag, even with a different build', async () => {
    const registry = new FakeRegistry();
    const old = registry.addSource('oci-archive:/old.tar', 'old build');
    registry.addSource(source, 'new build');
    registry.tags.set(`${repo}:0.1.0`, old);
    registry.tags.set(`${repo}:latest`, 'sha256:older');

    const results = await publish(registry, {
      source,
      repository: repo,
      tags: ['0.1.0'],
      movingTags: ['latest'],
    });
    expect(results).toEqual([
      {tag: '0.1.0', outcome: 'exists', digest: old},
      {tag: 'latest', outcome: 'moved', digest: old},
    ]);
    expect(registry.tags.get(`${repo}:0.1.0`)).toBe(old);
  });

  it('fails on any registry error other than not-found, before pushing', async () => {
    const registry = new FakeRegistry();
    registry.addSource(source, 'image');
    registry.failOn = {image: `${repo}:0.1.0`, error: new Error('AccessDenied')};
    await expect(
      publish(registry, {source, repository: repo, tags: ['0.1.0'], movingTags: []})
    ).rejects.toThrow('AccessDenied');
    expect(registry.copies).toEqual([]);
  });

  it('rejects tags docker cannot carry', async () => {
    const registry = new FakeRegistry();
    await expect(
      publish(registry, {source, repository: repo, tags: ['0.1.0+build.1'], movingTags: []})
    ).rejects.toThrow(/not valid docker tags: 0\.1\.0\+build\.1/);
  });
});
