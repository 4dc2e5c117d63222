import { afterEach, describe, expect, it, vi } from 'vitest';
import { rebuildPause, REBUILD_PAUSE_MS, WakeablePause } from '../../../src/lib/state/libraryParts';

afterEach(() => vi.useRealTimers());

describe('the pause between catalogue rebuilds while a first sync streams in', () => {
  it('is a second while builds are quick', () => {
    expect(rebuildPause(0)).toBe(REBUILD_PAUSE_MS);
    expect(rebuildPause(100)).toBe(REBUILD_PAUSE_MS);
  });

  it('grows with the last build, so building takes at most an eighth of the time', () => {
    expect(rebuildPause(300)).toBe(2400);
    expect(rebuildPause(300) / 300).toBeGreaterThanOrEqual(8);
  });
});

describe('a pause a completed sync ends early', () => {
  it('ends after its time, or at once when woken, and a wake with no pause under way does nothing', async () => {
    vi.useFakeTimers();
    const pause = new WakeablePause();
    pause.wake();
    let ended = 0;
    void pause.for(1000).then(() => ended++);
    await vi.advanceTimersByTimeAsync(999);
    expect(ended).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toBe(1);
    void pause.for(1000).then(() => ended++);
    await vi.advanceTimersByTimeAsync(10);
    pause.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toBe(2);
    // The woken pause's timer is gone: nothing ends twice.
    await vi.advanceTimersByTimeAsync(2000);
    expect(ended).toBe(2);
  });
});
