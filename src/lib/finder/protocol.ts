import type { SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';

/** `cancel` names a search the page no longer wants: it gets no reply, and neither does that search. */
export type FinderRequest =
  | { id: number; method: 'search'; request: SearchRequest }
  | { id: number; method: 'snippets'; request: SnippetRequest }
  | { id: number; method: 'cancel'; search: number };

export type FinderReply =
  | { id: number; ok: true; result: SearchResponse | Record<string, Snippet | null> }
  | { id: number; ok: false; message: string };
