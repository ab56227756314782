import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { emulatorEndpoint, emulatorGoneAt, probeEmulator, watchEmulator } from '../liveness';
import { freePort } from '../liveness';

/** A loopback HTTP server answering every request with `status` (or never, when `status` is undefined). */
async function server(status: number | undefined): Promise<{ url: string; close: () => Promise<void>; requests: () => number }> {
  let requests = 0;
  const srv = http.createServer((_req, res) => {
    requests += 1;
    if (status !== undefined) res.writeHead(status, { 'content-type': 'text/xml' }).end('<Error><Code>InternalError</Code></Error>');
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (srv.closeAllConnections(), srv.close(() => resolve()))),
    requests: () => requests,
  };
}

describe('the emulator endpoint a person passes', () => {
  it('names the missing scheme and the exact fix', () => {
    expect(() => emulatorEndpoint('localhost:5302', '--endpoint')).toThrow(
      '--endpoint=localhost:5302 has no scheme (http://). Pass --endpoint=http://localhost:5302.',
    );
  });

  it('refuses a non-loopback address, naming it', () => {
    expect(() => emulatorEndpoint('http://10.0.0.8:5000', '--endpoint')).toThrow('--endpoint=http://10.0.0.8:5000 is not a loopback address');
  });

  it('refuses a scheme other than http(s)', () => {
    expect(() => emulatorEndpoint('ftp://localhost:5000', '--endpoint')).toThrow('is not an http(s) URL');
  });

  it('accepts a loopback URL and drops a trailing slash', () => {
    expect(emulatorEndpoint('http://localhost:5302/', '--endpoint')).toBe('http://localhost:5302');
  });
});

describe('asking whether the emulator is alive', () => {
  it('never sends anything to a non-loopback endpoint', async () => {
    await expect(probeEmulator('http://192.0.2.10:5000')).rejects.toThrow(
      'Refusing to ask whether an emulator answers at http://192.0.2.10:5000: it is not a loopback address',
    );
    await expect(emulatorGoneAt('http://192.0.2.10:5000')).resolves.toBe(false);
  });

  it('says a closed port is refused', async () => {
    const port = await freePort(5800);
    const probe = await probeEmulator(`http://127.0.0.1:${port}`);
    expect(probe).toMatchObject({ answers: false, refused: true });
    await expect(emulatorGoneAt(`http://127.0.0.1:${port}`)).resolves.toBe(true);
  });

  it('counts any HTTP answer, even an error, as alive (a busy emulator is not a dead one)', async () => {
    const busy = await server(500);
    try {
      expect(await probeEmulator(busy.url)).toMatchObject({ answers: true, detail: 'HTTP 500' });
    } finally {
      await busy.close();
    }
  });

  it('counts silence past the timeout as not answering', async () => {
    const silent = await server(undefined);
    try {
      expect(await probeEmulator(silent.url, 300)).toMatchObject({ answers: false, refused: false });
    } finally {
      await silent.close();
    }
  });
});

describe('watching the emulator while a deploy talks to it', () => {
  const aborted = (signal: AbortSignal) => new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('stays quiet while the emulator answers (an error answer included), and aborts once its port is closed', async () => {
    const emulator = await server(500);
    const watch = watchEmulator(emulator.url, { intervalMs: 10 });
    try {
      await until(() => emulator.requests() >= 3);
      expect(watch.signal.aborted).toBe(false);
      await emulator.close();
      const reason = await aborted(watch.signal);
      expect(String(reason)).toMatch(/the emulator at http:\/\/127\.0\.0\.1:\d+ stopped answering \(.*ECONNREFUSED.*\)/);
    } finally {
      watch.stop();
    }
  });

  it('aborts after the given number of unanswered questions in a row from an emulator that hangs', async () => {
    const hung = await server(undefined);
    const watch = watchEmulator(hung.url, { intervalMs: 10, timeoutMs: 50, silentLimit: 2 });
    try {
      const reason = await aborted(watch.signal);
      expect(hung.requests()).toBeGreaterThanOrEqual(2);
      expect(String(reason)).toMatch(/the emulator at http:\/\/127\.0\.0\.1:\d+ stopped answering \(/);
      expect(String(reason)).not.toMatch(/ECONNREFUSED/);
    } finally {
      watch.stop();
      await hung.close();
    }
  });

  it('never asks a non-loopback endpoint anything, and never aborts for it', async () => {
    const watch = watchEmulator('http://192.0.2.10:5000', { intervalMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(watch.signal.aborted).toBe(false);
    watch.stop();
    expect(watchEmulator(undefined).signal.aborted).toBe(false);
  });
});
