import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite runs on its own: npm run test:browser (test/browser/vitest.config.ts).
    exclude: ['test/browser/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
