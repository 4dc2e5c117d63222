/** Segment part header: shared by the builder and the reader. The layout is in README.md. */
import { ByteReader, ByteWriter } from './bytes';

export const MAGIC = [0x46, 0x53, 0x49] as const; // "FSI": Folio search index
export const FORMAT_VERSION = 1;
/** Terms per front-coded dictionary block: one full term per block is kept decoded in memory. */
export const BLOCK_SIZE = 16;

export type PartKind = 'meta' | 'body';
/** Field order inside a part; the meta part's postings carry one term frequency per field present. */
export const META_FIELDS = ['title', 'topics', 'author', 'summary'] as const;
export const BODY_FIELDS = ['body'] as const;
export type FieldName = (typeof META_FIELDS)[number] | (typeof BODY_FIELDS)[number];

export const FLAG_STEMMED = 1;

export interface PartHeader {
  kind: PartKind;
  flags: number;
  /** The source (blog) the segment belongs to. */
  source: string;
  /** The segment's key within its source (a feed shard key). */
  key: string;
  docCount: number;
  /** Hash of the segment's doc ids: a body part only joins the meta part it was built with. */
  stamp: number;
}

/** Where a part belongs in a reader's index: the source id the reader's device gave the feed. */
export type PartLabel = Pick<PartHeader, 'source' | 'key'>;

export function writeHeader(w: ByteWriter, h: PartHeader): void {
  for (const b of MAGIC) w.byte(b);
  w.byte(FORMAT_VERSION);
  w.byte(h.kind === 'meta' ? 0 : 1);
  w.byte(h.flags);
  w.string(h.source);
  w.string(h.key);
  w.varint(h.docCount);
  w.varint(h.stamp);
}

export function readHeader(r: ByteReader): PartHeader {
  for (const b of MAGIC) if (r.byte() !== b) throw new Error('search segment: not a Folio search index part');
  const version = r.byte();
  if (version !== FORMAT_VERSION) throw new Error(`search segment: format version ${version}, expected ${FORMAT_VERSION}`);
  const kindByte = r.byte();
  if (kindByte > 1) throw new Error(`search segment: unknown part kind ${kindByte}`);
  return {
    kind: kindByte === 0 ? 'meta' : 'body',
    flags: r.byte(),
    source: r.string(),
    key: r.string(),
    docCount: r.varint(),
    stamp: r.varint(),
  };
}

/** FNV-1a over the doc ids, as a non-negative 32-bit number. */
export function stampOf(ids: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x0a;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The same part under another source: a feed folder's builder cannot know the id a reader gives
 * the feed (and the manifest's shard key wins), so the reader relabels the parts it stores. Only
 * the header is rewritten.
 */
export function relabel(bytes: Uint8Array, to: PartLabel): Uint8Array {
  const r = new ByteReader(bytes);
  const header = readHeader(r);
  if (header.source === to.source && header.key === to.key) return bytes;
  const head = new ByteWriter();
  writeHeader(head, { ...header, ...to });
  // One allocation of the exact size: a part is up to megabytes, and a growing writer copied it twice.
  const rest = bytes.subarray(r.pos);
  const out = new Uint8Array(head.length + rest.length);
  out.set(head.finish());
  out.set(rest, head.length);
  return out;
}
