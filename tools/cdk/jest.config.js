// Unit tests of tools/cdk (fast, no emulator).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tools-deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
