// Unit tests of tools/status (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-status',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
