/** Command-line arguments of `feed build`. */
import { parseArgs } from 'node:util';

export const USAGE =
  'usage: npm run feed -- build <source> --out <dir> [--title T] [--base-url URL] [--author NAME] ' +
  '[--description D] [--section posts]';

export interface BuildArgs {
  source: string;
  out: string;
  title?: string;
  baseUrl?: string;
  author?: string;
  description?: string;
  section?: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseBuildArgs(argv: string[]): BuildArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        title: { type: 'string' },
        'base-url': { type: 'string' },
        author: { type: 'string' },
        description: { type: 'string' },
        section: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  const { values, positionals } = parsed;
  const [command, source, ...extra] = positionals;
  if (command !== 'build') throw new UsageError(command ? `unknown command "${command}"` : 'missing command "build"');
  if (!source) throw new UsageError('missing <source> folder');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values.out) throw new UsageError('missing --out <dir>');
  const args: BuildArgs = { source, out: values.out };
  if (values.title !== undefined) args.title = values.title;
  if (values['base-url'] !== undefined) args.baseUrl = values['base-url'];
  if (values.author !== undefined) args.author = values.author;
  if (values.description !== undefined) args.description = values.description;
  if (values.section !== undefined) args.section = values.section;
  return args;
}
