'use strict';
// Parent side of sim-host.js: start a simulator process, ask it for stats, stop it.
const {fork} = require('node:child_process');
const path = require('node:path');
const {setTimeout, clearTimeout} = require('node:timers');

const {track} = require('./children');

const HOST = path.join(__dirname, 'sim-host.js');
const START_TIMEOUT_MS = 20_000;
const ASK_TIMEOUT_MS = 10_000;

/** Starts a simulator with `options` (startSimulator's); resolves once it listens. */
function startSimulatorProcess(options) {
  const child = track(
    fork(HOST, [JSON.stringify(options)], {stdio: ['ignore', 'ignore', 'pipe', 'ipc']})
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const pending = new Map();
  let nextId = 1;

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simulator did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const err = new Error(`simulator exited (code ${code}, signal ${signal}): ${stderr}`);
      for (const {reject: fail} of pending.values()) fail(err);
      pending.clear();
      reject(err);
    });
    child.on('message', (msg) => {
      if (msg.ready) {
        clearTimeout(timer);
        resolve({url: msg.url, stats, close});
        return;
      }
      const waiter = pending.get(msg.id);
      if (waiter) {
        pending.delete(msg.id);
        waiter.resolve(msg);
      }
    });
  });

  /** `{stats: /__admin/stats, arrivals: {upbit|bithumb: {count, firstMs, lastMs}}}` */
  function stats() {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`simulator did not answer a stats request within ${ASK_TIMEOUT_MS} ms`));
      }, ASK_TIMEOUT_MS);
      pending.set(id, {
        resolve: (msg) => {
          clearTimeout(timer);
          resolve(msg);
        },
        reject,
      });
      child.send({cmd: 'stats', id});
    });
  }

  function close() {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.send({cmd: 'close'});
    });
  }
}

module.exports = {startSimulatorProcess};
