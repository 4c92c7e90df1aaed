'use strict';
// The NODE_OPTIONS the connector image sets (its Dockerfile's `ENV NODE_OPTIONS="..."`), so the
// bench measures the connector as it ships, not with Node's defaults.
const fs = require('node:fs');
const path = require('node:path');

const DOCKERFILE = path.join(__dirname, '..', '..', 'Dockerfile');

/** The value of the last `ENV NODE_OPTIONS="..."` in the Dockerfile, or '' when it sets none. */
function imageNodeOptions(dockerfile = DOCKERFILE) {
  const text = fs.readFileSync(dockerfile, 'utf8');
  const matches = [...text.matchAll(/^ENV NODE_OPTIONS="([^"]*)"\s*$/gm)];
  return matches.length === 0 ? '' : matches[matches.length - 1][1];
}

module.exports = {imageNodeOptions};
