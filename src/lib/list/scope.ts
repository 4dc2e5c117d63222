import { DEFAULT_PARAMS, type ListParams } from './params';

/** Which articles an offline download or removal covers: everything, or one filter's articles. */
export type DownloadScope = { kind: 'all' } | { kind: 'filter'; params: ListParams };

/** Only source, topics and dates define a scope's articles; sort, paging and `offline` are dropped. */
export function filterScope(params: ListParams): DownloadScope {
  const { topics, match, from, to, source } = params;
  if (topics.length === 0 && from === null && to === null && source === null) return { kind: 'all' };
  return { kind: 'filter', params: { ...DEFAULT_PARAMS, topics: [...topics], match, from, to, source } };
}

/** The filter of a scope: null means every article. */
export function scopeParams(scope: DownloadScope): ListParams | null {
  return scope.kind === 'all' ? null : scope.params;
}

/** "rust or go, 2024-01-01 to 2024-03-31": the filter in words, for buttons and messages. */
export function describeScope(scope: DownloadScope, topicName: (slug: string) => string): string {
  if (scope.kind === 'all') return 'all articles';
  const { topics, match, from, to, source } = scope.params;
  const parts: string[] = [];
  if (source !== null) parts.push('one source');
  if (topics.length > 0) parts.push(topics.map(topicName).join(match === 'all' ? ' and ' : ' or '));
  if (from && to) parts.push(`${from} to ${to}`);
  else if (from) parts.push(`from ${from}`);
  else if (to) parts.push(`until ${to}`);
  return parts.join(', ');
}
