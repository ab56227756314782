import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '#tools/emulator/moto';

// The emulator process that `npm start` and the e2e suites start (tools/emulator/moto.ts), with a stand-in for
// moto_server: an HTTP server on the port it is given, which records each `--help` it is asked (what startEmulator
// asks to tell "not installed" from "failed to start").
describe('an emulator process this run started', () => {
  let dir: string;
  let command: string;
  let helpAsked: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-emulator-process-'));
    helpAsked = path.join(dir, 'help-asked');
    command = path.join(dir, 'moto_server');
    fs.writeFileSync(
      command,
      [
        `#!${process.execPath}`,
        "const fs = require('node:fs');",
        `if (process.argv.includes('--help')) { fs.appendFileSync(${JSON.stringify(helpAsked)}, 'asked\\n'); process.exit(0); }`,
        "if (process.argv.includes('--fail')) process.exit(3);",
        "const port = Number(process.argv[process.argv.indexOf('-p') + 1]);",
        "require('node:http').createServer((req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('<ok/>')).listen(port, '127.0.0.1');",
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops without asking whether moto is installed: its exit after a start is no failure to start', async () => {
    const emulator = await startEmulator({ logFile: path.join(dir, 'moto.log'), preferredPort: 5820, command });
    expect(emulator.owned).toBe(true);
    await emulator.stop();
    expect(emulator.exitedEarly?.()).toBeUndefined();
    expect(fs.existsSync(helpAsked)).toBe(false);
  });

  it('asks once when the process ends before it answers, and names its log', async () => {
    const wrapper = path.join(dir, 'failing_moto_server');
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ${command} "$@" --fail\n`, { mode: 0o755 });
    const log = path.join(dir, 'moto.log');
    // The stand-in answers --help with exit 0 here too (the wrapper's --fail comes after it), so moto counts as
    // installed: the error is the failed start, not the install hint.
    await expect(startEmulator({ logFile: log, preferredPort: 5820, command: wrapper })).rejects.toThrow(
      `moto_server exited (code 3) before it was ready; see ${log}.`,
    );
    expect(fs.readFileSync(helpAsked, 'utf8')).toBe('asked\n');
  });
});
