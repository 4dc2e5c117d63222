/**
 * The sources a reader has, kept outside IndexedDB (in localStorage) so that Folio can tell when
 * the browser has dropped its database: Chromium deletes an origin's IndexedDB after a write fails
 * on a full disk, and browsers evict it under storage pressure. From this list Folio re-syncs what
 * it can and names what it cannot (a file source has no address to fetch again).
 */
import type { Source, SourceKind, SourceRef } from './source';

export interface KnownSource extends SourceRef {
  kind: SourceKind;
  title: string;
}

export interface KnownSources {
  sources: KnownSource[];
  /** Ids the reader removed: a tab that still sees one stored must not record it again. */
  removed: string[];
}

export const EMPTY_KNOWN: KnownSources = { sources: [], removed: [] };

const KINDS: readonly SourceKind[] = ['folio', 'feed', 'file'];
const MAX_REMOVED = 200;

function knownSource(value: unknown): KnownSource | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, kind, feedUrl, title } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || typeof feedUrl !== 'string' || typeof title !== 'string') return null;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) return null;
  return { id, kind: kind as SourceKind, feedUrl, title };
}

/** Anything unreadable (hand-edited storage, another version) counts as knowing nothing. */
export function readKnownSources(text: string | null): KnownSources {
  if (text === null) return EMPTY_KNOWN;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) return EMPTY_KNOWN;
    const { sources, removed } = value as Record<string, unknown>;
    return {
      sources: Array.isArray(sources) ? sources.map(knownSource).filter((s): s is KnownSource => s !== null) : [],
      removed: Array.isArray(removed) ? removed.filter((id): id is string => typeof id === 'string') : [],
    };
  } catch {
    return EMPTY_KNOWN;
  }
}

export function writeKnownSources(known: KnownSources): string {
  return JSON.stringify({ version: 1, ...known });
}

/** Known sources that are not stored: the browser dropped them, or they are on their way back. */
export function missingSources(known: KnownSources, stored: readonly Source[]): KnownSource[] {
  const ids = new Set(stored.map((s) => s.id));
  return known.sources.filter((s) => !ids.has(s.id));
}

/** Records the stored sources (their latest titles too); null when nothing changed. */
export function withStored(known: KnownSources, stored: readonly Source[]): KnownSources | null {
  const removed = new Set(known.removed);
  const byId = new Map(known.sources.map((s) => [s.id, s]));
  let changed = false;
  for (const s of stored) {
    if (removed.has(s.id)) continue;
    const next: KnownSource = { id: s.id, kind: s.kind ?? 'folio', feedUrl: s.feedUrl, title: s.title };
    const before = byId.get(s.id);
    if (before && before.kind === next.kind && before.feedUrl === next.feedUrl && before.title === next.title) continue;
    byId.set(s.id, next);
    changed = true;
  }
  return changed ? { ...known, sources: [...byId.values()] } : null;
}

/** The reader removed a source: it is forgotten before its rows go, and not recorded again. */
export function withoutSource(known: KnownSources, id: string): KnownSources {
  return { sources: known.sources.filter((s) => s.id !== id), removed: [...known.removed.filter((r) => r !== id), id].slice(-MAX_REMOVED) };
}

/** The reader added a source (again): a removal recorded earlier no longer holds. */
export function withAdded(known: KnownSources, id: string): KnownSources {
  return known.removed.includes(id) ? { ...known, removed: known.removed.filter((r) => r !== id) } : known;
}
