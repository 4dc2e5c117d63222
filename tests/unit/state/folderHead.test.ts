import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FOLDER_HEAD_MAX_BYTES, type HeadRecord } from '../../../src/lib/model/head';
import { fetchFolderHead, readFolderHead, startHead } from '../../../src/lib/state/head';

/** The bundled feed's head.json, as `npm run feed:default` wrote it. */
const bundled = readFileSync(path.resolve(import.meta.dirname, '../../../public/feed/head.json'), 'utf8');
const head = JSON.parse(bundled) as HeadRecord;

class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number { return this.#items.size; }
  clear(): void { this.#items.clear(); }
  getItem(key: string): string | null { return this.#items.get(key) ?? null; }
  key(index: number): string | null { return [...this.#items.keys()][index] ?? null; }
  removeItem(key: string): void { this.#items.delete(key); }
  setItem(key: string, value: string): void { this.#items.set(key, value); }
}

/** A body sent in small pieces with no length given, as a chunked response is. */
function streamed(text: string): Response {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new Response(new ReadableStream({ pull: (c) => (at < bytes.length ? c.enqueue(bytes.slice(at, (at += 4096))) : c.close()) }));
}

describe('a feed folder’s head, read at start', () => {
  it('reads the bundled head.json and moves its links under the app’s base', async () => {
    const read = (await readFolderHead(new Response(bundled), '/reader/')) as HeadRecord;
    expect(read.cards.map((c) => c.title)).toEqual(head.cards.map((c) => c.title));
    expect(read.cards[0]?.href).toBe(`/reader/${head.cards[0]?.href.slice(1)}`);
    expect(read.cards[0]?.topics[0]?.href).toMatch(/^\/reader\/\?topic=/);
    expect(await readFolderHead(streamed(bundled), '/')).toEqual(head);
  });

  it('refuses a missing, damaged, oversized or foreign head', async () => {
    const refused = async (response: Response) => expect(await readFolderHead(response, '/')).toBeNull();
    await refused(new Response('not found', { status: 404 }));
    await refused(new Response('<!doctype html><p>garbage'));
    await refused(new Response(JSON.stringify({ ...head, format: 2 })));
    await refused(new Response(JSON.stringify({ ...head, cards: [] })));
    const big = JSON.stringify({ ...head, sourceTitle: 'x'.repeat(FOLDER_HEAD_MAX_BYTES) });
    await refused(streamed(big));
    await refused(new Response(big, { headers: { 'content-length': String(big.length) } }));
    // Links off the site, or marks only a reader's own head can hold.
    const card = head.cards[0] as HeadRecord['cards'][number];
    await refused(new Response(JSON.stringify({ ...head, cards: [{ ...card, href: 'javascript:alert(1)' }] })));
    await refused(new Response(JSON.stringify({ ...head, cards: [{ ...card, href: '//elsewhere.test/x' }] })));
    await refused(new Response(JSON.stringify({ ...head, cards: [{ ...card, read: true }] })));
    await refused(new Response(JSON.stringify({ ...head, continueReading: [{ href: '/read/x', title: 'X', percent: 40 }] })));
  });

  it('fetches feed/head.json beside the app', async () => {
    const fetcher = vi.fn(async () => new Response(bundled));
    expect(await fetchFolderHead('/reader/', fetcher)).not.toBeNull();
    expect(fetcher).toHaveBeenCalledWith('/reader/feed/head.json');
  });
});

describe('the head a start paints', () => {
  const folder = () => Promise.resolve(head);

  it('is the folder’s on a first visit: nothing stored and no database', async () => {
    const folderHead = vi.fn(folder);
    expect(await startHead(new MemoryStorage(), folderHead, async () => null)).toEqual({ head, firstVisit: true });
    expect(folderHead).toHaveBeenCalledOnce();
  });

  it('is never the folder’s once anything is stored', async () => {
    const folderHead = vi.fn(folder);
    // A database, even an empty one: the reader has sources, marks or a cleared library.
    expect(await startHead(new MemoryStorage(), folderHead, async () => ({ chunks: [], head: null }))).toBeNull();
    expect(await startHead(new MemoryStorage(), folderHead, async () => ({ chunks: ['default/2026-04#h'], head: null }))).toBeNull();
    // A database slow to open is one that exists.
    expect(await startHead(new MemoryStorage(), folderHead, () => new Promise(() => {}))).toBeNull();
    const settings = new MemoryStorage();
    settings.setItem('folio.settings', '{"theme":"dark"}');
    const calls = folderHead.mock.calls.length;
    expect(await startHead(settings, folderHead, async () => null)).toBeNull();
    expect(folderHead).toHaveBeenCalledTimes(calls);
  });

  it('is the reader’s own head while it matches what is stored', async () => {
    const own = { ...head, sourceTitle: 'Own' };
    const storage = new MemoryStorage();
    storage.setItem('folio.sources', '[]');
    const folderHead = vi.fn(folder);
    expect(await startHead(storage, folderHead, async () => ({ chunks: [...own.chunks], head: own }))).toEqual({ head: own, firstVisit: false });
    // The chunks it was made from are gone (a sync, a removed source): no head.
    expect(await startHead(storage, folderHead, async () => ({ chunks: own.chunks.slice(1), head: own }))).toBeNull();
    expect(await startHead(storage, folderHead, async () => ({ chunks: [...own.chunks], head: { ...own, format: -1 } }))).toBeNull();
    expect(await startHead(storage, folderHead, async () => null)).toBeNull();
    expect(folderHead).not.toHaveBeenCalled();
  });

  it('gives a first visit one second for the database check and the folder’s head together', async () => {
    vi.useFakeTimers();
    try {
      const answerAt = <T>(ms: number, value: T) => () => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
      const settle = async <T>(promise: Promise<T>, ms: number): Promise<T> => {
        await vi.advanceTimersByTimeAsync(ms);
        return promise;
      };
      // A database check slower than a returning reader is given (a new profile on a busy machine).
      expect(await settle(startHead(new MemoryStorage(), folder, answerAt(700, null)), 1_000)).toEqual({ head, firstVisit: true });
      // The folder's head arriving after the check still counts against the same second.
      expect(await settle(startHead(new MemoryStorage(), answerAt(950, head), answerAt(900, null)), 1_000)).toEqual({ head, firstVisit: true });
      // Past the second, the start goes on without it; the head may still come in (LateHead).
      const late = await settle(startHead(new MemoryStorage(), answerAt(1_500, head), answerAt(900, null)), 1_000);
      if (late === null || !('late' in late)) throw new Error(`expected a late head, got ${JSON.stringify(late)}`);
      expect(await settle(late.late, 500)).toEqual(head);
      expect(await settle(startHead(new MemoryStorage(), folder, answerAt(1_100, null)), 1_200)).toBeNull();
      // A returning reader's check still has half a second.
      const storage = new MemoryStorage();
      storage.setItem('folio.sources', '[]');
      expect(await settle(startHead(storage, folder, answerAt(700, { chunks: [...head.chunks], head })), 1_000)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts without a head when the folder’s fails, and hands over one that is late', async () => {
    expect(await startHead(new MemoryStorage(), () => Promise.reject(new TypeError('Failed to fetch')), async () => null)).toBeNull();
    expect(await startHead(new MemoryStorage(), () => Promise.resolve(null), async () => null)).toBeNull();
    const late = await startHead(new MemoryStorage(), () => new Promise(() => {}), async () => null);
    expect(late).toEqual({ late: expect.any(Promise) });
  });
});
