/**
 * The body terms of the posts rendered by this build, counted by the worker that rendered each one
 * (from the text it makes for the word count anyway) and kept on disk, one file a month, until that
 * month's segment is built. The month's task reads them back instead of reading every body file
 * again, turning it into text and tokenising it: at 100k posts that was a tenth of a full build.
 * On disk, not in memory: they are about 4 KB a post, and memory must stay bounded at any size.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TermCounts } from '../src/lib/search/termCounts';

/** Where a post's counted terms are in its month's file: byte offset and length. */
export type TermsAt = readonly [offset: number, length: number];

/** Bytes a month holds before they are appended to its file. */
const FLUSH_BYTES = 256 * 1024;

interface MonthFile {
  file: string;
  pending: string[];
  pendingBytes: number;
  written: number;
}

export class TermSpill {
  private dir: string | null = null;
  private readonly months = new Map<string, MonthFile>();

  /** Keeps a post's counted body terms (a TermCounts as JSON) for its month's task, and says where they are. */
  put(month: string, text: string): TermsAt {
    const m = this.month(month);
    const bytes = Buffer.byteLength(text);
    const at: TermsAt = [m.written + m.pendingBytes, bytes];
    m.pending.push(text);
    m.pendingBytes += bytes;
    if (m.pendingBytes >= FLUSH_BYTES) flush(m);
    return at;
  }

  /** The month's file with everything put so far, or null when nothing was. */
  file(month: string): string | null {
    const m = this.months.get(month);
    if (!m) return null;
    flush(m);
    return m.file;
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.months.clear();
  }

  private month(month: string): MonthFile {
    let m = this.months.get(month);
    if (!m) {
      this.dir ??= mkdtempSync(path.join(os.tmpdir(), 'folio-terms-'));
      // Months are "2026-03" or "undated"; the index keeps the name safe whatever they become.
      m = { file: path.join(this.dir, `${this.months.size}.json`), pending: [], pendingBytes: 0, written: 0 };
      this.months.set(month, m);
    }
    return m;
  }
}

function flush(m: MonthFile): void {
  if (m.pending.length === 0) return;
  appendFileSync(m.file, m.pending.join(''));
  m.written += m.pendingBytes;
  m.pending = [];
  m.pendingBytes = 0;
}

/** The counted terms at `at` in a month file's bytes. */
export function readTerms(bytes: Buffer, at: TermsAt): TermCounts {
  return JSON.parse(bytes.toString('utf8', at[0], at[0] + at[1])) as TermCounts;
}
