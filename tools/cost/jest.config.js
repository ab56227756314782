// Unit tests of tools/cost (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-cost',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
