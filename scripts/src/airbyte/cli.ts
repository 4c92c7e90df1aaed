import {parseCliArgs, USAGE} from './args';
import {credentialsFromEnv, secretsOf} from './auth';
import {CliError} from './errors';
import {register} from './register';

// Redacted before anything is parsed, so even a usage error cannot echo them.
const SECRET_ENV = ['AIRBYTE_PASSWORD', 'AIRBYTE_TOKEN', 'AIRBYTE_CLIENT_SECRET'];

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the command and returns its exit code: 0 ok, 1 failed, 2 usage error. Everything printed
 * goes through `redact`, so no secret reaches the terminal even if a server echoes it back.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets = new Set<string>();
  const redact = (text: string) => {
    let out = text;
    for (const secret of secrets) {
      out = out.split(secret).join('***');
    }
    return out;
  };
  const print = (line: string) => io.stdout(`${redact(line)}\n`);
  const fail = (line: string) => io.stderr(`${redact(line)}\n`);
  for (const name of SECRET_ENV) {
    const value = io.env[name];
    if (value) {
      secrets.add(value);
    }
  }
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      print(USAGE);
      return 0;
    }
    const credentials = credentialsFromEnv(io.env);
    secretsOf(credentials).forEach((s) => secrets.add(s));
    await register(args, credentials, {info: print}, (s) => secrets.add(s));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      fail(`error: ${err.message}`);
      return err.exitCode;
    }
    fail(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
