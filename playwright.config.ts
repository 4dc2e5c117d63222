import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download browsers here: use the system Chromium, overridable per machine.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Two servers on consecutive ports; FOLIO_E2E_PORT moves both (e.g. to run two checkouts at once).
const port = Number(process.env.FOLIO_E2E_PORT ?? 4173);
export const DEFAULT_URL = `http://127.0.0.1:${port}`;
export const REAL_BLOG_URL = `http://127.0.0.1:${port + 1}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  // Two test workers, two preview servers and Chromium share two cores: a test that runs axe on
  // several pages needs more than a minute there. Speed is the benchmark's to judge, not these.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: DEFAULT_URL,
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: ['--disable-quic'] },
  },
  webServer: [
    {
      // The app as built for release, on its bundled default feed.
      command: `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
      url: DEFAULT_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // The same build serving the real blog's feed, built by the CLI (when ../shared has it).
      command: `npx tsx tests/e2e/support/prepareRealBlog.ts && npx vite preview --outDir dist-real --host 127.0.0.1 --port ${port + 1} --strictPort`,
      url: REAL_BLOG_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
