/**
 * A segment's docs read back as the builder indexed them, so a rebuild can index an unchanged
 * article from its last segment instead of tokenising its text again. Segments keep no positions,
 * only each doc's term frequencies per field and field lengths, so nothing is lost: a segment
 * built from reused docs is byte for byte the one a fresh build writes.
 */
import { FLAG_STEMMED, type PartHeader } from './format';
import { decoded, SegmentPart } from './segment';

/** One doc of one part: its terms, `fieldCount` frequencies per term, and its field lengths. */
export interface DocTerms {
  terms: string[];
  tfs: number[];
  lengths: number[];
}

/** A doc as an earlier segment indexed it. */
export interface IndexedDoc {
  meta: DocTerms;
  /** Null when the segment has no body part (no doc had a body). */
  body: DocTerms | null;
}

function docsOf(part: SegmentPart): DocTerms[] {
  const fields = part.fieldCount;
  const docs = Array.from({ length: part.header.docCount }, (_, doc): DocTerms => ({
    terms: [],
    tfs: [],
    lengths: Array.from(part.lengths.subarray(doc * fields, (doc + 1) * fields)),
  }));
  part.forEachTerm((term, info) => {
    const n = part.decode(info);
    for (let k = 0; k < n; k++) {
      const doc = docs[decoded.docs[k] as number];
      if (!doc) throw new RangeError('search segment: a posting names a doc the part does not have');
      doc.terms.push(term);
      for (let f = 0; f < fields; f++) doc.tfs.push(decoded.tfs[k * fields + f] as number);
    }
  });
  return docs;
}

/**
 * Every doc of a built segment by id. Throws when the parts are not one segment's, or were built
 * with other options (stemming) than `stem` says.
 */
export function indexedDocs(meta: Uint8Array, body: Uint8Array | null, stem = false): Map<string, IndexedDoc> {
  const metaPart = new SegmentPart(meta);
  const bodyPart = body ? new SegmentPart(body) : null;
  const expected = (header: PartHeader, kind: PartHeader['kind']): boolean => header.kind === kind && header.flags === (stem ? FLAG_STEMMED : 0);
  if (!expected(metaPart.header, 'meta') || (bodyPart && (!expected(bodyPart.header, 'body') || bodyPart.header.stamp !== metaPart.header.stamp))) {
    throw new Error('search segment: not the parts of one segment built with these options');
  }
  const metaDocs = docsOf(metaPart);
  const bodyDocs = bodyPart ? docsOf(bodyPart) : null;
  return new Map(metaPart.ids.all().map((id, i) => [id, { meta: metaDocs[i] as DocTerms, body: bodyDocs?.[i] ?? null }]));
}
