import { QueryClient } from '@tanstack/svelte-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncQueryKey } from '../../../src/lib/queries/sync';
import { afterSync } from '../../../src/lib/state/afterSync';

/** A promise's state without waiting for it. */
async function settledYet(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await Promise.resolve();
  await Promise.resolve();
  return settled;
}

/** A sync query the test finishes (or fails) when it chooses. */
function pendingSync(client: QueryClient, sourceId: string) {
  let finish!: () => void;
  let fail!: () => void;
  void client
    .fetchQuery({
      queryKey: syncQueryKey(sourceId),
      queryFn: () => new Promise<number>((resolve, reject) => ((finish = () => resolve(1)), (fail = () => reject(new Error('offline'))))),
      retry: false,
    })
    .catch(() => undefined);
  return { finish: () => finish(), fail: () => fail() };
}

describe('afterSync', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for the source’s sync to store its list, not for another source’s', async () => {
    const client = new QueryClient();
    const mine = pendingSync(client, 'bundled');
    const other = pendingSync(client, 'other');
    const after = afterSync(client, 'bundled', 60_000);
    other.finish();
    expect(await settledYet(after)).toBe(false);
    mine.finish();
    await vi.waitFor(async () => expect(await settledYet(after)).toBe(true));
  });

  it('resolves after a failed sync too', async () => {
    const client = new QueryClient();
    const sync = pendingSync(client, 'bundled');
    const after = afterSync(client, 'bundled', 60_000);
    expect(await settledYet(after)).toBe(false);
    sync.fail();
    await vi.waitFor(async () => expect(await settledYet(after)).toBe(true));
  });

  it('resolves at once when the sync has already run, and after the limit when it never starts', async () => {
    const client = new QueryClient();
    client.setQueryData(syncQueryKey('bundled'), 1);
    expect(await settledYet(afterSync(client, 'bundled', 60_000))).toBe(true);

    vi.useFakeTimers();
    const waiting = afterSync(new QueryClient(), 'bundled', 10_000);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(await settledYet(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(waiting)).toBe(true);
  });
});
