/**
 * Synthetic post text: titles and rendered HTML bodies shaped like the model blog's (headings with ids,
 * a table of contents, paragraphs with inline markup, code blocks, tables, lists). Bodies stay ASCII,
 * with typographic characters as entities, so a large blog fits in memory while it is generated.
 */
import type { Rng } from './shape';
import { CODE_LINES, LANGUAGES, PROSE, TERMS, TITLE_LINKS, TITLE_OPENERS, TITLE_TAILS } from './vocabulary';

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function words(rng: Rng, count: number): string[] {
  const out: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = rng.pick(PROSE);
  return out;
}

/** A title of about `targetChars` characters, mentioning the article's first topics. */
export function makeTitle(rng: Rng, targetChars: number, topicNames: readonly string[]): string {
  const names = topicNames.length > 0 ? topicNames : [rng.pick(TERMS)];
  const term = () => capitalise(rng.chance(0.6) ? (names[rng.int(0, names.length - 1)] as string) : rng.pick(TERMS)).replace(/-/g, rng.chance(0.2) ? '\u2011' : ' ');
  const parts = [rng.pick(TITLE_OPENERS), term()];
  while (parts.join(' ').length < targetChars - 12) {
    if (rng.chance(0.25) && !parts.some((p) => p.endsWith(':'))) {
      parts[parts.length - 1] += ':';
      parts.push(rng.pick(TITLE_TAILS));
    } else {
      parts.push(rng.pick(TITLE_LINKS), term());
    }
  }
  let title = parts.join(' ').replace(/ — /g, ' \u2014 ');
  if (rng.chance(0.1)) title = title.replace(/(\w)s\b/, '$1\u2019s');
  if (title.length > targetChars + 6) {
    const cut = title.lastIndexOf(' ', targetChars);
    if (cut > 10) title = title.slice(0, cut);
  }
  return title.replace(/[:\s\u2014]+$/u, '').replace(/\b(with|for|and|in|beyond|without|using|on top of)$/, '').trim();
}

function sentenceText(rng: Rng, count: number): string {
  const w = words(rng, count);
  w[0] = capitalise(w[0] as string);
  // Inline markup, as rendered Markdown has it.
  for (let i = 1; i < w.length - 1; i++) {
    const r = rng.float();
    if (r < 0.06) w[i] = `<strong>${w[i]}</strong>`;
    else if (r < 0.1) w[i] = `<code>${w[i]}_${rng.pick(PROSE)}()</code>`;
    else if (r < 0.11) w[i] = `it&rsquo;s`;
    else if (r < 0.115) w[i] = `&mdash;`;
    else if (r < 0.13) w[i] = `<a href="https://example.com/docs/${rng.pick(TERMS)}/${w[i]}-reference">${w[i]}</a>`;
  }
  return `${w.join(' ')}.`;
}

/** A paragraph of exactly `count` words. */
export function paragraph(rng: Rng, count: number): string {
  const sentences: string[] = [];
  let left = count;
  while (left > 0) {
    const n = Math.min(left, rng.int(8, 24));
    sentences.push(sentenceText(rng, n));
    left -= n;
  }
  return `<p>${sentences.join(' ')}</p>\n`;
}

function headingText(rng: Rng, words: number): string {
  const out = [capitalise(rng.pick(TERMS))];
  for (let i = 1; i < words; i++) out.push(rng.chance(0.5) ? capitalise(rng.pick(TERMS)) : rng.pick(PROSE));
  return out.join(' ');
}

function anchor(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function codeBlock(rng: Rng): string {
  const language = rng.pick(LANGUAGES);
  const lines = CODE_LINES[language] ?? [];
  const out: string[] = [];
  const n = rng.int(6, 22);
  for (let i = 0; i < n; i++) out.push(escapeHtml(lines[(i + rng.int(0, 2)) % lines.length] ?? ''));
  return `<pre><code class="language-${language}">${out.join('\n')}\n</code></pre>\n`;
}

function table(rng: Rng): string {
  const cols = rng.int(3, 4);
  const rows = rng.int(3, 7);
  const head = Array.from({ length: cols }, () => `<th>${capitalise(rng.pick(TERMS))}</th>`).join('\n');
  const body = Array.from(
    { length: rows },
    () => `<tr>\n${Array.from({ length: cols }, () => `<td>${words(rng, rng.int(1, 4)).join(' ')}</td>`).join('\n')}\n</tr>`,
  ).join('\n');
  return `<table>\n<thead>\n<tr>\n${head}\n</tr>\n</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
}

function list(rng: Rng): string {
  const tag = rng.chance(0.4) ? 'ol' : 'ul';
  const items = Array.from({ length: rng.int(3, 6) }, () => `<li><strong>${capitalise(rng.pick(TERMS))}</strong> &ndash; ${words(rng, rng.int(5, 16)).join(' ')}.</li>`);
  return `<${tag}>\n${items.join('\n')}\n</${tag}>\n`;
}

function section(rng: Rng, level: 2 | 3): { heading: string; id: string; html: string } {
  const heading = headingText(rng, rng.int(2, 6));
  const id = anchor(heading);
  const parts = [`<h${level} id="${id}">${heading}</h${level}>\n`];
  const blocks = rng.int(2, 4);
  for (let b = 0; b < blocks; b++) {
    parts.push(paragraph(rng, rng.int(30, 110)));
    const r = rng.float();
    if (r < 0.46) parts.push(codeBlock(rng));
    else if (r < 0.64) parts.push(table(rng));
    else if (r < 0.8) parts.push(list(rng));
    else if (r < 0.84) parts.push(`<blockquote>\n${paragraph(rng, rng.int(12, 30))}</blockquote>\n`);
  }
  return { heading, id, html: parts.join('') };
}

/**
 * A rendered body of about `targetBytes` bytes whose first paragraph has `summaryWords` words, so that
 * Hugo's summary (whole paragraphs up to 70 words) has the model blog's length.
 */
export function makeBody(rng: Rng, targetBytes: number, summaryWords: number): string {
  const intro = paragraph(rng, Math.max(3, Math.round(summaryWords)));
  if (targetBytes <= intro.length + 200) return intro;
  const sections: { heading: string; id: string; html: string }[] = [];
  let size = intro.length + 400;
  while (size < targetBytes) {
    const s = section(rng, sections.length > 0 && rng.chance(0.6) ? 3 : 2);
    sections.push(s);
    size += s.html.length + 60;
  }
  const parts = [intro];
  if (sections.length > 3 && rng.chance(0.7)) {
    parts.push('<hr>\n<h2 id="table-of-contents">Table of Contents</h2>\n<ol>\n');
    for (const s of sections) parts.push(`<li><a href="#${s.id}">${s.heading}</a></li>\n`);
    parts.push('</ol>\n<hr>\n');
  }
  for (const s of sections) parts.push(s.html);
  return parts.join('');
}

/** An edit as authors make them: an update section at the end of the post. */
export function appendUpdate(rng: Rng, bodyHtml: string, day: string): string {
  return `${bodyHtml}<h2 id="update-${day}">Update (${day})</h2>\n${paragraph(rng, rng.int(40, 90))}`;
}
