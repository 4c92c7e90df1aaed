#!/usr/bin/env node
'use strict';
// Diagnostic variant of a source for the bench: the same connector with the exchange's quota
// header ignored (argv: upbit | bithumb, then the connector's own arguments). Comparing its
// request rate with the real connector's shows what the limiter's quota-header hold costs.
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const {connectorMain} = require(path.join(ROOT, 'packages', 'connector-common'));

const exchange = process.argv[2];
const pkg = path.join(ROOT, 'packages', `source-${exchange}-candles`);
const definition = require(path.join(pkg, 'lib', 'index.js'))[exchange];
process.argv.splice(2, 1);
connectorMain(
  {...definition, quotaHeader: () => undefined},
  require(path.join(pkg, 'package.json')).version
);
