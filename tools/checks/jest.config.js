// Unit tests of tools/checks (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-checks',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
