/** Readers for Hugo front-matter fields, tolerant of the spellings Hugo itself accepts. Pure. */
import { clipText } from '../formats/values';
import { MAX_NAME_CHARS, MAX_TITLE_CHARS } from '../limits';
import { cleanText, decodeEntities } from '../htmlText';
import { articleTopics } from '../topics';

/** A scalar as text: strings trimmed, numbers and booleans stringified, anything else null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Title as shown: entities decoded ("&amp;" → "&"), invisible characters dropped, whitespace collapsed, cut at MAX_TITLE_CHARS. */
export function title(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const clean = clipText(cleanText(decodeEntities(raw)), MAX_TITLE_CHARS);
  return clean === '' ? null : clean;
}

export function isDraft(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

export interface TopicName {
  slug: string;
  /** The spelling used in this post. */
  name: string;
}

/** Tags as a list or a comma-separated string; unique by slug, in source order, at most MAX_TOPICS_PER_ARTICLE (see ../topics). */
export function topics(value: unknown): TopicName[] {
  const raw: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const t = text(item);
      if (t !== null) raw.push(t);
    }
  } else if (typeof value === 'string') {
    raw.push(...value.split(','));
  }
  return [...articleTopics(raw.map((term) => ({ term }))).names].map(([slug, name]) => ({ slug, name }));
}

/** Author as a string, the first of a list, or the `name` of an object. */
export function author(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const a = author(item);
      if (a !== null) return a;
    }
    return null;
  }
  const raw = value !== null && typeof value === 'object' && 'name' in value ? text(value.name) : text(value);
  return raw === null ? null : clipText(cleanText(raw), MAX_NAME_CHARS) || null;
}

/** A whole number ≥ 0 from a number or numeric string; null otherwise. */
export function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

/** Site base URL with exactly one trailing slash. */
export function withTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '') + '/';
}

/**
 * The post's absolute URL: front-matter `url` (absolute, or resolved against the site), else
 * `<base>/<section>/<slug>/` lower-cased like Hugo's default paths. Without a base URL only an
 * absolute front-matter `url` gives one; otherwise "" (the article has no link to an original).
 */
export function postUrl(frontMatterUrl: unknown, baseUrl: string | null, section: string, slug: string): string {
  const base = baseUrl === null ? undefined : withTrailingSlash(baseUrl);
  const explicit = text(frontMatterUrl);
  if (explicit !== null) {
    try {
      const url = new URL(explicit, base);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Fall through to the default URL.
    }
  }
  if (base === undefined) return '';
  const segment = (s: string) => encodeURIComponent(s.trim().toLowerCase().replace(/\s+/g, '-'));
  const path = section.trim() === '' ? segment(slug) : `${section.split('/').map(segment).join('/')}/${segment(slug)}`;
  return new URL(`${path}/`, base).href;
}
