// Unit tests of tools/plan (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-plan',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
