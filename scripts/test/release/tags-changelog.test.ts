import semver from 'semver';

import {changelogHeading, parseChangelog} from '../../src/release/changelog';
import {devTag, isDockerTag, releaseOfDevTag} from '../../src/release/tags';

describe('dev tags', () => {
  it.each([
    ['1.2.3', 5, 'ABCDEF0123', '1.2.3-dev.5.gabcdef0'],
    ['1.2.3', 12, '0000000123', '1.2.3-dev.12.g0000000'],
    ['1.2.3-rc.2', 1, 'abcdef0', '1.2.3-rc.2.dev.1.gabcdef0'],
  ])(
    '%s run %i sha %s -> %s, valid semver and docker tag, below the final release',
    (v, run, sha, expected) => {
      const tag = devTag(v, run, sha);
      expect(tag).toBe(expected);
      expect(semver.valid(tag)).toBe(tag);
      expect(isDockerTag(tag)).toBe(true);
      // A dev build of an rc sorts above that rc but below the final release X.Y.Z.
      expect(semver.lt(tag, `${semver.major(v)}.${semver.minor(v)}.${semver.patch(v)}`)).toBe(true);
      expect(releaseOfDevTag(tag)).toBe(v);
    }
  );

  it('orders dev builds of one version by run number', () => {
    expect(semver.lt(devTag('1.0.0', 9, 'fffffff'), devTag('1.0.0', 10, '0000000'))).toBe(true);
  });

  it('does not take a release or a foreign tag for a dev tag', () => {
    expect(releaseOfDevTag('1.2.3')).toBeUndefined();
    expect(releaseOfDevTag('1.2.3-dev.abc')).toBeUndefined();
  });
});

describe('changelog', () => {
  it('reads "## X.Y.Z - YYYY-MM-DD" headings only', () => {
    const text =
      '# Changelog\n\n## 0.2.0 - 2026-11-30\n\n- b\n\n## 0.1.0 - 2026-13-01\n\n## 0.0.1\n';
    expect(parseChangelog(text)).toEqual([{version: '0.2.0', date: '2026-11-30', line: 3}]);
    expect(changelogHeading('1.0.0', new Date('2026-11-25T10:00:00Z'))).toBe(
      '## 1.0.0 - 2026-11-25'
    );
  });
});
