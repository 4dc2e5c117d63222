import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The worker and the pages that register it must always be revalidated, or an update goes unseen.
const REVALIDATE = new Set(['/sw.js', '/registerSW.js', '/index.html', '/manifest.webmanifest']);

export interface StaticServer {
  url: string;
  /** The folder served from now on; swapping it is how a new version is "deployed". */
  root: string;
  close(): Promise<void>;
}

/**
 * A tiny static server for a built app: the folder is chosen at run time, unknown paths without
 * a file extension fall back to index.html (client-side routes), and feed files never do.
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const state = { root };
  const server = createServer((request, response) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      if (pathname.endsWith('/')) pathname += 'index.html';
      const base = path.resolve(state.root);
      let file = path.resolve(base, `.${pathname}`);
      if (!file.startsWith(base + path.sep)) {
        response.writeHead(403).end();
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        if (path.extname(pathname) !== '' || pathname.startsWith('/feed/')) {
          response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
          return;
        }
        pathname = '/index.html';
        file = path.join(base, 'index.html');
        body = await readFile(file);
      }
      const headers: Record<string, string> = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (REVALIDATE.has(pathname)) headers['Cache-Control'] = 'no-cache';
      response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get root() {
      return state.root;
    },
    set root(dir: string) {
      state.root = dir;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
