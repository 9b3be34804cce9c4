/**
 * Jest: three projects, so `npm test -- tests/unit`, `npx jest --selectProjects e2e` or one file work.
 * TypeScript goes through @swc/jest (transpile only, fast); `npm test` type-checks with tsc first.
 * jose and preact publish ES modules only, so they are transpiled too.
 */
const transform = {
  '^.+\\.(t|j)sx?$|^.+\\.mjs$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        target: 'es2022',
        transform: { react: { runtime: 'automatic', importSource: 'preact' } },
      },
      module: { type: 'commonjs' },
    },
  ],
};

/** @param {string} name @param {number} testTimeout @returns {import('jest').Config} */
const project = (name, testTimeout) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(jose|preact)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testTimeout,
  setupFiles: ['<rootDir>/tests/support/fast-check.ts'],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [project('unit', 10_000), project('integration', 60_000), project('e2e', 120_000)],
  maxWorkers: 2,
};
