import {execFileSync} from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';

/** A throw-away PostgreSQL server in a temp dir, for tests; stop() by its postmaster pid. */
export interface PgServer {
  /** The postmaster's pid. */
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly password: string;
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<v>/bin. */
export function findBinDir(
  pathEnv = process.env.PATH ?? '',
  debianRoot = '/usr/lib/postgresql'
): string {
  const candidates = [
    ...pathEnv.split(':'),
    ...(existsSync(debianRoot)
      ? readdirSync(debianRoot)
          .sort()
          .reverse()
          .map((v) => join(debianRoot, v, 'bin'))
      : []),
  ];
  const dir = candidates.find(
    (d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))
  );
  if (!dir) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: ' +
        "install Debian's postgresql package (apt-get install -y postgresql); .ci/run does this"
    );
  }
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * initdb into a temp dir and start postgres on a free 127.0.0.1 port with password (scram)
 * authentication. As root the server runs as the `postgres` user (postgres refuses root).
 */
export async function startPgServer(): Promise<PgServer> {
  const bin = findBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'market-share-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {stdio: 'pipe'})
      : execFileSync(join(bin, cmd), args, {stdio: 'pipe'});
  const password = 'test-secret-pw-7d1f';
  let pid: number | undefined;
  try {
    const pgUid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : 0;
    const pgGid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : 0;
    if (asRoot) chownSync(dir, pgUid, pgGid);
    chmodSync(dir, 0o700);
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, password + '\n', {mode: 0o600});
    if (asRoot) chownSync(pwfile, pgUid, pgGid);
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    const port = await freePort();
    run('pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const serverPid = pid;
    return {
      pid: serverPid,
      port,
      password,
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      async stop() {
        process.kill(serverPid, 'SIGINT'); // fast shutdown
        for (let i = 0; i < 300 && alive(serverPid); i++)
          await new Promise((r) => setTimeout(r, 100));
        if (alive(serverPid)) process.kill(serverPid, 'SIGKILL');
        rmSync(dir, {recursive: true, force: true});
      },
    };
  } catch (e) {
    if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    rmSync(dir, {recursive: true, force: true});
    const stderr = (e as {stderr?: Buffer}).stderr?.toString() ?? '';
    throw new Error(`could not start PostgreSQL: ${(e as Error).message}\n${stderr}\n${log}`, {
      cause: e,
    });
  }
}
