// End-to-end suite: real deploys of the tiers into moto on the loopback interface. One emulator for the whole
// suite (started in global-setup, its endpoint handed over in SHOWCORE_E2E_ENDPOINT); files run one at a time.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/local/e2e/**/*.e2e.ts', '<rootDir>/verify/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/emulator/e2e-global-setup.ts',
  globalTeardown: '<rootDir>/emulator/e2e-global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 300000,
};
