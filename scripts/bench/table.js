'use strict';
// The closing table: one row per measure per source, the figure and the raw numbers behind it.

function printTable(rows) {
  const headers = {source: 'source', measure: 'measure', result: 'result', raw: 'raw numbers'};
  const cols = ['source', 'measure', 'result'];
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(headers[c].length, ...rows.map((r) => r[c].length))])
  );
  const line = (r) => cols.map((c) => r[c].padEnd(width[c])).join(' | ') + ' | ' + r.raw;
  const out = [
    '',
    line(headers),
    cols.map((c) => '-'.repeat(width[c])).join('-|-') + '-|-' + '-'.repeat(11),
    ...rows.map(line),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

module.exports = {printTable};
