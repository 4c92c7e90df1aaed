import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findBinDir} from './pg-server';

describe('the PostgreSQL test server helper', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'market-share-pgbin-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('fails with a clear message when initdb and pg_ctl are not installed', () => {
    expect(() => findBinDir(join(dir, 'empty'), join(dir, 'no-debian'))).toThrow(
      /PostgreSQL server binaries \(initdb, pg_ctl\) not found.*apt-get install -y postgresql/
    );
  });

  it("finds Debian's versioned bin directory, newest first", () => {
    for (const v of ['13', '15']) {
      mkdirSync(join(dir, v, 'bin'), {recursive: true});
      for (const b of ['initdb', 'pg_ctl']) writeFileSync(join(dir, v, 'bin', b), '');
    }
    expect(findBinDir('', dir)).toBe(join(dir, '15', 'bin'));
  });
});
