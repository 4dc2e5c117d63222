import { describe, expect, it } from 'vitest';
import { SearchQueue } from '../../../src/lib/finder/queue';

/** A search that pauses `steps` times, logging as it goes. */
const stepped = (log: string[], name: string, steps: number) => async (pause: () => Promise<void>) => {
  for (let i = 0; i < steps; i++) {
    log.push(`${name}${i}`);
    await pause();
  }
  log.push(`${name} done`);
  return name;
};

describe('SearchQueue: the worker’s searches', () => {
  it('runs searches one at a time, in the order they came, even across pauses', async () => {
    const queue = new SearchQueue();
    const log: string[] = [];
    const answers = await Promise.all([queue.run(1, stepped(log, 'a', 2)), queue.run(2, stepped(log, 'b', 2))]);
    expect(answers).toEqual(['a', 'b']);
    expect(log).toEqual(['a0', 'a1', 'a done', 'b0', 'b1', 'b done']);
  });

  it('abandons a running search at its next pause once cancelled, and never starts a cancelled one', async () => {
    const queue = new SearchQueue();
    const log: string[] = [];
    const running = queue.run(1, async (pause) => {
      log.push('a0');
      queue.cancel(1);
      await pause();
      log.push('a went on');
      return 'a';
    });
    const waiting = queue.run(2, stepped(log, 'b', 1));
    queue.cancel(2);
    const latest = queue.run(3, stepped(log, 'c', 1));
    expect(await Promise.all([running, waiting, latest])).toEqual([null, null, 'c']);
    expect(log).toEqual(['a0', 'c0', 'c done']);
  });

  it('forgets a cancel for a search it does not hold, and goes on after a failed search', async () => {
    const queue = new SearchQueue();
    expect(await queue.run(1, async () => 'a')).toBe('a');
    // The cancel crossed the answer: the same id later (a new worker's numbering) still runs.
    queue.cancel(1);
    expect(await queue.run(1, async () => 'again')).toBe('again');
    await expect(queue.run(2, async () => Promise.reject(new Error('index unreadable')))).rejects.toThrow('index unreadable');
    expect(await queue.run(3, async () => 'after')).toBe('after');
  });

  it('makes a change between searches: never in a running search’s pauses, and after the searches that wait', async () => {
    const queue = new SearchQueue();
    const log: string[] = [];
    const first = queue.run(1, stepped(log, 'a', 3));
    const change = queue.between(() => {
      log.push('part joined');
      return true;
    });
    // Sent after the part arrived, and answered before it joins: the reader waits for no part.
    const next = queue.run(2, stepped(log, 'b', 1));
    expect(await Promise.all([first, change, next])).toEqual(['a', true, 'b']);
    expect(log).toEqual(['a0', 'a1', 'a2', 'a done', 'b0', 'b done', 'part joined']);
  });

  it('makes each change in a task of its own, so a search sent meanwhile goes before the next change', async () => {
    const queue = new SearchQueue();
    const log: string[] = [];
    const parts = [1, 2, 3].map((n) => queue.between(() => log.push(`part ${n}`)));
    // Sent while the first part joins, as a keystroke's message would be.
    await parts[0];
    const search = queue.run(1, stepped(log, 'a', 1));
    await Promise.all([...parts, search]);
    expect(log).toEqual(['part 1', 'a0', 'a done', 'part 2', 'part 3']);
  });

  it('makes a change at once when no search runs or waits', async () => {
    const queue = new SearchQueue();
    expect(await queue.between(async () => 'joined')).toBe('joined');
  });

  it('goes on after a change that failed', async () => {
    const queue = new SearchQueue();
    await expect(queue.between(() => { throw new Error('unreadable part'); })).rejects.toThrow('unreadable part');
    expect(await queue.run(1, async () => 'after')).toBe('after');
  });

  it('is quiet only once no search came, ran, waited or ended for the time asked, counting the reader’s focus too', async () => {
    const queue = new SearchQueue();
    const at = { focus: 0, search: 0, quiet: 0, answered: 0, quietAgain: 0 };
    // Nothing asked yet: quiet at once.
    await queue.quiet(40);
    queue.expectSearches();
    at.focus = performance.now();
    const quiet = queue.quiet(40).then(() => (at.quiet = performance.now()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A keystroke's search before the quiet time is up: the wait counts again from it.
    at.search = performance.now();
    await queue.run(1, async () => 'a');
    await quiet;
    expect(at.quiet - at.search).toBeGreaterThanOrEqual(39);
    // A search that runs long holds it too, however long ago it came.
    let release = (): void => undefined;
    const long = queue.run(2, () => new Promise<string>((resolve) => (release = () => resolve('b'))));
    let quietAgain = false;
    const second = queue.quiet(10).then(() => ((quietAgain = true), (at.quietAgain = performance.now())));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(quietAgain).toBe(false);
    release();
    expect(await long).toBe('b');
    at.answered = performance.now();
    await second;
    // And counted from its answer: the reader reads it before typing on.
    expect(at.quietAgain - at.answered).toBeGreaterThanOrEqual(9);
  });
});
