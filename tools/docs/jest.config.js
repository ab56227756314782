// Unit tests of tools/docs (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-docs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
