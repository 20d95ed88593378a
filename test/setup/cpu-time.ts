// Opt-in setup file (scripts/test-durations.mjs sets TOOLFORGE_TEST_CPU_LOG):
// records the CPU time each test file used — the vitest worker process with
// its sandbox threads, plus the child processes it waited for — because wall
// time alone misleads on a machine that other work keeps busy.
import { appendFileSync, readFileSync } from "node:fs";
import { afterAll, expect } from "vitest";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds of this process (every thread) and of its reaped children. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields after the ")" of the command name: cutime and cstime are the 14th and 15th.
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    // No /proc: children are not counted.
  }
  return (own.user + own.system) / 1e6 + children;
}

const log = process.env.TOOLFORGE_TEST_CPU_LOG;
// Setup files run again before each test file is imported, so this counts its imports too.
const start = cpuSeconds();
afterAll(() => {
  const file = expect.getState().testPath;
  if (log && file) appendFileSync(log, JSON.stringify({ file, cpuSeconds: cpuSeconds() - start }) + "\n");
});
