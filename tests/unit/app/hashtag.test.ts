import { describe, expect, it } from 'vitest';
import { hashtag } from '../../../src/lib/display/hashtag';

describe('hashtag', () => {
  it('joins a topic name into one word', () => {
    expect(hashtag('Distributed Systems')).toBe('#DistributedSystems');
    expect(hashtag('LLM')).toBe('#LLM');
  });

  it('keeps a trailing note apart, so a look-alike still says what it is', () => {
    expect(hashtag('rуst (mixed scripts)')).toBe('#rуst (mixed scripts)');
    expect(hashtag('Edge Computing (mixed scripts)')).toBe('#EdgeComputing (mixed scripts)');
  });
});
