export type AppErrorKind = 'offline' | 'http' | 'timeout' | 'format' | 'storage-full' | 'storage' | 'cors' | 'too-large' | 'unknown';

/** A failure with a sentence a reader can act on. Nothing stored is changed when one is thrown. */
export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
