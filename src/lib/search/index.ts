/** Folio's full-text search engine: pure, for a Web Worker and the Node feed builder. */
export { buildSegment, type BuildOptions, type SearchDoc, type SegmentBytes } from './build';
export { FORMAT_VERSION, relabel, type PartHeader } from './format';
export { filterPhrases, findPhrase, matchesPhrases } from './phrase';
export { parseQuery, type ParsedQuery, type QueryTerm } from './query';
export { SearchIndex, type Coverage, type Hit, type SearchOptions, type SearchResult } from './search';
export { SegmentPart } from './segment';
export { makeSnippet, type Snippet, type SnippetOptions } from './snippet';
export { fold, stem, terms, tokenize, type Token, type TokenizeOptions } from './tokenize';
export { editDistance, typoBudget } from './vocabulary';
