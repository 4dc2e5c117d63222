/**
 * Folio's search engine as the app ships it: bundled and minified by rolldown, the bundler under
 * `vite build`. Imported from source through tsx instead, every function is wrapped to keep its
 * name (esbuild's keepNames), which the app's search worker never does: a closure made per query
 * then costs a property definition, and the queries ran about a tenth slower (bench/.work).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { repoRoot } from './corpus';

export type SearchModule = typeof import('../../src/lib/search/index');

export async function shippedSearch(): Promise<SearchModule> {
  const dir = path.join(repoRoot, 'bench/.work/search');
  mkdirSync(dir, { recursive: true });
  // One file per process: engines run side by side in their own children.
  const file = path.join(dir, `engine-${process.pid}.mjs`);
  await build({
    input: path.join(repoRoot, 'src/lib/search/index.ts'),
    platform: 'neutral',
    logLevel: 'silent',
    output: { file, format: 'esm', minify: true },
    write: true,
  });
  try {
    return (await import(pathToFileURL(file).href)) as SearchModule;
  } finally {
    rmSync(file, { force: true });
  }
}
