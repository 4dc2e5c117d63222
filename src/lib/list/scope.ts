import type { DownloadScope } from '../offline/job';

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
