/** Whether dist/ is current, so a quick run can reuse the build CI has just made for the e2e tests. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './datasets';
import { distDir } from './serve';

/** Inputs of `vite build`; a build newer than all of them is current. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when dist/ was built, with the default base, after every input of the build last changed. */
export function buildIsCurrent(): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index) || process.env.FOLIO_BASE) return false;
  const built = statSync(index).mtimeMs;
  return BUILD_INPUTS.every((input) => !existsSync(path.join(repoRoot, input)) || newestMtime(path.join(repoRoot, input)) < built);
}
