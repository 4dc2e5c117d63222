/**
 * Importing a backup into what a browser already has. The rules, so two devices converge whatever
 * the order of imports:
 *  - marks merge per article (source + id) and per field (read, saved, position): the one set later
 *    (larger `at`) wins; on a tie the current one stays, so importing never flips a value back and forth;
 *  - nothing is deleted: an article or field only one side has is kept;
 *  - merging the same input again changes nothing (idempotent).
 * Settings carry no times, so an imported file's settings replace the current ones field by field;
 * a field the file does not set keeps its current value.
 */
import type { BackupSource, Mark, ReadingPosition, Settings, Stamped } from './backup';

export interface MarkMerge {
  /**
   * Every mark: the current ones in their order (unchanged ones as the same objects, repeats of one
   * article folded into one), then new articles.
   */
  merged: Mark[];
  /** How many articles gained or changed a field. */
  changed: number;
  /** The marks that are new or changed: what a store has to write. */
  updated: Mark[];
}

type Timed = Stamped<boolean> | ReadingPosition;

/** The field to keep: `incoming` only when it is strictly newer. */
function newer<T extends Timed>(current: T | undefined, incoming: T | undefined): T | undefined {
  if (incoming === undefined) return current;
  if (current === undefined || incoming.at > current.at) return incoming;
  return current;
}

/** `current` with every newer field of `incoming`; `current` itself when nothing is newer. */
function mergeMark(current: Mark, incoming: Mark): Mark {
  const read = newer(current.read, incoming.read);
  const saved = newer(current.saved, incoming.saved);
  const position = newer(current.position, incoming.position);
  if (read === current.read && saved === current.saved && position === current.position) return current;
  const out: Mark = { source: current.source, id: current.id };
  if (read) out.read = { ...read };
  if (saved) out.saved = { ...saved };
  if (position) out.position = { ...position };
  return out;
}

const keyOf = (m: Mark): string => `${m.source}\u0000${m.id}`;

/** A mark holding only the fields set, copied so later changes to the input cannot reach it. */
function copyOf(m: Mark): Mark {
  const out: Mark = { source: m.source, id: m.id };
  if (m.read) out.read = { ...m.read };
  if (m.saved) out.saved = { ...m.saved };
  if (m.position) out.position = { ...m.position };
  return out;
}

/** Marks by article, in first-seen order; repeats of an article fold into its first place. */
class MarkTable {
  readonly marks: Mark[] = [];
  private readonly index = new Map<string, number>();

  /** Adds or merges `mark`; the place in `marks` it changed, or null when nothing changed. */
  add(mark: Mark): number | null {
    const key = keyOf(mark);
    const at = this.index.get(key);
    if (at === undefined) {
      this.index.set(key, this.marks.length);
      this.marks.push(copyOf(mark));
      return this.marks.length - 1;
    }
    const before = this.marks[at] as Mark;
    const after = mergeMark(before, mark);
    if (after === before) return null;
    this.marks[at] = after;
    return at;
  }

  /** Keeps the caller's object (no copy) for a first mark of its article. */
  keep(mark: Mark): void {
    if (this.index.has(keyOf(mark))) this.add(mark);
    else this.index.set(keyOf(mark), this.marks.push(mark) - 1);
  }
}

export function mergeMarks(current: readonly Mark[], incoming: readonly Mark[]): MarkMerge {
  const table = new MarkTable();
  for (const mark of current) table.keep(mark);
  // Places in the table that differ from `current`, in first-change order.
  const touched = new Set<number>();
  for (const mark of incoming) {
    const at = table.add(mark);
    if (at !== null) touched.add(at);
  }
  const updated = [...touched].map((i) => table.marks[i] as Mark);
  return { merged: table.marks, changed: updated.length, updated };
}

/** The settings after an import: the file's values replace the current ones, field by field. */
export function mergeSettings(current: Settings, incoming: Settings): Settings {
  const out: Settings = { ...current };
  if (incoming.textSize !== undefined) out.textSize = incoming.textSize;
  if (incoming.lineWidth !== undefined) out.lineWidth = incoming.lineWidth;
  if (incoming.theme !== undefined) out.theme = incoming.theme;
  return out;
}

/**
 * The sources of a backup this browser lacks, by address: the ones to add. A source both have keeps
 * its current title and kind (the current one is what this browser syncs).
 */
export function missingSources(current: readonly BackupSource[], incoming: readonly BackupSource[]): BackupSource[] {
  const known = new Set(current.map((s) => s.address));
  const out: BackupSource[] = [];
  for (const s of incoming) {
    if (known.has(s.address)) continue;
    known.add(s.address);
    out.push({ address: s.address, kind: s.kind, title: s.title });
  }
  return out;
}
