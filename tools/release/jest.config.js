// Unit tests of tools/release (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-release',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
