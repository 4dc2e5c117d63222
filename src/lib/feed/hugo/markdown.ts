/**
 * Markdown → HTML for Hugo posts, close to what Hugo's Goldmark renderer produces where it matters to
 * a reader: heading ids (so in-body "#anchor" links and a table of contents work), code fences with
 * `class="language-xxx"`, and links/images made absolute against the original post. Pure.
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

export interface RenderOptions {
  /** Absolute URL of the post itself; relative link and image URLs resolve against it. */
  baseUrl: string;
}

interface RenderEnv {
  baseUrl: string;
  ids: Set<string>;
}

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
md.core.ruler.push('folio_hugo', postProcess);
md.normalizeLink = remembered(md.normalizeLink.bind(md));

/** Posts link to the same addresses again and again, and each one is parsed, punycoded and encoded anew. */
function remembered(normalize: (url: string) => string): (url: string) => string {
  const known = new Map<string, string>();
  return (url) => {
    let normal = known.get(url);
    if (normal === undefined) {
      if (known.size >= 4096) known.clear();
      normal = normalize(url);
      known.set(url, normal);
    }
    return normal;
  };
}

export function renderMarkdown(markdown: string, options: RenderOptions): string {
  const env: RenderEnv = { baseUrl: options.baseUrl, ids: new Set() };
  return md.render(markdown, env);
}

function postProcess(state: StateCore): void {
  const env = state.env as RenderEnv;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      if (inline?.type === 'inline') token.attrSet('id', headingId(inline, env.ids));
    } else if (token.type === 'inline' && token.children) {
      for (const child of token.children) {
        if (child.type === 'link_open') resolveAttr(child, 'href', env.baseUrl);
        else if (child.type === 'image') resolveAttr(child, 'src', env.baseUrl);
      }
    }
  }
}

/** Goldmark's attribute syntax at the end of a heading: "## Title {#custom-id .class}". */
const HEADING_ATTRS = /\s*\{([^{}]*)\}\s*$/;

function headingId(inline: Token, ids: Set<string>): string {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  let custom: string | null = null;
  if (last?.type === 'text') {
    const m = HEADING_ATTRS.exec(last.content);
    const attrs = m?.[1];
    if (m && attrs !== undefined && /^(?:\s*(?:#[\w-]+|\.[\w-]+|[\w-]+=\S+))+\s*$/.test(attrs)) {
      last.content = last.content.slice(0, m.index);
      custom = /#([\w-]+)/.exec(attrs)?.[1] ?? null;
    }
  }
  const text = children
    .filter((c) => c.type === 'text' || c.type === 'code_inline')
    .map((c) => c.content)
    .join('');
  let id = custom ?? hugoAnchor(text);
  if (ids.has(id)) {
    let n = 1;
    while (ids.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  ids.add(id);
  return id;
}

/**
 * Hugo's "github" heading ids: lower-cased letters, digits and "_" kept, spaces and "-" as "-",
 * everything else dropped; "heading" when nothing is left.
 */
export function hugoAnchor(text: string): string {
  let id = '';
  for (const ch of text) {
    if (ch === ' ' || ch === '-') id += '-';
    else if (/[\p{L}\p{Nd}_]/u.test(ch)) id += ch.toLowerCase();
  }
  return id === '' ? 'heading' : id;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function resolveAttr(token: Token, name: string, baseUrl: string): void {
  const value = token.attrGet(name);
  // In-page anchors stay relative so they keep working inside the reader.
  if (value === null || value === '' || value.startsWith('#') || HAS_SCHEME.test(value)) return;
  try {
    token.attrSet(name, new URL(value, baseUrl).href);
  } catch {
    // Not resolvable (no valid base): keep the author's value.
  }
}
