// Unit tests of the workspace scripts (fast, no emulator). The end-to-end suite against moto has its own
// config (jest.e2e.config.js) and target (tools:e2e).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
