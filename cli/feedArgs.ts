/** Command-line arguments of `feed build` and `feed inspect`. */
import { parseArgs } from 'node:util';

export const USAGE = [
  'usage: npm run feed -- build <source> --out <dir> [--title T] [--base-url URL] [--author NAME] [--description D] [--section posts] [--full]',
  '       npm run -s feed -- inspect <source> [--json] [--base-url URL] [--author NAME] [--section posts]',
  '<source> is a Hugo posts folder, a feed file (RSS, Atom, JSON Feed or a Hugo index.json) or an http(s) URL of one.',
].join('\n');

export type Command = 'build' | 'inspect';

export interface FeedArgs {
  command: Command;
  source: string;
  /** build only. */
  out?: string;
  /** inspect only: print the articles as JSON, and nothing else. */
  json: boolean;
  title?: string;
  /** A Hugo folder's site address; for a feed file, the address its relative links resolve against. */
  baseUrl?: string;
  author?: string;
  description?: string;
  /** Hugo folders only. */
  section?: string;
  /** build of a Hugo folder: render every post, ignoring the output folder's last build. */
  full: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseFeedArgs(argv: string[]): FeedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
        title: { type: 'string' },
        'base-url': { type: 'string' },
        author: { type: 'string' },
        description: { type: 'string' },
        section: { type: 'string' },
        full: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
  const { values, positionals } = parsed;
  const [command, source, ...extra] = positionals;
  if (command !== 'build' && command !== 'inspect') {
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command "build" or "inspect"');
  }
  if (!source) throw new UsageError('missing <source>: a Hugo posts folder, a feed file or a feed URL');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (command === 'build' && !values.out) throw new UsageError('missing --out <dir>');
  if (command === 'inspect' && values.out !== undefined) throw new UsageError('--out is for "build"; "inspect" only prints');
  if (command === 'build' && values.json) throw new UsageError('--json is for "inspect"');
  if (command === 'inspect' && values.full) throw new UsageError('--full is for "build"');
  const args: FeedArgs = { command, source, json: values.json ?? false, full: values.full ?? false };
  if (values.out !== undefined) args.out = values.out;
  if (values.title !== undefined) args.title = values.title;
  if (values['base-url'] !== undefined) args.baseUrl = values['base-url'];
  if (values.author !== undefined) args.author = values.author;
  if (values.description !== undefined) args.description = values.description;
  if (values.section !== undefined) args.section = values.section;
  return args;
}
