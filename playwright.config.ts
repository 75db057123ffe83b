import { defineConfig } from '@playwright/test';
import { QUIET_CHROMIUM_FLAGS } from './electron/core/export/pdf/chromium.js';

/** End-to-end tests drive the real web host (dist/) in the system Chromium. Run `npm run build` first (npm test does). */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  outputDir: '.cache/test-results/playwright',
  reporter: [['list'], ['json', { outputFile: '.cache/test-results/playwright.json' }]],
  use: {
    locale: 'zh-CN',
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    // a failure keeps its trace (.cache/test-results/playwright/…/trace.zip: npx playwright show-trace)
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...QUIET_CHROMIUM_FLAGS],
    },
  },
});
