import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles runes in .svelte.ts modules, so state classes are tested as the app runs them.
  plugins: [svelte({ configFile: false })],
  test: {
    setupFiles: ['fake-indexeddb/auto'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/**/*.svelte.test.ts'], environment: 'node' },
      },
      {
        // Runes in effect roots need Svelte's client runtime, which a DOM environment selects.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'], environment: 'jsdom' },
      },
    ],
  },
});
