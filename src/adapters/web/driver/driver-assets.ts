import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AssetUrls } from './page-context.ts';

export interface DriverAsset {
  file: string; // the name in the URL, with the content hash: driver.3f2a9c1b0d.css
  name: string; // the name on disk
  contentType: string;
  body: Buffer;
}

export const ASSET_PREFIX = '/assets/driver/';

function load(name: string, contentType: string): DriverAsset {
  const body = readFileSync(new URL(`../assets/${name}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return { file: `${name.slice(0, dot)}.${hash}${name.slice(dot)}`, name, contentType, body };
}

// Read once at start: the URL carries the content hash, so a page always asks
// for exactly the script and stylesheet it was rendered with.
export function loadDriverAssets(): { assets: DriverAsset[]; urls: AssetUrls } {
  const css = load('driver.css', 'text/css; charset=utf-8');
  const js = load('driver.js', 'text/javascript; charset=utf-8');
  return { assets: [css, js], urls: { css: ASSET_PREFIX + css.file, js: ASSET_PREFIX + js.file } };
}
