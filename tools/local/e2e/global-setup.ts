import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../moto';

export default async function globalSetup(): Promise<void> {
  const emulator = await startEmulator({ logFile: path.join(os.tmpdir(), 'showcore-e2e-moto.log'), preferredPort: 5400 });
  process.env.SHOWCORE_E2E_ENDPOINT = emulator.endpoint;
  (globalThis as any).__SHOWCORE_EMULATOR__ = emulator;
}
