/** Builds the app once, prepares a served copy per dataset and serves it with `vite preview`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot, workDir } from './datasets';

const viteBin = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
export const distDir = path.join(repoRoot, 'dist');

export function buildApp(log: (line: string) => void): void {
  log('building the app (vite build)…');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`vite build failed with status ${result.status}`);
}

/**
 * A copy of the build whose `feed` is a symbolic link to one of the dataset's feed folders, so the
 * served feed can be swapped between samples (vite preview reads files on each request).
 */
export function prepareServed(name: string, feedDir: string): string {
  const served = path.join(workDir, 'serve', name);
  rmSync(served, { recursive: true, force: true });
  cpSync(distDir, served, { recursive: true });
  rmSync(path.join(served, 'feed'), { recursive: true, force: true });
  pointFeed(served, feedDir);
  return served;
}

/** Points the served `feed` at another folder in one rename, so no request sees a missing feed. */
export function pointFeed(served: string, feedDir: string): void {
  const link = path.join(served, 'feed');
  const next = path.join(served, 'feed.next');
  rmSync(next, { force: true });
  symlinkSync(feedDir, next, 'dir');
  renameSync(next, link);
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<Response | null> {
  try {
    return await fetch(url, { cache: 'no-store' });
  } catch {
    return null;
  }
}

/** Waits until this child serves `served`: its feed manifest must be the one on disk. */
async function waitUntilUp(url: string, served: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const manifest = readFileSync(path.join(served, 'feed', 'manifest.json'), 'utf8');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with status ${child.exitCode}`);
    const response = await answers(`${url}/feed/manifest.json`);
    if (response?.ok) {
      if ((await response.text()) === manifest) return;
      throw new Error(`another server answers at ${url}: pick a free port with --port`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs / 1000} s`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first free port from `first` on: other checkouts (and CI) may be benchmarking on this machine too. */
export async function freePort(first: number, tries = 20): Promise<number> {
  for (let port = first; port < first + tries; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${first}–${first + tries - 1}: pick another with --port`);
}

export async function serve(served: string, firstPort: number): Promise<Server> {
  const port = await freePort(firstPort);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [viteBin, 'preview', '--outDir', path.relative(repoRoot, served), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // Open keep-alive connections can hold a graceful close: kill it after a grace period.
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitUntilUp(url, served, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr.trim()}` : ''}`);
  }
  return { url, stop };
}

/** Inputs of `vite build`; a build newer than all of them is current. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when dist/ was built after every source of the build changed (and with the default base). */
export function buildIsCurrent(): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index) || process.env.FOLIO_BASE) return false;
  const built = statSync(index).mtimeMs;
  return BUILD_INPUTS.every((input) => !existsSync(path.join(repoRoot, input)) || newestMtime(path.join(repoRoot, input)) < built);
}
