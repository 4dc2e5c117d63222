/**
 * What of a feed's HTML reaches the reader, and its size limits. The lists follow DOMPurify's
 * defaults for HTML, without SVG and MathML (foreign content is where mutation XSS lives).
 */

/** Elements nested deeper than this are flattened: their tags go, their text stays. */
export const MAX_BODY_DEPTH = 64;
/** Elements kept per body; the body is cut at the next one, with a note. */
export const MAX_BODY_ELEMENTS = 5_000;
/** Characters of sanitised HTML kept per body; the body is cut there, with a note. */
export const MAX_BODY_CHARS = 1_000_000;
/** A heading's text in the table of contents. */
export const MAX_TOC_TEXT = 200;

/** Elements kept, with their allowed attributes besides the global ones. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'name', 'hreflang'],
  abbr: [], address: [], article: [], aside: [], b: [], bdi: [], bdo: [], big: [], blockquote: ['cite'], br: [],
  caption: [], center: [], cite: [], code: [], col: ['span'], colgroup: ['span'], data: ['value'], dd: [],
  del: ['cite', 'datetime'], details: ['open'], dfn: [], div: [], dl: [], dt: [], em: [], figcaption: [], figure: [],
  footer: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], header: [], hgroup: [], hr: [], i: [],
  img: ['src', 'alt', 'width', 'height'], ins: ['cite', 'datetime'], kbd: [], li: ['value'], mark: [],
  ol: ['start', 'reversed', 'type'], p: [], pre: [], q: ['cite'], rp: [], rt: [], ruby: [], s: [], samp: [],
  section: [], small: [], span: [], strike: [], strong: [], sub: [], summary: [], sup: [],
  table: [], tbody: [], td: ['colspan', 'rowspan', 'headers', 'scope', 'align'], tfoot: [],
  th: ['colspan', 'rowspan', 'headers', 'scope', 'align'], thead: [], time: ['datetime'], tr: [], tt: [], u: [],
  ul: [], var: [], wbr: [],
  video: ['src', 'poster', 'width', 'height', 'controls', 'loop', 'muted', 'playsinline', 'preload'],
  audio: ['src', 'controls', 'loop', 'muted', 'preload'],
  source: ['src', 'type'],
  track: ['src', 'kind', 'label', 'srclang', 'default'],
};

/** Attributes every kept element may carry (besides `aria-*`). */
export const GLOBAL_ATTRIBUTES: ReadonlySet<string> = new Set(['id', 'class', 'title', 'lang', 'dir']);

/** Elements removed with everything inside them. Any other element not in ALLOWED is unwrapped. */
export const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'textarea', 'select', 'option', 'title', 'xmp', 'plaintext', 'svg', 'math', 'head', 'button',
]);

/**
 * Inline formatting that looks the same when nested in itself (bold in bold, underline in
 * underline). Nested again, it is unwrapped: 20,000 unclosed <b><i><u><s> runs would otherwise
 * paint dozens of stacked underlines and strike-throughs on every line, for seconds.
 */
export const SAME_WHEN_NESTED: ReadonlySet<string> = new Set([
  'b', 'i', 'u', 's', 'em', 'strong', 'strike', 'mark', 'code', 'tt', 'kbd', 'samp', 'var', 'del', 'ins', 'cite', 'dfn',
]);

/** Elements with no content and no end tag. */
export const VOID: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'wbr', 'col', 'source', 'track']);

/** Attributes holding an address, and the schemes each accepts once resolved. */
export const URL_SCHEMES: Readonly<Record<string, readonly string[]>> = {
  href: ['http:', 'https:', 'mailto:', 'tel:'],
  src: ['http:', 'https:'],
  poster: ['http:', 'https:'],
  cite: ['http:', 'https:'],
};
