/** What a first visit downloads: the entry's JS and CSS (gzipped), and the service worker's precache. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  /** What runs before the first paint: the entry script, the modules index.html preloads for it, and every module they import statically. */
  initialJs: BundleFile[];
  initialCss: BundleFile[];
  initialJsGzip: number;
  /**
   * The app the entry imports right after the first paint (`src/boot.ts`, the `boot-*.js` chunk) and
   * everything it imports statically, less the initial JS: downloaded and evaluated after the first
   * paint, all at once from the preload list index.html keeps inert until then (`deferredPreloaded`).
   * The entry's other dynamic imports (an article's view, fetched only when one is opened by its
   * address) are not in it.
   */
  deferredJs: BundleFile[];
  deferredJsGzip: number;
  /** The deferred files index.html lists for preloading (in its inert template): the entry starts them all at once when it wants the app. */
  deferredPreloaded: string[];
  initialCssGzip: number;
  precache: BundleFile[];
  precacheBytes: number;
  precacheGzip: number;
  /** URLs the precache manifest lists more than once. */
  precacheDuplicates: string[];
}

function measureFile(dist: string, url: string): BundleFile {
  const file = url.replace(/^\//, '').replace(/[?#].*$/, '');
  const bytes = readFileSync(path.join(dist, file));
  // gzip at zlib's default level (6), as static servers and CDNs usually send it.
  return { file, bytes: statSync(path.join(dist, file)).size, gzip: gzipSync(bytes).length };
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? null;
}

/**
 * Adds the chunks a module imports statically (`import … from "./chunk.js"`): the browser loads them
 * before the module runs, so they are part of the first load. Dynamic `import()`s are not followed.
 */
function followStaticImports(dist: string, file: string, found: Set<string>): void {
  const code = readFileSync(path.join(dist, file), 'utf8');
  for (const match of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    const target = path.posix.join(path.posix.dirname(file), match[1] as string);
    if (found.has(target)) continue;
    found.add(target);
    followStaticImports(dist, target, found);
  }
}

/** The chunks a module imports with `import("./chunk.js")` (Vite quotes them with backticks). */
function dynamicImports(dist: string, file: string): string[] {
  const code = readFileSync(path.join(dist, file), 'utf8');
  return [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1] as string));
}

/** Reads dist/index.html and dist/sw.js; `base` is the app's base path ("/" by default). */
export function measureBundle(dist: string, base = '/', appName = 'boot'): BundleReport {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const local = (href: string) => (href.startsWith(base) ? href.slice(base.length) : href);
  const scripts = new Set<string>();
  const preloads = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') scripts.add(local(src));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel === 'modulepreload') preloads.add(local(href));
    if (rel === 'stylesheet') css.add(local(href));
  }
  if (scripts.size === 0) throw new Error('dist/index.html has no module script: is it a Vite build?');

  const sw = readFileSync(path.join(dist, 'sw.js'), 'utf8');
  const list = /precacheAndRoute\(\s*\[([\s\S]*?)\]/.exec(sw)?.[1];
  if (list === undefined) throw new Error('dist/sw.js has no precacheAndRoute([...]) manifest');
  const urls = [...list.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string);
  const unique = [...new Set(urls)];
  const precache = unique.map((u) => measureFile(dist, u));

  // Only the app the entry scripts import: the views' lazy chunks load on first use.
  const app = new Set<string>();
  const isApp = (file: string) => path.posix.basename(file).startsWith(`${appName}-`);
  for (const file of [...scripts].flatMap((f) => dynamicImports(dist, f)).filter(isApp)) {
    app.add(file);
    followStaticImports(dist, file, app);
  }
  // A preloaded chunk is fetched with the entry but runs only when imported: the app's chunks are
  // deferred even when index.html preloads them. Any other preload counts as initial.
  const js = new Set([...scripts, ...[...preloads].filter((f) => !app.has(f))]);
  for (const file of [...js]) followStaticImports(dist, file, js);
  const initialJs = [...js].map((u) => measureFile(dist, u));
  const deferred = [...app].filter((f) => !js.has(f));
  const deferredJs = deferred.map((u) => measureFile(dist, u));
  const initialCss = [...css].map((u) => measureFile(dist, u));
  const sum = (files: BundleFile[], key: 'bytes' | 'gzip') => files.reduce((s, f) => s + f[key], 0);
  return {
    initialJs,
    initialCss,
    initialJsGzip: sum(initialJs, 'gzip'),
    deferredJs,
    deferredJsGzip: sum(deferredJs, 'gzip'),
    deferredPreloaded: deferred.filter((f) => preloads.has(f)),
    initialCssGzip: sum(initialCss, 'gzip'),
    precache,
    precacheBytes: sum(precache, 'bytes'),
    precacheGzip: sum(precache, 'gzip'),
    precacheDuplicates: unique.filter((u) => urls.indexOf(u) !== urls.lastIndexOf(u)),
  };
}
