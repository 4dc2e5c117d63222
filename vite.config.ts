import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// FOLIO_BASE serves the app from a sub-path, e.g. FOLIO_BASE=/reader/ for https://example.org/reader/.
const base = process.env.FOLIO_BASE ?? '/';

export default defineConfig({
  base,
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Folio',
        short_name: 'Folio',
        description: 'An offline-first reader for blogs.',
        start_url: base,
        scope: base,
        display: 'standalone',
        theme_color: '#1f2a44',
        background_color: '#fbfaf7',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        // The app shell only: feed data and bodies live in IndexedDB, never in this cache.
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        globIgnores: ['feed/**'],
        navigateFallback: `${base}index.html`,
        navigateFallbackDenylist: [/\/feed\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { target: 'es2022' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
