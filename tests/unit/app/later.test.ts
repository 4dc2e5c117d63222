import { describe, expect, it } from 'vitest';
import { later } from '../../../src/app/shared/later';

describe('later', () => {
  it('resolves each call in a task of its own, in the order of the calls', async () => {
    const order: string[] = [];
    let between: Promise<void> = Promise.resolve();
    const turns = ['header', 'list', 'footer'].map((name) =>
      later().then(() => {
        order.push(name);
        // A task queued by a turn runs before the next turn: each turn waits for a task of its own.
        if (name === 'header') between = new Promise<void>((resolve) => setTimeout(() => (order.push('a task queued by the header'), resolve()), 0));
      }),
    );
    await Promise.all(turns);
    await between;
    expect(order).toEqual(['header', 'a task queued by the header', 'list', 'footer']);
  });

  it('has not resolved by the end of the task that called it', async () => {
    let done = false;
    void later().then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(true);
  });
});
