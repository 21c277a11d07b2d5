import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Where the browser tests save their screenshots: docs/screenshots when
// UPDATE_SCREENSHOTS=1 (to refresh the pictures the docs show), otherwise a
// folder under the system's temporary directory, so a test run leaves the
// working tree as it was. Made if missing.
export function screenshotFolder(): string {
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'ladepay-screenshots');
  mkdirSync(folder, { recursive: true });
  return folder;
}
