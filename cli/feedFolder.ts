/** `build` and `inspect` of a Hugo posts folder. */
import path from 'node:path';
import type { SiteInfo } from '../src/lib/feed/hugo/post';
import { collectPosts, type Collected, type Report } from './collectPosts';
import { Failure, validBaseUrl, type Loaded } from './feedCommon';
import type { FeedArgs } from './feedArgs';
import type { ManifestInfo } from './feedFiles';
import { oneLine } from './feedSource';
import { buildFolderFeed, HeadNotWritten, NoArticles } from './folderBuild';
import { readSiteConfig, siteTitle } from './siteConfig';

/** What a Hugo folder's site config and the flags say of the feed. */
interface FolderSetup {
  site: SiteInfo;
  header: Omit<ManifestInfo, 'topics' | 'generatedAt'>;
}

/** Reads the site config of a Hugo content folder; says what it guessed unless `quiet`. */
function folderSetup(args: FeedArgs, quiet: boolean): FolderSetup {
  let config;
  try {
    config = readSiteConfig(args.source);
  } catch (error) {
    throw new Failure(`cannot read the site config: ${oneLine(error).slice(0, 300)}`, 2);
  }
  const baseUrlArg = args.baseUrl ?? config?.baseUrl;
  // Without a base URL the feed is still useful: only the links to the original posts are missing.
  const baseUrl = baseUrlArg === undefined ? null : validBaseUrl(baseUrlArg);
  if (baseUrl === null && !quiet) {
    console.error('feed: warning: no base URL (no --base-url, no baseURL in a site config): articles have no link to the original post until --base-url is given');
  }
  const author = args.author ?? config?.author ?? null;
  const section = args.section ?? path.basename(path.resolve(args.source));
  const title = args.title === undefined ? siteTitle(args.source, config) : { title: args.title, from: '--title' };
  if (!quiet && args.title === undefined) console.error(`feed: title "${title.title}" (${title.from}; set it with --title)`);
  return {
    site: { baseUrl, section, author, timeZone: config?.timeZone ?? null },
    header: { title: title.title, description: args.description ?? config?.description ?? '', homepage: baseUrl, language: config?.language ?? 'en', author },
  };
}

type Counts = Pick<Collected, 'read' | 'recovered' | 'skipped' | 'drafts'>;

const folderAccount = (c: Counts, articles: number, topics: number) =>
  `${c.read} posts read, ${articles} articles, ${c.recovered} recovered, ${c.skipped} skipped, ${c.drafts} drafts, ${topics} topics`;

function noArticles(args: FeedArgs, counts: Counts, first: Report | undefined): Failure {
  const because = first ? `; first problem: ${first.file}:${first.line}: ${first.message}` : '';
  const unchanged = args.out === undefined ? '' : `; ${args.out} left unchanged`;
  return new Failure(`no articles built (${folderAccount(counts, 0, 0)})${because}${unchanged}`, 1);
}

/** `build` of a Hugo folder: streamed, on every core, reusing the output folder's last build. Gives the summary's account of posts and its line for head.json. */
export async function buildFolder(args: FeedArgs, generatedAt: string): Promise<{ account: string; head: string }> {
  const { site, header } = folderSetup(args, false);
  const out = args.out ?? '';
  try {
    const built = await buildFolderFeed({ source: args.source, display: args.source, out, site, header, generatedAt, fresh: args.full, report: (r) => console.error(`${r.file}:${r.line}: ${r.message}`) });
    if (built.previous !== null) {
      const { articles, tokenized, patched } = built.indexed;
      const patchedNote = patched > 0 ? ` (${patched} search segments patched in place)` : '';
      console.error(`feed: rebuilt: ${built.rendered} of ${built.counts.read} posts read again, ${built.monthsWritten} of ${built.months} months rewritten, ${tokenized} of their ${articles} articles indexed again${patchedNote}`);
    }
    return { account: folderAccount(built.counts, built.manifest.articleCount, built.topics), head: built.head };
  } catch (error) {
    if (error instanceof NoArticles) throw noArticles(args, error.counts, undefined);
    if (error instanceof HeadNotWritten) throw new Failure(`cannot write ${out}/head.json: ${oneLine(error)}`, 1);
    // A file system error names its path; anything else is the build's own failure.
    const io = error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
    throw new Failure(`${io ? `cannot write ${out}` : 'the build failed'}: ${oneLine(error)}`, 1);
  }
}

/** A Hugo content folder, read whole, for `inspect`. When `quiet`, problems with single posts are not printed. */
export function loadFolder(args: FeedArgs, quiet: boolean): Loaded {
  const { site, header } = folderSetup(args, quiet);
  const reports: Report[] = [];
  const collected = collectPosts(args.source, args.source, site, (r) => {
    if (quiet) reports.push(r);
    else console.error(`${r.file}:${r.line}: ${r.message}`);
  });
  if (collected.articles.length === 0) {
    const first = reports.find((r) => !r.message.startsWith('warning:') && !r.message.startsWith('recovered:'));
    throw noArticles(args, collected, first);
  }
  return {
    entries: collected.articles,
    info: { ...header, topics: collected.topics },
    account: folderAccount(collected, collected.articles.length, collected.topics.length),
  };
}
