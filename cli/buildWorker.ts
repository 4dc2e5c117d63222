/** A feed builder worker thread: runs the tasks of cli/buildTasks.ts it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import { runTask, type BuildTask } from './buildTasks';
import { StaleOutput } from './monthTask';

/**
 * The resident set is read at most this often: each read is a /proc file (about 0.1 ms here), and
 * one per task was 5 % of a worker's time on a 10k-post build.
 */
const RSS_EVERY_MS = 100;
let rss = process.memoryUsage.rss();
let sampledAt = performance.now();

function sampledRss(): number {
  const now = performance.now();
  if (now - sampledAt >= RSS_EVERY_MS) {
    rss = process.memoryUsage.rss();
    sampledAt = now;
  }
  return rss;
}

// Each reply names its task: a task that awaits (the head) may answer after the next one.
parentPort?.on('message', async ({ id, task }: { id: number; task: BuildTask }) => {
  try {
    const result = await runTask(task);
    parentPort?.postMessage({ id, ok: true, result, rss: sampledRss() });
  } catch (error) {
    // A stale folder is told apart: the build answers it by building whole. A file system error keeps
    // its code, so the build reports it as one (a body the disk had no room for).
    const code = (error as NodeJS.ErrnoException | null)?.code;
    parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), stale: error instanceof StaleOutput, code: typeof code === 'string' ? code : null });
  }
});
