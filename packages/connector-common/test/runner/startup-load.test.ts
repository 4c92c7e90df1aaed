// spec, check and discover run on every connector page view, so loading the SDK must not load
// what only a sync needs. A fresh Node process loads the built entry point (lib/index.js, what
// every source's bin/main requires) and lists the modules it loaded.
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';

const LIB = join(__dirname, '..', '..', 'lib', 'index.js');

function modulesLoadedBy(script: string): string[] {
  const out = execFileSync(
    process.execPath,
    ['-e', `${script}; process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
    {encoding: 'utf8'}
  );
  return JSON.parse(out) as string[];
}

test('the entry point loads neither the CDK package, axios nor market-share', () => {
  const loaded = modulesLoadedBy(`require(${JSON.stringify(LIB)})`);
  expect(
    loaded.some((m) => m.endsWith(join('lib', 'index.js')) && m.includes('connector-common'))
  ).toBe(true);
  const heavy = loaded.filter((m) =>
    /node_modules[\\/](faros-airbyte-cdk[\\/]lib[\\/]index\.js|faros-js-client|axios|pino)|connector-common[\\/]lib[\\/]market-share[\\/]?/.test(
      m
    )
  );
  expect(heavy).toEqual([]);
});
