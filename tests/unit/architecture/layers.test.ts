import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** The layer-rule messages ESLint gives a file with this text at this path. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('the layer rule (npm run lint)', { timeout: 60_000 }, () => {
  it('refuses an import that goes up the data path', async () => {
    expect(await layerErrors('src/lib/store/upward.ts', "import { Library } from '../state/library.svelte';\nexport const x = Library;\n")).toEqual([
      expect.stringMatching(/"store" to elements of type "state"/),
    ]);
    expect(await layerErrors('src/lib/finder/upward.ts', "import { monthIndex } from '../catalog/catalog';\nexport const x = monthIndex;\n")).toHaveLength(1);
    expect(await layerErrors('src/lib/feed/upward.ts', "import { writeShards } from '../store/shards';\nexport const x = writeShards;\n")).toHaveLength(1);
  });

  it('refuses a component that reaches the store or ingest directly', async () => {
    const component = "<script lang=\"ts\">\n  import { FolioDb } from '../lib/store/FolioDb';\n  import { IngestClient } from '../lib/ingest/client';\n  const db = new FolioDb();\n  const client = new IngestClient(db);\n</script>\n<p>{String(client)}</p>\n";
    expect(await layerErrors('src/app/Reaching.svelte', component)).toHaveLength(2);
  });

  it('lets each layer import what lies below it', async () => {
    expect(await layerErrors('src/lib/ingest/down.ts', "import { writeShards } from '../store/shards';\nexport const x = writeShards;\n")).toEqual([]);
    expect(await layerErrors('src/lib/ingest/clean.ts', "import { cleanBody } from '../html/clean';\nexport const x = cleanBody;\n")).toEqual([]);
    expect(await layerErrors('src/lib/html/up.ts', "import { loadBody } from '../ingest/bodies';\nexport const x = loadBody;\n")).toHaveLength(1);
    // Highlights split words exactly as the index does.
    expect(await layerErrors('src/lib/display/marks.ts', "import { tokenize } from '../search/tokenize';\nexport const x = tokenize;\n")).toEqual([]);
    expect(await layerErrors('src/lib/search/up.ts', "import { formatBytes } from '../display/bytes';\nexport const x = formatBytes;\n")).toHaveLength(1);
    expect(await layerErrors('src/lib/store/derive.ts', "import { buildSegment } from '../search/build';\nexport const x = buildSegment;\n")).toEqual([]);
    expect(await layerErrors('src/lib/finder/load.ts', "import { SearchIndex } from '../search/search';\nimport { FolioDb } from '../store/FolioDb';\nexport const x = [SearchIndex, FolioDb];\n")).toEqual([]);
    expect(await layerErrors('src/lib/state/find.ts', "import { createSearchBackend } from '../finder/backend';\nexport const x = createSearchBackend;\n")).toEqual([]);
    // A feed folder's head.json is the app's own head record, built by the app's own code.
    expect(await layerErrors('cli/head.ts', "import { buildHead } from '../src/lib/state/buildHead';\nimport { queryList } from '../src/lib/list/query';\nexport const x = [buildHead, queryList];\n")).toEqual([]);
    expect(await layerErrors('cli/app.ts', "import { createAppState } from '../src/lib/queries/client';\nexport const x = createAppState;\n")).toHaveLength(1);
    expect(await layerErrors('src/app/Reading.svelte', "<script lang=\"ts\">\n  import { useApp } from '../lib/state/context';\n  const { library } = useApp();\n</script>\n<p>{library.loaded}</p>\n")).toEqual([]);
  });
});

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the one write path', () => {
  // `segments` also names the search engine's in-memory map, so only the database's table counts.
  const tables = 'sources|catalog|texts|bodies|readerState|db\\.segments';
  const write = new RegExp(`(?:\\.|\\b)(?:${tables})\\b[^;\\n]*\\.(?:put|bulkPut|add|bulkAdd|delete|bulkDelete|update|modify|clear)\\(|transaction\\(\\s*'rw'`);

  it('finds IndexedDB writes only in src/lib/store', () => {
    const writers = filesUnder(path.join(root, 'src'))
      .filter((file) => /\.(ts|svelte)$/.test(file) && write.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(writers.length).toBeGreaterThan(0);
    expect(writers.filter((file) => !file.startsWith('src/lib/store/'))).toEqual([]);
  });
});
