import {connectorMain} from '@korea-candles/connector-common';

import {bithumb} from './bithumb';

export {bithumb};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const {version} = require('../package.json') as {version: string};

export function main(): Promise<void> {
  return connectorMain(bithumb, version);
}
