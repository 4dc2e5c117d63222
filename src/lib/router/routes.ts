import { DEFAULT_PARAMS, parseListParams, toQueryString, withQuery, type ListParams } from '../list/params';

export type Route =
  | { name: 'list'; params: ListParams }
  | { name: 'article'; sourceId: string; id: string; key: string; params: ListParams }
  /** Offline reading; carries the list's parameters so "this filter" means the list the reader came from. */
  | { name: 'offline'; params: ListParams }
  /** The reader's sources: add a feed by URL or file, or remove one. */
  | { name: 'sources'; params: ListParams }
  /** Reading settings, the backup file and OPML. */
  | { name: 'settings'; params: ListParams }
  /** Every topic A–Z with counts and a filter box. */
  | { name: 'topics'; params: ListParams }
  | { name: 'not-found'; path: string };

/** `base` is the app's base path, ending in "/". */
export function parseRoute(url: URL, base: string): Route {
  const params = parseListParams(url.searchParams);
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname.replace(/^\//, '');
  if (path === '' || path === 'index.html') return { name: 'list', params };
  if (path === 'offline' || path === 'offline/') return { name: 'offline', params };
  if (path === 'sources' || path === 'sources/') return { name: 'sources', params };
  if (path === 'settings' || path === 'settings/') return { name: 'settings', params };
  if (path === 'topics' || path === 'topics/') return { name: 'topics', params };
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 3 && parts[0] === 'read' && parts[1] && parts[2]) {
    return { name: 'article', sourceId: parts[1], id: parts[2], key: `${parts[1]}/${parts[2]}`, params };
  }
  return { name: 'not-found', path: `/${path}` };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function listHref(base: string, params: ListParams): string {
  return `${base}${toQueryString(params)}`;
}

/** One topic's own list, as every topic link points to it. */
export function topicHref(base: string, slug: string): string {
  return listHref(base, { ...DEFAULT_PARAMS, topics: [slug] });
}

/** The list's parameters a route carries (a page that carries none: the plain list's). */
export function routeParams(route: Route): ListParams {
  return route.name === 'not-found' ? DEFAULT_PARAMS : route.params;
}

/** Search results show in the list, with the filters of the view the reader searched from. */
export function searchHref(base: string, route: Route, query: string): string {
  return listHref(base, withQuery(routeParams(route), query));
}

/** The list's query travels with the article, so prev/next and "back" keep the filter. */
export function articleHref(base: string, key: string, params: ListParams): string {
  const [sourceId = '', ...rest] = key.split('/');
  const id = rest.join('/');
  return `${base}read/${encodeURIComponent(sourceId)}/${encodeURIComponent(id)}${toQueryString(params)}`;
}

export function offlineHref(base: string, params: ListParams): string {
  return `${base}offline${toQueryString({ ...params, page: 1 })}`;
}

export function sourcesHref(base: string): string {
  return `${base}sources`;
}

export function topicsHref(base: string): string {
  return `${base}topics`;
}

export function settingsHref(base: string): string {
  return `${base}settings`;
}
