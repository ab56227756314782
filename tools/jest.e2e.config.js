// End-to-end suite: real deploys of the tiers into moto on the loopback interface. One emulator for the whole
// suite (started in global-setup, its endpoint handed over in SHOWCORE_E2E_ENDPOINT); files run one at a time.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/local/e2e/**/*.e2e.ts', '<rootDir>/cdk/e2e/**/*.e2e.ts', '<rootDir>/verify/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/local/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/local/e2e/global-teardown.ts',
  maxWorkers: 1,
  // A guard against a hang, not a performance check (a busy machine stretches a deploy several times over):
  // longer than one command's own limit (E2E_COMMAND_TIMEOUT_MS in local/e2e/harness.ts).
  testTimeout: 20 * 60 * 1000,
};
