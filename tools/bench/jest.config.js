// Unit tests of tools/bench (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
