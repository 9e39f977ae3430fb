import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // System tests (network namespaces, pty pairs, a keyring, Chromium) start real processes: give them room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
  },
});
