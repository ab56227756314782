import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from './moto';

/**
 * One emulator per e2e run. Each e2e target (tools/local/project.json, tools/verify/project.json) prefers its own
 * port (SHOWCORE_E2E_PORT), so the suites Nx runs side by side never race for one; a taken port falls through to
 * the next free one.
 */
export default async function globalSetup(): Promise<void> {
  const preferredPort = Number(process.env.SHOWCORE_E2E_PORT ?? 5400);
  const emulator = await startEmulator({ logFile: path.join(os.tmpdir(), `showcore-e2e-moto-${preferredPort}.log`), preferredPort });
  process.env.SHOWCORE_E2E_ENDPOINT = emulator.endpoint;
  (globalThis as any).__SHOWCORE_EMULATOR__ = emulator;
}
