/** A feed file that does not match the Folio feed format, with the JSON path of the problem. */
export class FeedFormatError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}: ${path}: ${problem}`);
    this.name = 'FeedFormatError';
  }
}
