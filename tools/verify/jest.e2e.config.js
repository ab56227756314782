// The end-to-end suites of tools/verify against moto (settings in tools/emulator/jest.e2e.preset.js); run by this
// project's e2e targets (project.json), never by its unit tests (jest.config.js).
module.exports = {
  ...require('../emulator/jest.e2e.preset.js'),
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
};
