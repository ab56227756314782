// Unit tests of tools/lib (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-lib',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
