/**
 * The layer rule of src/lib: each folder imports only from the folders below it on the data path,
 * feed → ingest → store → catalog → view logic → components. Checked by `npm run lint`.
 */

/** Each layer and what it may import (besides itself and npm packages). */
export const LAYERS = {
  model: [],
  feed: ['model'],
  // The full-text engine: pure, for the ingest worker and the feed builder alike.
  search: [],
  // Words for readers: highlighting matches needs the search engine's own word splitting.
  display: ['model', 'search'],
  html: ['model'],
  pwa: [],
  // The store derives each shard's search segment from the rows it writes, in the same transaction.
  store: ['model', 'feed', 'search'],
  // The worker bounds and sanitises article bodies before they are stored.
  ingest: ['model', 'feed', 'store', 'search', 'html'],
  // The query side of search: loads stored segments and answers queries, in its own worker.
  finder: ['model', 'feed', 'store', 'search'],
  catalog: ['model', 'store'],
  list: ['model', 'catalog'],
  router: ['model', 'list'],
  offline: ['model', 'catalog', 'list'],
  queries: ['model', 'catalog', 'ingest', 'list', 'offline', 'finder'],
  state: ['model', 'feed', 'store', 'ingest', 'finder', 'catalog', 'list', 'offline', 'queries', 'router', 'pwa', 'display'],
  // Components read through state and queries, and show with display and html.
  app: ['model', 'state', 'queries', 'list', 'router', 'display', 'html'],
  // The feed builder shares the pure feed code and the limited fetch; a folder's head.json is built
  // by the app's own code: its chunks (store), catalogue, list query and head record (state).
  cli: ['model', 'feed', 'ingest', 'search', 'store', 'catalog', 'list', 'state'],
};

const elements = [
  ...Object.keys(LAYERS)
    .filter((type) => !['app', 'cli'].includes(type))
    .map((type) => ({ type, pattern: `src/lib/${type}` })),
  { type: 'app', pattern: 'src/app' },
  { type: 'cli', pattern: 'cli' },
];

export const layerRules = {
  files: ['src/**/*.ts', 'src/**/*.svelte', 'cli/**/*.ts'],
  settings: {
    'boundaries/elements': elements,
    'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          { allow: { to: { module: { origin: 'external' } } } },
          ...Object.entries(LAYERS).map(([type, allowed]) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: [type, ...allowed] } } } },
          })),
        ],
      },
    ],
  },
};
