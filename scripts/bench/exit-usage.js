'use strict';
// Preloaded into the connector by the start-up bench (`node --require`): when the process exits,
// writes its peak RSS (kB) and CPU time (user + system, ms) to stderr as one `BENCH_USAGE` line.
// A start-up is over before a /proc poll would see it, so the process reports on itself.
process.once('exit', () => {
  const {maxRSS, userCPUTime, systemCPUTime} = process.resourceUsage();
  process.stderr.write(
    `BENCH_USAGE ${maxRSS} ${((userCPUTime + systemCPUTime) / 1000).toFixed(1)}\n`
  );
});
