import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** What the tree walk reports: every open is matched by exactly one close, innermost first. */
export interface TreeHandler {
  open(name: string, attributes: ReadonlyMap<string, string>): void;
  close(): void;
  text(text: string): void;
  /** True once the handler wants nothing more: tokenizing stops. */
  readonly done: boolean;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const SECTIONS = new Set(['thead', 'tbody']);
/** An open tag that closes the open element on top when it is one of these (htmlparser2's table). */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['a', new Set(['a'])], ['li', new Set(['li'])], ['p', P], ['dd', DD_DT], ['dt', DD_DT], ['rt', RT_RP], ['rp', RT_RP],
  ['tbody', SECTIONS], ['tfoot', SECTIONS],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, HEADINGS] as const),
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P] as const),
]);

/**
 * Walks HTML as a tree with htmlparser2's tokenizer (entities, raw-text elements and attribute
 * quoting as browsers read them) and a stack of our own. htmlparser2's Parser keeps its stack with
 * `unshift`, so 100,000 nested elements cost it minutes; here every step is amortised O(1): the
 * stack grows at its end and a count per name answers "is it open?" without a search.
 */
export function walkHtml(html: string, handler: TreeHandler): void {
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let tag = '';
  let attributes = new Map<string, string>();
  let attributeName = '';
  let attributeValue = '';

  const pop = () => {
    const name = stack.pop();
    if (name === undefined) return;
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    handler.close();
  };
  const push = (name: string, attrs: ReadonlyMap<string, string>) => {
    handler.open(name, attrs);
    if (VOID_ELEMENTS.has(name)) {
      handler.close();
      return;
    }
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const endOpenTag = () => {
    const closes = IMPLIES_CLOSE.get(tag);
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] ?? '')) pop();
    push(tag, attributes);
    if (handler.done) tokenizer.pause();
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname: (start, end) => {
      tag = html.slice(start, end).toLowerCase();
      attributes = new Map();
    },
    onattribname: (start, end) => {
      attributeName = html.slice(start, end).toLowerCase();
      attributeValue = '';
    },
    onattribdata: (start, end) => {
      attributeValue += html.slice(start, end);
    },
    onattribentity: (codepoint) => {
      attributeValue += String.fromCodePoint(codepoint);
    },
    onattribend: () => {
      // The first of repeated attributes wins, as in browsers.
      if (!attributes.has(attributeName)) attributes.set(attributeName, attributeValue);
    },
    onopentagend: endOpenTag,
    // HTML ignores the slash of `<div/>`.
    onselfclosingtag: endOpenTag,
    onclosetag: (start, end) => {
      const name = html.slice(start, end).toLowerCase();
      if ((openCount.get(name) ?? 0) > 0) {
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
        pop();
      } else if (name === 'p' || name === 'br') {
        // Browsers read a stray </p> as <p></p> and </br> as <br>.
        push(name, new Map());
        if (name === 'p') pop();
      }
      if (handler.done) tokenizer.pause();
    },
    ontext: (start, end) => {
      handler.text(html.slice(start, end));
      if (handler.done) tokenizer.pause();
    },
    ontextentity: (codepoint) => handler.text(String.fromCodePoint(codepoint)),
    oncdata: () => undefined,
    oncomment: () => undefined,
    ondeclaration: () => undefined,
    onprocessinginstruction: () => undefined,
    onend: () => {
      while (stack.length > 0) pop();
    },
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  if (handler.done) {
    while (stack.length > 0) pop();
    return;
  }
  tokenizer.end();
}
