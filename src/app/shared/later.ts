let queue: Promise<void> = Promise.resolve();

/**
 * Resolves in a task of its own after every earlier call's: parts of the page a reader does not need
 * for the first paint mount one task each, so no single start-up task blocks input for long.
 */
export function later(): Promise<void> {
  queue = queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  return queue;
}
