/** Builds the app once, prepares a served copy per dataset and serves it with `vite preview`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FeedManifest } from '../src/lib/feed/folder';
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

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with status ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Refuses a port another server holds: the benchmark would otherwise measure that server's app. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use: stop what serves it, or pass --port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export async function serve(served: string, port: number): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  await assertPortFree(port);
  const child = spawn(
    process.execPath,
    [viteBin, 'preview', '--outDir', path.relative(repoRoot, served), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitUntilUp(url, child, 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr.trim()}` : ''}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // Open keep-alive connections can hold a graceful close: kill it after a grace period.
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function builtAppExists(): boolean {
  return existsSync(path.join(distDir, 'index.html'));
}

/**
 * Asks the server once for every file of each feed version but the bodies (manifest, shards, deltas,
 * search parts), so the preview's gzip cache is filled before anything is timed, as a CDN's would be.
 * Ends pointing at `feeds[0]`.
 */
export async function warmGzip(server: Server, served: string, feeds: readonly string[]): Promise<void> {
  const get = async (href: string): Promise<Response> => {
    const response = await fetch(new URL(href, `${server.url}/feed/`));
    if (!response.ok) throw new Error(`warming the gzip cache: ${href} answered ${response.status}`);
    return response;
  };
  for (const feed of [...feeds].reverse()) {
    pointFeed(served, feed);
    const manifest = (await (await get('manifest.json')).json()) as FeedManifest;
    for (const ref of [...manifest.shards, ...(manifest.deltas ?? [])]) {
      await (await get(ref.href)).arrayBuffer();
      // Search parts compress too (a body part to about 40 %).
      for (const part of [ref.search?.meta, ref.search?.body]) if (part) await (await get(part.href)).arrayBuffer();
    }
  }
}
