/**
 * Folio feed builder.
 *
 *   npm run feed -- build <source> --out <dir> [options]    writes a static feed folder (src/lib/feed/format.ts)
 *   npm run -s feed -- inspect <source> [--json]            prints the articles Folio would read
 *
 * <source> is a Hugo content folder of Markdown posts, a feed file (RSS, Atom, JSON Feed, Hugo
 * index.json) or the http(s) URL of one. Files and URLs go through parseFeed → normalizeParsedFeed,
 * the same path the app takes; folders through the Hugo builder.
 *
 * Exit status: 0 on success; 1 when the source cannot be read or parsed, or yields no article (one
 * line on stderr says what and where); 2 for usage errors.
 */
import path from 'node:path';
import { FeedParseError } from '../src/lib/feed/formats/types';
import { parseFeed } from '../src/lib/feed/formats/detect';
import { normalizeParsedFeed } from '../src/lib/feed/formats/toFolio';
import type { FeedArticle, FeedTopic } from '../src/lib/feed/folder';
import { Failure, validBaseUrl, type Loaded } from './feedCommon';
import { buildFolder, loadFolder } from './feedFolder';
import { parseFeedArgs, USAGE, UsageError, type FeedArgs } from './feedArgs';
import { byNewest } from '../src/lib/model/order';
import { layoutFeed, writeFeed } from './feedFiles';
import { withDeltas } from './feedDeltas';
import { writeFolderHead } from './feedHead';
import { fetchFeedText, oneLine, readFeedFile, SourceError, sourceKind, type SourceKind } from './feedSource';
import { followPages } from '../src/lib/ingest/feedPages';

export async function run(argv: string[], fetcher: typeof fetch = fetch): Promise<number> {
  const started = performance.now();
  try {
    const args = parseArgsOrFail(argv);
    const stamp = args.command === 'build' ? generatedAt() : '';
    const kind = sourceKind(args.source);
    if (kind === null) {
      throw new Failure(`source not found: ${args.source} (expected a Hugo posts folder, a feed file or an http(s) URL)`, 2);
    }
    // `inspect --json` prints the result and nothing else; problems with single items are left out.
    const quiet = args.command === 'inspect' && args.json;
    if (kind === 'folder' && args.command === 'build') {
      const { account, head } = await buildFolder(args, stamp);
      console.log(`Built feed: ${account}, ${((performance.now() - started) / 1000).toFixed(1)} s → ${args.out ?? ''} (${head})`);
      return 0;
    }
    const loaded = kind === 'folder' ? loadFolder(args, quiet) : await loadFeed(args, kind, fetcher, quiet);
    if (args.command === 'inspect') {
      inspect(loaded, args.json);
      return 0;
    }
    const out = args.out ?? '';
    const feed = withDeltas(out, layoutFeed(loaded.entries, { ...loaded.info, generatedAt: stamp }));
    try {
      writeFeed(out, feed);
    } catch (error) {
      throw new Failure(`cannot write ${out}: ${oneLine(error)}`, 1);
    }
    const head = writeHead(out);
    console.log(`Built feed: ${loaded.account}, ${((performance.now() - started) / 1000).toFixed(1)} s → ${out} (${head})`);
    return 0;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    console.error(`feed: ${error.message}${error.usage ? `\n${USAGE}` : ''}`);
    return error.status;
  }
}

/** Last, from the folder as written: whatever wrote it, the head shows what a reader syncs. */
function writeHead(out: string): string {
  try {
    return writeFolderHead(out);
  } catch (error) {
    throw new Failure(`cannot write ${out}/head.json: ${oneLine(error)}`, 1);
  }
}

function parseArgsOrFail(argv: string[]): FeedArgs {
  try {
    return parseFeedArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) throw new Failure(error.message, 2, true);
    throw error;
  }
}

function generatedAt(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch.trim() === '') return new Date().toISOString();
  const seconds = Number(epoch);
  if (!Number.isInteger(seconds)) throw new Failure(`SOURCE_DATE_EPOCH must be whole seconds, got "${epoch}"`, 2, true);
  return new Date(seconds * 1000).toISOString();
}

/** A feed file or URL, through the same parser and normaliser as the app; a URL's `next` pages are followed. */
async function loadFeed(args: FeedArgs, kind: Exclude<SourceKind, 'folder'>, fetcher: typeof fetch, quiet: boolean): Promise<Loaded> {
  if (args.section !== undefined) throw new Failure('--section applies to a Hugo posts folder only', 2, true);
  const baseUrl = args.baseUrl === undefined ? null : validBaseUrl(args.baseUrl);
  let parsed;
  let pages = 1;
  try {
    const { text, url } = kind === 'url' ? await fetchFeedText(args.source, fetcher) : readFeedFile(args.source);
    parsed = parseFeed(text, { url: baseUrl ?? url ?? undefined });
    if (kind === 'url' && parsed.next) ({ feed: parsed, pages } = await followPages(parsed, Buffer.byteLength(text, 'utf8'), (next) => fetchFeedText(next, fetcher)));
  } catch (error) {
    if (error instanceof SourceError) throw new Failure(`${args.source}: ${error.message}`, 1);
    if (error instanceof FeedParseError) throw new Failure(`${args.source}: ${parseErrorLine(error)}`, 1);
    throw error;
  }
  const warnings = parsed.next ? [...parsed.warnings, `the index continues at ${parsed.next}: give its URL to read every page.`] : parsed.warnings;
  if (!quiet) for (const warning of warnings) console.error(`${args.source}: warning: ${warning}`);
  const feed = normalizeParsedFeed(parsed);
  if (feed.articles.length === 0) {
    const unchanged = args.out === undefined ? '' : `; ${args.out} left unchanged`;
    throw new Failure(`${args.source}: the feed has no articles${unchanged}`, 1);
  }
  const author = args.author ?? feed.author;
  const entries = feed.articles.map(({ bodyHtml, ...article }) => ({ article: { ...article, author: article.author ?? author }, bodyHtml }));
  const bodies = entries.filter((e) => e.bodyHtml !== null).length;
  const extra = [pages > 1 ? `${pages} pages` : '', parsed.listPages ? `${parsed.listPages} list pages skipped` : ''].filter((x) => x !== '');
  return {
    entries,
    info: {
      title: args.title ?? feed.title,
      description: args.description ?? feed.description,
      homepage: feed.homepage ?? baseUrl,
      language: feed.language ?? 'en',
      author,
      topics: feed.topics,
    },
    account: `${entries.length} articles, ${bodies} with a body, ${[...extra, `${warnings.length} warnings`].join(', ')}, ${feed.topics.length} topics`,
  };
}

/** A FeedParseError as one line that says where: its own message, plus the location when it does not name it. */
export function parseErrorLine(error: FeedParseError): string {
  let message = oneLine(error);
  if (error.line !== null && !message.includes(`line ${error.line}`)) message += ` (line ${error.line})`;
  if (error.path !== null && !message.includes(error.path)) message += ` (at ${error.path})`;
  return message;
}

/** The fields `inspect` shows for each article. */
export type InspectedArticle = Pick<
  FeedArticle,
  'id' | 'url' | 'title' | 'date' | 'topics' | 'author' | 'summary' | 'words' | 'readingMinutes'
>;

function inspect(loaded: Loaded, json: boolean): void {
  const articles: InspectedArticle[] = [...loaded.entries]
    .map(({ article }) => article)
    .sort(byNewest)
    .map(({ id, url, title, date, topics, author, summary, words, readingMinutes }) => ({
      id,
      url,
      title,
      date,
      topics,
      author,
      summary,
      words,
      readingMinutes,
    }));
  if (json) {
    console.log(JSON.stringify(articles, null, 2));
    return;
  }
  const { title, homepage } = loaded.info;
  console.log(`${title}${homepage ? ` (${homepage})` : ''}: ${loaded.account}`);
  for (const a of articles) {
    const topics = a.topics.length > 0 ? `  #${a.topics.join(' #')}` : '';
    console.log(`${(a.date ?? 'undated').slice(0, 10).padEnd(10)}  ${a.title}  [${a.words} words, ${a.readingMinutes} min]${topics}`);
  }
  if (loaded.info.topics.length > 0) console.log(`Topics: ${topicList(loaded.info.topics)}`);
}

function topicList(topics: FeedTopic[]): string {
  const shown = topics.slice(0, 20).map((t) => `${t.name} (${t.count})`);
  return topics.length > 20 ? `${shown.join(', ')}, and ${topics.length - 20} more` : shown.join(', ');
}

// Run only when executed directly (tests import run()).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = await run(process.argv.slice(2));
}
