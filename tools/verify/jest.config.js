// Unit tests of tools/verify (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-verify',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
