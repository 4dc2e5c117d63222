/**
 * A segment's docs read back as the builder indexed them, so a rebuild can index an unchanged
 * article from its last segment instead of tokenising its text again. Segments keep no positions,
 * only each doc's term frequencies per field and field lengths, so nothing is lost: a segment
 * built from reused docs is byte for byte the one a fresh build writes.
 */
import { FLAG_STEMMED, type PartHeader } from './format';
import { decoded, SegmentPart } from './segment';
import { UintList } from './uintList';

/**
 * One doc of one part: its terms (indices into the part's `dictionary`), `fieldCount` frequencies
 * per term, and its field lengths. The arrays are views into one allocation per part: a doc's own
 * growing arrays cost a rebuild at 100k more in garbage collection than in decoding.
 */
export interface DocTerms {
  dictionary: readonly string[];
  terms: Uint32Array;
  tfs: Uint32Array;
  lengths: number[];
}

/** A doc as an earlier segment indexed it. */
export interface IndexedDoc {
  meta: DocTerms;
  /** Null when the segment has no body part (no doc had a body). */
  body: DocTerms | null;
}

/** `keep`, when given, marks the docs wanted (1): the others come back with no terms. */
function docsOf(part: SegmentPart, keep: Uint8Array | null = null): DocTerms[] {
  const fields = part.fieldCount;
  const docCount = part.header.docCount;
  const dictionary: string[] = [];
  // The postings in term order (doc, term, then the frequencies), then regrouped by doc.
  const postings = new UintList(1024);
  const counts = new Uint32Array(docCount + 1);
  part.forEachTerm((term, info) => {
    const t = dictionary.push(term) - 1;
    const n = part.decode(info);
    for (let k = 0; k < n; k++) {
      const doc = decoded.docs[k] as number;
      if (doc >= docCount) throw new RangeError('search segment: a posting names a doc the part does not have');
      if (keep !== null && keep[doc] !== 1) continue;
      counts[doc + 1] = (counts[doc + 1] as number) + 1;
      postings.push(doc);
      postings.push(t);
      for (let f = 0; f < fields; f++) postings.push(decoded.tfs[k * fields + f] as number);
    }
  });
  for (let d = 0; d < docCount; d++) counts[d + 1] = (counts[d + 1] as number) + (counts[d] as number);
  const total = counts[docCount] as number;
  const terms = new Uint32Array(total);
  const tfs = new Uint32Array(total * fields);
  const next = counts.slice(0, docCount);
  const stride = 2 + fields;
  for (let at = 0; at < postings.length; at += stride) {
    const doc = postings.data[at] as number;
    const i = (next[doc] as number)++;
    terms[i] = postings.data[at + 1] as number;
    for (let f = 0; f < fields; f++) tfs[i * fields + f] = postings.data[at + 2 + f] as number;
  }
  return Array.from({ length: docCount }, (_, doc): DocTerms => {
    const start = counts[doc] as number;
    const end = counts[doc + 1] as number;
    return {
      dictionary,
      terms: terms.subarray(start, end),
      tfs: tfs.subarray(start * fields, end * fields),
      lengths: Array.from(part.lengths.subarray(doc * fields, (doc + 1) * fields)),
    };
  });
}

/**
 * Every doc of a built segment by id, or only those with ids in `only`. Throws when the parts are not one segment's, or were built
 * with other options (stemming) than `stem` says.
 */
export function indexedDocs(meta: Uint8Array, body: Uint8Array | null, stem = false, only: ReadonlySet<string> | null = null): Map<string, IndexedDoc> {
  const metaPart = new SegmentPart(meta);
  const bodyPart = body ? new SegmentPart(body) : null;
  const expected = (header: PartHeader, kind: PartHeader['kind']): boolean => header.kind === kind && header.flags === (stem ? FLAG_STEMMED : 0);
  if (!expected(metaPart.header, 'meta') || (bodyPart && (!expected(bodyPart.header, 'body') || bodyPart.header.stamp !== metaPart.header.stamp))) {
    throw new Error('search segment: not the parts of one segment built with these options');
  }
  const ids = metaPart.ids.all();
  const keep = only ? Uint8Array.from(ids, (id) => (only.has(id) ? 1 : 0)) : null;
  const metaDocs = docsOf(metaPart, keep);
  const bodyDocs = bodyPart ? docsOf(bodyPart, keep) : null;
  const docs = new Map<string, IndexedDoc>();
  ids.forEach((id, i) => {
    if (keep === null || keep[i] === 1) docs.set(id, { meta: metaDocs[i] as DocTerms, body: bodyDocs?.[i] ?? null });
  });
  return docs;
}
