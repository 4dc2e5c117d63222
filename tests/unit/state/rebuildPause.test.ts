import { describe, expect, it } from 'vitest';
import { rebuildPause, REBUILD_PAUSE_MS } from '../../../src/lib/state/libraryParts';

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
