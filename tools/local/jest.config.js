// Unit tests of tools/local (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-local',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
