// Shared Jest settings for every project. Tests are transpiled with SWC (no type-checking here:
// the `typecheck` target does that once), which keeps a project's suite at a few seconds.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Jest's runtime with a V8 code cache for node_modules (jest.runtime.js): each test file compiled aws-cdk-lib again.
  runtime: path.join(__dirname, 'jest.runtime.js'),
  // Tests of a project's documentation (test/docs/) run in its own `docs` target, whose inputs include the
  // Markdown: the `test` target's do not, so editing a README never invalidates the unit tests.
  testMatch: process.env.SHOWCORE_DOC_TESTS ? ['<rootDir>/test/docs/**/*.test.ts'] : ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: process.env.SHOWCORE_DOC_TESTS ? ['/node_modules/'] : ['/node_modules/', '/test/docs/'],
  moduleNameMapper: {
    '^@showcore/(naming|tags|testing)$': path.join(__dirname, 'libs/$1/src/index.ts'),
  },
  snapshotSerializers: [path.join(__dirname, 'libs/testing/src/snapshot-serializer.ts')],
  // CDK's built-in CloudFormation validation costs ~2 s per synth. Unit tests turn it off;
  // cfn-lint runs on every real synthesized template instead (tools/checks/cfn-lint.ts).
  setupFiles: [path.join(__dirname, 'libs/testing/src/jest-setup.ts')],
  setupFilesAfterEnv: [path.join(__dirname, 'libs/testing/src/jest-cleanup.ts')],
  testTimeout: 60000,
  // Only read with --coverage (the `coverage` target); the `test` target collects nothing and pays nothing for it.
  collectCoverageFrom: [
    '<rootDir>/**/*.ts',
    '!<rootDir>/**/test/**',
    '!<rootDir>/**/e2e/**',
    '!<rootDir>/**/cdk.out/**',
    '!<rootDir>/**/node_modules/**',
    '!<rootDir>/**/*.d.ts',
  ],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'html', 'lcov'],
  // tasks.md 17.1: 80 %+ coverage, per project (each project's report is judged on its own).
  coverageThreshold: { global: { lines: 80 } },
};
