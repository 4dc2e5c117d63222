/** A feed builder worker thread: runs the tasks of cli/buildTasks.ts it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { runTask, type BuildTask } from './buildTasks';

parentPort?.on('message', (task: BuildTask) => {
  try {
    parentPort?.postMessage({ ok: true, result: runTask(task), rss: process.memoryUsage().rss });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
