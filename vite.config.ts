import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
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

export default defineConfig({
  base,
  // Shown in the footer; a new id yields a new service worker, which is how updates are tested.
  define: { __FOLIO_BUILD_ID__: JSON.stringify(process.env.FOLIO_BUILD_ID ?? 'local') },
  plugins: [
    cspOnlyInBuild,
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
  // Lazy chunks are small and precached: preload lists would cost more bytes up front than they save.
  // The entry's own imports are preloaded from index.html, so they download beside it, not after it.
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
