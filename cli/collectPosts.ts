/** Reads a Hugo content folder and turns each post into a feed article (or a report). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeedArticle, FeedTopic } from '../src/lib/feed/folder';
import { TopicTally } from '../src/lib/feed/topics';
import { buildPost, type BuiltArticle, type SiteInfo } from '../src/lib/feed/hugo/post';

export interface Report {
  file: string;
  line: number;
  message: string;
}

export interface Collected {
  articles: { article: Omit<FeedArticle, 'body'>; bodyHtml: string | null }[];
  topics: FeedTopic[];
  read: number;
  recovered: number;
  skipped: number;
  drafts: number;
}

/** Markdown files under `dir`, sorted, without section list pages (_index.md) and hidden entries. */
export function listPosts(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name) && !/^_index\./i.test(entry.name)) {
        found.push(child);
      }
    }
  };
  walk('');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Builds every post under `sourceDir`. Reports (skips, recoveries, warnings) go to `report` with the
 * file shown as `displayDir/relative-path`. A bad post never stops the others.
 */
export function collectPosts(
  sourceDir: string,
  displayDir: string,
  site: SiteInfo,
  report: (r: Report) => void,
): Collected {
  const files = listPosts(sourceDir);
  const result: Collected = { articles: [], topics: [], read: files.length, recovered: 0, skipped: 0, drafts: 0 };
  const firstFileOfId = new Map<string, string>();
  const names = new TopicTally();
  for (const rel of files) {
    const shown = path.join(displayDir, rel);
    let built: ReturnType<typeof buildPost>;
    try {
      built = buildPost(rel, readFileSync(path.join(sourceDir, rel), 'utf8'), site);
    } catch (error) {
      // An unreadable file (or a renderer bug on odd input) costs that post only.
      built = { kind: 'skipped', file: rel, line: 1, message: `cannot build: ${(error as Error).message}` };
    }
    if (built.kind === 'draft') {
      result.drafts++;
      continue;
    }
    if (built.kind === 'skipped') {
      result.skipped++;
      report({ file: shown, line: built.line, message: built.message });
      continue;
    }
    const earlier = firstFileOfId.get(built.article.id);
    if (earlier !== undefined) {
      result.skipped++;
      report({ file: shown, line: 1, message: `duplicate article id "${built.article.id}" (already used by ${earlier})` });
      continue;
    }
    firstFileOfId.set(built.article.id, shown);
    noteProblems(built, shown, report);
    if (built.recovered) result.recovered++;
    names.add(built.topicNames);
    result.articles.push({ article: built.article, bodyHtml: built.bodyHtml });
  }
  result.topics = names.topics();
  return result;
}

function noteProblems(built: BuiltArticle, shown: string, report: (r: Report) => void): void {
  if (built.recovered) report({ file: shown, line: built.recovered.line, message: `recovered: ${built.recovered.message}` });
  for (const w of built.warnings) report({ file: shown, line: w.line, message: `warning: ${w.message}` });
}
