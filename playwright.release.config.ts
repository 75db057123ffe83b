import { defineConfig } from '@playwright/test';

/**
 * The packaged app's own test (test/release), run by .github/workflows/release.yml after
 * `npm run dist`, with PACKAGED_APP naming the unpacked executable:
 *   npx playwright test -c playwright.release.config.ts
 * Not part of `npm test` (playwright.config.ts has testDir test/e2e); skipped without PACKAGED_APP.
 */
export default defineConfig({
  testDir: 'test/release',
  timeout: 300_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // apart from npm test's results, which Playwright would otherwise clear at the start of a run
  outputDir: '.cache/test-results/release',
  reporter: [['list']],
  // Electron apps are traced by the spec itself (trace-*.zip in its output folder): `use.trace`
  // covers only the contexts Playwright's fixtures make.
});
