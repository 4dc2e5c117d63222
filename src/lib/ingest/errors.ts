import { FeedFormatError } from '../feed/folderError';
import { AppError } from '../model/error';

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}

/** Quota errors arrive as a DOMException or wrapped by Dexie, sometimes as the inner cause. */
export function isQuotaError(error: unknown): boolean {
  if (errorName(error) === 'QuotaExceededError') return true;
  const inner = typeof error === 'object' && error !== null && 'inner' in error ? error.inner : undefined;
  return inner !== undefined && errorName(inner) === 'QuotaExceededError';
}

/** Dexie reports a failed write as its transaction's AbortError with the cause inside; a cancelled fetch has none. */
function isFailedWrite(error: unknown): boolean {
  return errorName(error) === 'AbortError' && typeof error === 'object' && error !== null && 'inner' in error && error.inner != null;
}

export function toAppError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof FeedFormatError) {
    return new AppError('format', `The feed is not in a format Folio reads (${error.message}).`);
  }
  const name = errorName(error);
  if (name === 'FeedParseError' && error instanceof Error) {
    return new AppError('format', `${what} is not a feed Folio can read: ${error.message}`);
  }
  if (name === 'TimeoutError') return new AppError('timeout', `The server took too long to send ${what}.`);
  if (name === 'AbortError' && !isFailedWrite(error)) return new AppError('timeout', `Fetching ${what} was cancelled.`);
  if (isQuotaError(error)) {
    return new AppError(
      'storage-full',
      'Storage is full, so the new articles could not be saved. Everything stored before is still here. Free some space or remove offline copies, then sync again.',
    );
  }
  if (error instanceof TypeError) {
    return new AppError('offline', `Could not reach the feed to fetch ${what}: the network is off or the server is down.`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (name.endsWith('Error') && name !== 'Error' && name !== 'SyntaxError') {
    // A full disk shows up here too: Chromium reports it as an unknown error, not as a quota error.
    return new AppError('storage', 'The browser could not save the articles: its storage may be full or failing. Everything stored before is still here.', detail);
  }
  return new AppError('unknown', `Sync failed while fetching ${what}: ${detail}`, detail);
}
