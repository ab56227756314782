// Shared settings of the end-to-end suites (tools/local/e2e, tools/verify/e2e): real deploys and AWS calls against
// moto on the loopback interface. One emulator per suite run (started in global set-up, its endpoint handed over
// in SHOWCORE_E2E_ENDPOINT); files run one at a time. Each owning project's jest.e2e.config.js adds its suites.
const path = require('node:path');

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  globalSetup: path.join(__dirname, 'e2e-global-setup.ts'),
  globalTeardown: path.join(__dirname, 'e2e-global-teardown.ts'),
  maxWorkers: 1,
  // A guard against a hang, not a performance check (a busy machine stretches a deploy several times over):
  // longer than one command's own limit (E2E_COMMAND_TIMEOUT_MS in harness.ts).
  testTimeout: 20 * 60 * 1000,
};
