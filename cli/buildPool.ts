/**
 * Runs the builder's tasks on a pool of worker threads, one per core, or inline for small jobs.
 * Hand-rolled on node:worker_threads: a queue and N workers is all the builder needs, and the
 * workers load TypeScript through tsx, which a pool library would have to be told about anyway.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type BuildTask, type HeadFile, type HeadTask, type PostBatch, type PostOutcome } from './buildTasks';
import { StaleOutput, type MonthShard, type MonthTask } from './monthTask';

export interface TaskRunner {
  run(task: PostBatch): Promise<PostOutcome[]>;
  run(task: MonthTask): Promise<MonthShard[]>;
  run(task: HeadTask): Promise<HeadFile>;
  /** The largest resident set of the whole process (main thread and workers share it) sampled as a worker finished a task, in bytes; 0 inline. */
  peakRss(): number;
  close(): Promise<void>;
}

type Settle = { resolve: (value: never) => void; reject: (error: Error) => void };
type Reply = { id: number } & ({ ok: true; result: unknown; rss: number } | { ok: false; message: string; stale: boolean; code: string | null });

export function defaultWorkers(): number {
  return os.availableParallelism();
}

/** Runs each task on the calling thread. */
export function inlineRunner(): TaskRunner {
  return {
    run: ((task: BuildTask) => Promise.resolve().then(() => runTask(task))) as TaskRunner['run'],
    peakRss: () => 0,
    close: () => Promise.resolve(),
  };
}

/**
 * Tasks a worker holds at once, so that it starts the next as soon as it replies rather than after
 * this thread has handled the reply. Sixteen, not two: with 100,000 records held, this thread's own
 * pauses (writing bodies, collecting garbage) outlast a post's render, and a full build's workers sat
 * idle 15 s each with two, 9 s with sixteen. The least loaded worker gets each task.
 */
const DEPTH = 16;

export function workerPool(size: number): TaskRunner {
  const queue: { task: BuildTask; settle: Settle }[] = [];
  /** Each worker's tasks sent and not answered, by task number. */
  const sent = new Map<Worker, Map<number, Settle>>();
  let nextId = 0;
  let peak = 0;
  let failure: Error | null = null;
  let closing = false;

  const dispatch = () => {
    for (;;) {
      let worker: Worker | null = null;
      for (const [w, tasks] of sent) if (tasks.size < DEPTH && (worker === null || tasks.size < (sent.get(worker) as Map<number, Settle>).size)) worker = w;
      if (worker === null || queue.length === 0) return;
      const { task, settle } = queue.shift() as (typeof queue)[number];
      const id = nextId++;
      sent.get(worker)?.set(id, settle);
      worker.postMessage({ id, task });
    }
  };
  const start = () => {
    // buildWorker.mjs registers tsx's loader first, so the worker runs the TypeScript sources as the CLI does.
    const worker = new Worker(new URL('./buildWorker.mjs', import.meta.url));
    const tasks = new Map<number, Settle>();
    sent.set(worker, tasks);
    worker.on('message', (reply: Reply) => {
      const settle = tasks.get(reply.id);
      tasks.delete(reply.id);
      if (reply.ok) {
        peak = Math.max(peak, reply.rss);
        settle?.resolve(reply.result as never);
      } else settle?.reject(reply.stale ? new StaleOutput(reply.message) : Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}));
      dispatch();
    });
    const fail = (error: Error) => {
      failure ??= error;
      for (const settle of tasks.values()) settle.reject(error);
      tasks.clear();
      for (const { settle } of queue.splice(0)) settle.reject(error);
    };
    worker.on('error', fail);
    // A worker that ends on its own (out of memory, say) must not leave its task waiting forever.
    worker.on('exit', (code) => void (closing || fail(new Error(`a build worker stopped (exit code ${code})`))));
  };
  for (let i = 0; i < Math.max(1, size); i++) start();
  return {
    run: ((task: BuildTask) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        queue.push({ task, settle: { resolve, reject } });
        dispatch();
      })) as TaskRunner['run'],
    peakRss: () => peak,
    close: async () => {
      closing = true;
      await Promise.all([...sent.keys()].map((w) => w.terminate()));
    },
  };
}
