'use strict';
// Every process the bench starts is registered here and killed, by its own pid, when the
// bench ends however it ends (normal exit, error, Ctrl-C), so no simulator or connector is left.
const live = new Set();

function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function killAll() {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

module.exports = {track, killAll};
