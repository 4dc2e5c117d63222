import { parseListParams, serializeListParams } from '../list/params';
import { filterScope, type DownloadScope } from '../list/scope';

/** A download that was started and has not finished or been cancelled: resumable after a reload. */
export interface PendingJob {
  scope: DownloadScope;
  startedAt: number;
}

function encodeScope(scope: DownloadScope): string {
  return scope.kind === 'all' ? '' : serializeListParams(scope.params).toString();
}

const VERSION = 1;

export function encodeJob(job: PendingJob): string {
  return JSON.stringify({ version: VERSION, scope: job.scope.kind, query: encodeScope(job.scope), startedAt: job.startedAt });
}

/** Anything unreadable (another version, hand-edited storage) is no job at all, never an error. */
export function decodeJob(text: string | null): PendingJob | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { version, scope, query, startedAt } = value as Record<string, unknown>;
  if (version !== VERSION || typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
  if (scope === 'all') return { scope: { kind: 'all' }, startedAt };
  if (scope !== 'filter' || typeof query !== 'string') return null;
  const parsed = filterScope(parseListParams(new URLSearchParams(query)));
  return parsed.kind === 'filter' ? { scope: parsed, startedAt } : null;
}

/** Where the pending job is kept between visits. */
export interface JobStore {
  load(): PendingJob | null;
  save(job: PendingJob): void;
  clear(): void;
}

export const JOB_KEY = 'folio.offline.pending-download';

/**
 * localStorage, because the job must survive a reload and is one small record. Storage that
 * throws (disabled, private mode, full) only costs the resume offer, never the download.
 */
export function webJobStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): JobStore {
  type WebStorage = NonNullable<typeof storage>;
  const attempt = <T>(run: (s: WebStorage) => T, fallback: T): T => {
    try {
      return storage === null ? fallback : run(storage);
    } catch {
      return fallback;
    }
  };
  return {
    load: () => attempt((s) => decodeJob(s.getItem(JOB_KEY)), null),
    save: (job) => attempt((s) => s.setItem(JOB_KEY, encodeJob(job)), undefined),
    clear: () => attempt((s) => s.removeItem(JOB_KEY), undefined),
  };
}

/** The browser's localStorage, which merely reading can throw on (blocked site data). */
export function browserJobStore(): JobStore {
  try {
    return webJobStore(globalThis.localStorage ?? null);
  } catch {
    return webJobStore(null);
  }
}
