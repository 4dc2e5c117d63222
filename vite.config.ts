import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type HtmlTagDescriptor, type Plugin, type Rollup } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// FOLIO_BASE serves the app from a sub-path, e.g. FOLIO_BASE=/reader/ for https://example.org/reader/.
const base = process.env.FOLIO_BASE ?? '/';

/**
 * The Content-Security-Policy meta in index.html is for the built app. The dev server injects its
 * client's CSS as <style> elements and talks to it over ws:, which that policy forbids: drop it there.
 */
const cspOnlyInBuild: Plugin = {
  name: 'folio-csp-only-in-build',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<!-- Content Security Policy[^>]*-->\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

const COMPRESSIBLE: Record<string, string> = {
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.webmanifest': 'application/manifest+json',
  // Search segments' parts (src/lib/search/README.md): binary, yet gzip takes a body part to about 40%.
  '.meta': 'application/octet-stream',
  '.body': 'application/octet-stream',
};

/**
 * `vite preview` compresses every response again on each request. Serve gzip as a CDN or a host with
 * precompression does instead: a `.gz` file beside the file is sent as it is, or else the file is
 * compressed once and kept while it is unchanged, so the server's CPU does not compete with the
 * browser's in the benchmark.
 */
const gzipInPreview: Plugin = {
  name: 'folio-gzip-preview',
  configurePreviewServer(server) {
    const outDir = path.resolve(server.config.root, server.config.build.outDir);
    const cache = new Map<string, { mtimeMs: number; gz: Buffer }>();
    server.middlewares.use((req, res, next) => {
      const pathname = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const type = COMPRESSIBLE[path.extname(pathname)];
      if (!type || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
      const requested = path.join(outDir, pathname);
      if (!requested.startsWith(outDir + path.sep)) return next();
      let file: string;
      try {
        // The benchmark points feed/ at another folder between runs: the real path keys the cache.
        file = realpathSync(requested);
      } catch {
        return next();
      }
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) return next();
      let entry = cache.get(file);
      if (entry?.mtimeMs !== stat.mtimeMs) {
        const precompressed = statSync(`${file}.gz`, { throwIfNoEntry: false });
        const gz = precompressed && precompressed.mtimeMs >= stat.mtimeMs ? readFileSync(`${file}.gz`) : gzipSync(readFileSync(file));
        entry = { mtimeMs: stat.mtimeMs, gz };
        cache.set(file, entry);
      }
      const etag = `W/"${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}-gz"`;
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', entry.gz.length);
      res.end(req.method === 'HEAD' ? undefined : entry.gz);
    });
  },
};

/**
 * The app's chunks (`src/boot.ts` and what it imports) and styles, listed in index.html as preload
 * links inside an inert `<template id="app-preload">`: the entry moves them into the document when the
 * app is wanted (at once without a head to paint, right after the head's frame with one), so they all
 * download side by side rather than one import after another, yet never compete with what the first
 * paint needs. A preload fetches and compiles a module but does not run it.
 */
/** The template's id, which `src/main.ts` looks for. */
const APP_PRELOAD_ID = 'app-preload';

const preloadApp: Plugin = {
  name: 'folio-preload-app',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle, chunk: entry }) {
      if (!bundle || !entry) return;
      const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
      const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/boot.ts'));
      if (!app) throw new Error('folio-preload-app: no chunk for src/boot.ts');
      // What the entry loads with it already is preloaded (or is the entry itself).
      const skip = new Set([entry.fileName, ...entry.imports]);
      const files: string[] = [];
      const add = (file: string): void => {
        if (skip.has(file) || files.includes(file)) return;
        files.push(file);
        for (const next of (bundle[file] as Rollup.OutputChunk | undefined)?.imports ?? []) add(next);
      };
      add(app.fileName);
      // Its styles too: the import adds them as it starts, and they would download only then.
      const styles = files.flatMap((file) => [...((bundle[file] as Rollup.OutputChunk).viteMetadata?.importedCss ?? [])]);
      const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({ tag: 'link', attrs });
      const links = [
        ...files.map((file) => link({ rel: 'modulepreload', crossorigin: true, href: `${base}${file}` })),
        ...[...new Set(styles)].map((file) => link({ rel: 'preload', as: 'style', crossorigin: true, href: `${base}${file}` })),
      ];
      return [{ tag: 'template', attrs: { id: APP_PRELOAD_ID }, children: links, injectTo: 'head' }];
    },
  },
};

/** Modules the entry (the first paint) loads statically, found once the module graph is complete. */
const entryModules = new Set<string>();
/** Modules the app (`src/boot.ts`) loads statically. */
const appModules = new Set<string>();

/**
 * Walks the static imports from the entry and from the app once the graph is built, for the chunk
 * group below: the app's own modules go in one chunk, not a dozen chunks of a few hundred bytes
 * that each cost a request (and, over HTTP/1.1, a wait for a free connection) before an article opened by
 * its address can show.
 */
const appModuleSets: Plugin = {
  name: 'folio-app-modules',
  apply: 'build',
  buildStart() {
    // A process that builds twice (the benchmark, the update test) starts each from nothing.
    entryModules.clear();
    appModules.clear();
  },
  buildEnd() {
    const walk = (from: string, into: Set<string>): void => {
      const stack = [from];
      while (stack.length > 0) {
        const id = stack.pop() as string;
        if (into.has(id)) continue;
        into.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    };
    const ids = [...this.getModuleIds()];
    const entry = ids.find((id) => id.endsWith('/src/main.ts'));
    const app = ids.find((id) => id.endsWith('/src/boot.ts'));
    if (!entry || !app) return;
    walk(entry, entryModules);
    walk(app, appModules);
  },
};

export default defineConfig({
  base,
  // Shown in the footer; a new id yields a new service worker, which is how updates are tested.
  define: { __FOLIO_BUILD_ID__: JSON.stringify(process.env.FOLIO_BUILD_ID ?? 'local') },
  plugins: [
    cspOnlyInBuild,
    gzipInPreview,
    preloadApp,
    appModuleSets,
    svelte(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: base,
        name: 'Folio — offline blog reader',
        short_name: 'Folio',
        description: 'Read blogs offline: every article stored on your device, filtered by topic and date.',
        lang: 'en',
        start_url: base,
        scope: base,
        display: 'standalone',
        // The manifest takes one colour each; index.html sets the dark theme colour by media query.
        theme_color: '#fbfaf7',
        background_color: '#fbfaf7',
        categories: ['books', 'news', 'productivity'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          { name: 'Latest articles', short_name: 'Latest', url: base, icons: [{ src: 'icons/icon-192.png', sizes: '192x192' }] },
          { name: 'Saved for offline', short_name: 'Offline', url: `${base}?offline=1`, icons: [{ src: 'icons/icon-192.png', sizes: '192x192' }] },
        ],
      },
      workbox: {
        // The app shell only: feed data and bodies live in IndexedDB, never in this cache.
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        // PNG icons are precached through the manifest (includeManifestIcons); globbing them too would store them twice.
        globIgnores: ['feed/**'],
        navigateFallback: `${base}index.html`,
        navigateFallbackDenylist: [/\/feed\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // index.html preloads the entry's own imports (the first paint's code) and the app's chunks
  // (preloadApp). A view's dynamic import on first use preloads its chunk's imports as it starts, so
  // they download side by side rather than one after another.
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'app',
              includeDependenciesRecursively: false,
              // The app's own code, not the libraries main.ts loads one per task, nor the entry's modules.
              test: (id: string) => appModules.has(id) && !entryModules.has(id) && !id.includes('/node_modules/'),
            },
          ],
        },
      },
    },
  },
  // Module workers: a job the sync never runs (a feed by URL, a file, downloads) loads its parsers
  // when it first runs, so the worker a first sync waits for compiles a fraction of its code.
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
