import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{unit,db,export,package}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
