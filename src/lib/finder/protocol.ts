import type { SearchRequest, SearchResponse, Snippet, SnippetRequest } from '../model/search';

export type FinderRequest = { id: number; method: 'search'; request: SearchRequest } | { id: number; method: 'snippets'; request: SnippetRequest };

export type FinderReply =
  | { id: number; ok: true; result: SearchResponse | Record<string, Snippet | null> }
  | { id: number; ok: false; message: string };
