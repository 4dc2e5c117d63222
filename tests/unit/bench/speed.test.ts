import { describe, expect, it } from 'vitest';
import { probeDocument, speedProbe } from '../../../bench/speed';

describe('the machine speed probe', () => {
  it('times the same work every run', () => {
    const a = probeDocument(1000);
    expect(probeDocument(1000)).toBe(a);
    expect(JSON.parse(a)).toHaveLength(1000);
    expect(probeDocument(1001)).not.toBe(a);
  });

  it('reports the median of its rounds', () => {
    const probe = speedProbe(3, probeDocument(2000));
    expect(probe.rounds).toHaveLength(3);
    expect(probe.ms).toBe([...probe.rounds].sort((x, y) => x - y)[1]);
    expect(probe.work).toMatch(/median of 3$/);
  });
});
