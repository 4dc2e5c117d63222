/** A small Hugo posts folder for the builder's tests, and the feed builds to compare. */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectPosts, type Report } from '../../../cli/collectPosts';
import { layoutFeed, writeFeed } from '../../../cli/feedFiles';
import { writeFolderHead } from '../../../cli/feedHead';
import { buildFolderFeed, type FolderBuild } from '../../../cli/folderBuild';
import { CACHE_FILE } from '../../../cli/buildCache';
import type { SiteInfo } from '../../../src/lib/feed/hugo/post';

export const site: SiteInfo = { baseUrl: 'https://blog.example/', section: 'posts', author: 'Site Author', timeZone: null };
export const header = { title: 'Example', description: 'Notes.', homepage: 'https://blog.example/', language: 'en', author: 'Site Author' };
export const generatedAt = '2026-01-01T00:00:00.000Z';

export function post(title: string, date: string | null, tags: string[], body: string): string {
  const fm = [`title: ${JSON.stringify(title)}`, ...(date ? [`date: ${date}`] : []), `tags: ${JSON.stringify(tags)}`];
  return `---\n${fm.join('\n')}\n---\n\n${body}`;
}

const body = (n: number) =>
  `Intro paragraph ${n} about [links](../other/) and \`code\`.\n\n## Part ${n}\n\nMore words on topic ${n % 5}.\n\n` +
  '```go\nfunc main() {}\n```\n\n- one\n- two\n';

/** Twenty-odd posts over five months, undated ones, a draft, a broken one, a duplicate id, files named out of date order. */
export function fixturePosts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    const month = String(1 + (i % 4)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 27)).padStart(2, '0');
    const name = i % 3 === 0 ? `bundle-${i}/index.md` : `p${String(19 - i).padStart(2, '0')}.md`;
    files[name] = post(`Post ${i}`, `2026-${month}-${day}T${String(i % 24).padStart(2, '0')}:00:00+02:00`, i % 2 ? ['Go', 'Rust'] : ['go', `Tag ${i % 4}`], body(i));
  }
  files['late.md'] = post('Late', '2026-05-30T23:30:00-05:00', ['Time'], body(99));
  files['undated-a.md'] = post('Undated A', null, ['misc'], body(100));
  files['undated-b.md'] = post('Undated B', null, [], '');
  files['draft.md'] = '---\ntitle: Draft\ndraft: true\n---\nx\n';
  files['broken.md'] = '---\ntitle: "Broken\ndate: 2026-01-01\n---\nx\n';
  files['no-front-matter.md'] = '# Heading Post\n\nRecovered body.\n';
  files['zz-dup.md'] = '---\ntitle: Dup\nslug: p05\ndate: 2026-02-02\n---\nDuplicate.\n';
  return files;
}

export function writePosts(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** The feed as the builder wrote it before it streamed: every post in memory, then laid out and written, and its head last. */
export function buildInMemory(src: string, out: string): Report[] {
  const reports: Report[] = [];
  const collected = collectPosts(src, src, site, (r) => reports.push(r));
  writeFeed(out, layoutFeed(collected.articles, { ...header, topics: collected.topics, generatedAt }));
  writeFolderHead(out);
  return reports;
}

export async function buildStreamed(src: string, out: string, workers = 0, fresh = false, siteChange: Partial<SiteInfo> = {}): Promise<{ built: FolderBuild; reports: Report[] }> {
  const reports: Report[] = [];
  const built = await buildFolderFeed({ source: src, display: src, out, site: { ...site, ...siteChange }, header, generatedAt, report: (r) => reports.push(r), workers, fresh });
  return { built, reports };
}

/** Relative path → SHA-256 of every file of a feed folder, the build cache left out. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else if (child !== CACHE_FILE) files[child] = createHash('sha256').update(readFileSync(path.join(dir, child))).digest('hex');
    }
  };
  walk('');
  return files;
}

/**
 * `snapshot` of what readers of the current build get, whatever its history: the change log (the
 * manifest's revision and deltas, and `deltas/`) left out, since a rebuild has one and a clean build not.
 */
export function contentSnapshot(dir: string): Record<string, string> {
  const files = snapshot(dir);
  for (const rel of Object.keys(files)) if (rel.startsWith('deltas/')) delete files[rel];
  const { revision: _revision, deltas: _deltas, ...manifest } = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  files['manifest.json'] = createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
  return files;
}
