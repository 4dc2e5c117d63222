import type { FolioDb } from '../store/FolioDb';
import { addSourceByUrl, addSourceFromFile, removeSource, syncAnySource } from './sources';
import { syncLockName, type SyncJob, type SyncJobResults } from './protocol';

function locked<T>(name: string, run: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks.request(name, run) : run();
}

/** Runs one job against the database: in the sync worker, or in the page where workers are missing. */
export async function runJob(db: FolioDb, job: SyncJob): Promise<SyncJobResults[SyncJob['type']]> {
  switch (job.type) {
    case 'sync':
      return locked(syncLockName(job.source.id), () => syncAnySource(db, job.source));
    case 'add-url':
      return addSourceByUrl(db, job.url);
    case 'add-file':
      return addSourceFromFile(db, job.name, job.text);
    case 'remove':
      return locked(syncLockName(job.sourceId), () => removeSource(db, job.sourceId));
  }
}
