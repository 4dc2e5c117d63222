import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderSegmentOptions } from '../../../cli/feedSearch';
import { buildMonth, type MonthTask } from '../../../cli/monthTask';
import { TermSpill } from '../../../cli/termSpill';
import type { FeedArticle } from '../../../src/lib/feed/folder';
import { buildSegment } from '../../../src/lib/search/build';
import { countTerms } from '../../../src/lib/search/termCounts';

const dirs: string[] = [];
const spills: TermSpill[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const s of spills.splice(0)) s.dispose();
});

const article = (id: string, date: string): FeedArticle => ({
  id, slug: id, url: '', title: `Title ${id}`, date, topics: ['go'], author: 'Ada', summary: 'In short.', summaryTruncated: false, words: 3, readingMinutes: 1,
  body: { href: `bodies/${id}.html`, hash: '0'.repeat(16), bytes: 10 },
});

function task(root: string, posts: MonthTask['posts'], termsFile: string | null): MonthTask {
  return { type: 'month', month: '2026-04', posts, oldShards: [], changes: false, root, termsFile, defaultAuthor: null };
}

describe('a month task', () => {
  it('indexes a rendered post from its counted terms, without reading its body file back', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'month-'));
    dirs.push(root);
    const spill = new TermSpill();
    spills.push(spill);
    const a = article('a', '2026-04-02T00:00:00.000Z');
    // No body file exists: only the counted terms can index it.
    const terms = spill.put('2026-04', JSON.stringify(countTerms('spilled words only', folderSegmentOptions('x'))));
    const [shard] = buildMonth(task(root, [{ article: a, sameMonth: false, terms }], spill.file('2026-04')));
    const expected = buildSegment([{ id: 'a', title: a.title, topics: a.topics, author: 'Ada', summary: a.summary, body: 'spilled words only' }], folderSegmentOptions(shard?.key as string));
    expect(shard?.segment).toEqual(expected);
  });

  it('reads the body file back for a post that brings no counted terms', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'month-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'bodies'));
    writeFileSync(path.join(root, 'bodies', 'b.html'), '<p>read <em>back</em></p>\n<p>words</p>');
    const b = article('b', '2026-04-03T00:00:00.000Z');
    const [shard] = buildMonth(task(root, [{ article: b, sameMonth: false, terms: null }], null));
    const expected = buildSegment([{ id: 'b', title: b.title, topics: b.topics, author: 'Ada', summary: b.summary, body: 'read back words' }], folderSegmentOptions(shard?.key as string));
    expect(shard?.segment).toEqual(expected);
  });
});
