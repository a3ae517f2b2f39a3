// Trunk post_build hook (Trunk.toml): put the SHA-256 of each inline <script> Trunk wrote
// into index.html (its wasm loader, which names this build's hashed files) into the page's
// Content-Security-Policy, in place of the 'inline-scripts' placeholder. So the policy
// allows exactly the loader of this build and no other inline script ('unsafe-inline' is
// never needed).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const PLACEHOLDER = "'inline-scripts'";
if (!html.includes(PLACEHOLDER)) throw new Error(`index.html has no ${PLACEHOLDER} in its CSP`);
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (hashes.length === 0) throw new Error('no inline script found in index.html');
writeFileSync(file, html.replace(PLACEHOLDER, [...new Set(hashes)].join(' ')));
console.log(`csp: ${hashes.length} inline script hash(es) in index.html`);
