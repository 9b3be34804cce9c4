/**
 * Jest: projects (unit, integration, and the browser tests per engine: e2e in Chromium, firefox, and
 * webkit on request), so `npm test -- tests/unit`, `npx jest --selectProjects firefox` or one file work.
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

/** @param {string} name @returns {import('jest').Config} */
const project = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(jose|preact)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/tests/support/fast-check.ts'],
});

/** @type {import('jest').Config} */
module.exports = {
  // WebKit's journeys run on request (`npm run test:webkit`): WebKitWebDriver sometimes never opens
  // MiniBrowser's session (about one launch in four on this machine), which would fail `npm test`.
  projects: [project('unit'), project('integration'), project('e2e'), project('firefox'), ...(process.env.WEBCHAT_WEBKIT === '1' ? [project('webkit')] : [])],
  maxWorkers: 2,
  // Servers and browsers start inside tests; the slowest suites set their own with jest.setTimeout.
  testTimeout: 30_000,
};
