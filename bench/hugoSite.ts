/**
 * A deterministic Hugo site for the builder benchmark: Markdown posts shaped like the model blog's
 * (title length, body size, tags, date styles), written to disk, plus a config.toml and two one-line
 * templates so Hugo renders every post as the feed builder does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTitle } from './bodies';
import { DEFAULT_SEED, END_MS, rawDateString, START_MS } from './generate';
import { BODY_BYTES, Rng, TOPICS_PER_ARTICLE } from './shape';
import { buildTagVocabulary, drawTags } from './tags';
import { CODE_LINES, LANGUAGES, PROSE, TERMS } from './vocabulary';

export const SITE_CONFIG = [
  'baseURL = "https://blog.example.com/"',
  'title = "Folio bench blog"',
  'languageCode = "en"',
  // Hugo's own RSS and sitemap of every list are not what the feed builder makes: leave them out.
  'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]',
  '',
].join('\n');

/** Each post's body as its page; list pages carry only their title, so Hugo's work is rendering posts. */
const LAYOUTS = { 'single.html': '{{ .Content }}\n', 'list.html': '{{ .Title }}\n' };

function words(rng: Rng, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.float();
    const word = r < 0.7 ? rng.pick(PROSE) : rng.pick(TERMS);
    if (r < 0.01) out.push(`[${word}](https://example.com/docs/${word})`);
    else if (r < 0.03) out.push(`\`${word}\``);
    else if (r < 0.04) out.push(`**${word}**`);
    else out.push(word);
  }
  return `${out.join(' ')}.`;
}

/** A Markdown body of about `bytes` bytes: paragraphs, headings, lists and code fences. */
export function markdownBody(rng: Rng, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rng.float();
    let part: string;
    if (r < 0.1) part = `## ${words(rng, rng.int(2, 6)).slice(0, -1)}`;
    else if (r < 0.2) part = Array.from({ length: rng.int(2, 5) }, () => `- ${words(rng, rng.int(3, 12))}`).join('\n');
    else if (r < 0.3) {
      const lang = rng.pick(LANGUAGES);
      const lines = CODE_LINES[lang] ?? [];
      part = `\`\`\`${lang}\n${Array.from({ length: rng.int(3, 10) }, () => rng.pick(lines)).join('\n')}\n\`\`\``;
    } else part = words(rng, rng.int(30, 90));
    parts.push(part);
    size += part.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** One post's file, all of it derived from (seed, index). */
export function hugoPost(seed: number, index: number, tags: (rng: Rng) => string[]): string {
  const rng = Rng.for(seed, `hugo:${index}`);
  const ms = START_MS + Math.floor(rng.float() * (END_MS - START_MS));
  const topics = tags(rng);
  const title = makeTitle(rng, rng.int(30, 100), topics);
  const fm = [`title: ${JSON.stringify(title)}`, `date: ${rawDateString(ms, rng)}`, `tags: ${JSON.stringify(topics)}`];
  return `---\n${fm.join('\n')}\n---\n\n${markdownBody(rng, rng.quantile(BODY_BYTES))}`;
}

export const postFile = (index: number) => `post-${String(index).padStart(6, '0')}.md`;

/** Writes the site under `dir`; its posts are in `dir/content/posts`. */
export function writeHugoSite(dir: string, count: number, seed = DEFAULT_SEED): string {
  const posts = path.join(dir, 'content', 'posts');
  mkdirSync(posts, { recursive: true });
  mkdirSync(path.join(dir, 'layouts', '_default'), { recursive: true });
  writeFileSync(path.join(dir, 'config.toml'), SITE_CONFIG);
  for (const [name, text] of Object.entries(LAYOUTS)) writeFileSync(path.join(dir, 'layouts', '_default', name), text);
  const vocab = buildTagVocabulary(seed);
  const tags = (rng: Rng) => drawTags(vocab, rng.weighted(TOPICS_PER_ARTICLE), rng);
  for (let i = 0; i < count; i++) writeFileSync(path.join(posts, postFile(i)), hugoPost(seed, i, tags));
  return posts;
}

export type EditKind = 'recent' | 'scattered';

/** The instant post `index` is dated: the first draw of its own random source. */
function postInstant(seed: number, index: number): number {
  return START_MS + Math.floor(Rng.for(seed, `hugo:${index}`).float() * (END_MS - START_MS));
}

/**
 * Changes `fraction` of the posts (at least one) and returns how many. `scattered`: posts picked at
 * random across every month each gain a paragraph, so most months change. `recent`: as a blog is
 * updated, half are new posts dated after the newest, half edits of posts from its last 60 days.
 */
export function editPosts(posts: string, count: number, fraction: number, seed = DEFAULT_SEED, kind: EditKind = 'scattered'): number {
  const rng = Rng.for(seed, `hugo-edits-${kind}`);
  const target = Math.max(1, Math.round(count * fraction));
  const picked = new Set<number>();
  if (kind === 'scattered') {
    while (picked.size < target) picked.add(rng.int(0, count - 1));
  } else {
    const recent = Array.from({ length: count }, (_, i) => i).filter((i) => postInstant(seed, i) >= END_MS - 60 * 86_400_000);
    for (let i = 0; i < recent.length && picked.size < Math.floor(target / 2); i++) picked.add(recent[i] as number);
  }
  for (const i of picked) {
    const file = path.join(posts, postFile(i));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## Update\n\n${words(rng, 40)}\n`);
  }
  const added = target - picked.size;
  for (let k = 0; k < added; k++) {
    const date = new Date(END_MS + (k + 1) * 3_600_000).toISOString();
    const file = `post-new-${kind}-${String(k).padStart(6, '0')}.md`;
    writeFileSync(path.join(posts, file), `---\ntitle: "New post ${k}"\ndate: ${date}\ntags: ["news"]\n---\n\n${markdownBody(rng, 8000)}`);
  }
  return target;
}
