import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArticleTexts } from '../../../src/lib/ingest/articleTexts';

/** Whether the promise has settled after pending microtasks ran. */
async function settledYet(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('ArticleTexts: what a sync started on an article waits for', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits for the text being fetched, however long past the wait for one to be asked', async () => {
    const texts = new ArticleTexts();
    const ended = texts.started();
    const waiting = texts.settled(3000);
    expect(await settledYet(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await settledYet(waiting)).toBe(false);
    ended();
    expect(await settledYet(waiting)).toBe(true);
  });

  it('settles at once when a text was fetched already and none is being fetched', async () => {
    const texts = new ArticleTexts();
    texts.started()();
    expect(await settledYet(texts.settled(3000))).toBe(true);
  });

  it('waits for a text asked for later, and counts each job once however often it reports its end', async () => {
    const texts = new ArticleTexts();
    const waiting = texts.settled(3000);
    await vi.advanceTimersByTimeAsync(1000);
    const first = texts.started();
    const second = texts.started();
    first();
    first();
    expect(await settledYet(waiting)).toBe(false);
    second();
    expect(await settledYet(waiting)).toBe(true);
  });

  it('gives up waiting for a text nobody asked for', async () => {
    const texts = new ArticleTexts();
    const waiting = texts.settled(3000);
    await vi.advanceTimersByTimeAsync(2999);
    expect(await settledYet(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(waiting)).toBe(true);
  });

  it('is idle at once when no text is being fetched, else once the last one ends', async () => {
    const texts = new ArticleTexts();
    expect(await settledYet(texts.idle())).toBe(true);
    const first = texts.started();
    const second = texts.started();
    const idle = texts.idle();
    first();
    expect(await settledYet(idle)).toBe(false);
    second();
    expect(await settledYet(idle)).toBe(true);
  });
});
