import { defineConfig } from 'vitest/config';

// The browser suite (npm run test:browser): Debian's chromium driven by playwright-core.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
