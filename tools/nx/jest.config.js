// Unit tests of tools/nx (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-nx',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
