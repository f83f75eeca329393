// jest 30 in ESM mode (run with NODE_OPTIONS=--experimental-vm-modules); ts-jest transpiles only, `npm run typecheck` checks types.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  // Integration tests run bundles as child processes, and GitHub writes are paced 1 s apart (plugin-throttling), as on github.com.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/**/*.test.ts', '<rootDir>/actions/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  ],
};
