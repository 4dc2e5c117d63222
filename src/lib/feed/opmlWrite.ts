/** Writing OPML 2.0: Folio's feeds as a subscription list other readers import. */
import type { OpmlFeed } from './opml';

/** A feed to write: categories are optional (only the first becomes a folder). */
export type OpmlListFeed = Pick<OpmlFeed, 'title' | 'xmlUrl' | 'htmlUrl'> & { categories?: readonly string[] };

export interface OpmlList {
  title: string;
  feeds: readonly OpmlListFeed[];
}

/**
 * An OPML 2.0 subscription list: one outline per feed, inside a folder outline named by its first
 * category when it has one (folders in order of first use; nested categories are not kept).
 */
export function writeOpml(list: OpmlList, now: number = Date.now()): string {
  const top: (string | { name: string; lines: string[] })[] = [];
  const folders = new Map<string, string[]>();
  for (const feed of list.feeds) {
    const attrs: [string, string][] = [['type', 'rss'], ['text', feed.title], ['title', feed.title], ['xmlUrl', feed.xmlUrl]];
    if (feed.htmlUrl !== null) attrs.push(['htmlUrl', feed.htmlUrl]);
    const line = `<outline ${attrs.map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ')}/>`;
    const name = feed.categories?.[0]?.trim();
    if (!name) {
      top.push(line);
      continue;
    }
    let lines = folders.get(name);
    if (lines === undefined) {
      lines = [];
      folders.set(name, lines);
      top.push({ name, lines });
    }
    lines.push(line);
  }
  const body = top.flatMap((item) => {
    if (typeof item === 'string') return [`    ${item}`];
    const name = escapeXml(item.name);
    return [`    <outline text="${name}" title="${name}">`, ...item.lines.map((l) => `      ${l}`), '    </outline>'];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(list.title)}</title>`,
    // RFC 822 as OPML 2.0 asks: toUTCString gives "Tue, 03 Jun 2025 10:00:00 GMT".
    `    <dateCreated>${new Date(now).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/**
 * Text safe in XML content and double-quoted attributes. Characters XML 1.0 cannot hold at all
 * (controls, lone surrogates, U+FFFE/U+FFFF) are dropped; line breaks and tabs are kept as references,
 * or a parser would turn them into spaces.
 */
function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"\n\r\t]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
