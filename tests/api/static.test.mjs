// The built web app: types, ETag, caching, gzip, SPA fallback (never for /api).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';

let server, web;
before(async () => {
  // A small stand-in for web/dist, so this test does not depend on the web build.
  web = mkdtempSync(join(tmpdir(), 'zhiping-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>职评</title><script type="module" src="/assets/app-1a2b3c.js"></script>');
  const js = 'console.log("职评");'.repeat(50);
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js'), js);
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js.gz'), gzipSync(js));
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startServer({ web, demo: false });
});
after(async () => { await server.stop(); rmSync(web, { recursive: true, force: true }); });

test('hashed assets: type, long cache, ETag and 304', async () => {
  const res = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/javascript/);
  assert.match(res.headers.get('cache-control'), /max-age=31536000, immutable/);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  assert.match(await res.text(), /职评/);
  const again = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } });
  assert.equal(again.status, 304);
});

test('precompressed gzip when accepted, with its own ETag; If-None-Match lists work', async () => {
  const res = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('vary'), 'Accept-Encoding');
  assert.match(await res.text(), /职评/);  // fetch decodes it
  const plain = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity' } });
  const gzTag = res.headers.get('etag'), plainTag = plain.headers.get('etag');
  assert.notEqual(gzTag, plainTag);
  const listed = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity', 'if-none-match': `"other", W/${plainTag}` } });
  assert.equal(listed.status, 304);
  const wrongVariant = await fetch(server.baseUrl + '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity', 'if-none-match': gzTag } });
  assert.equal(wrongVariant.status, 200);
});

test('app routes fall back to index.html, uncached; missing files and /api do not', async () => {
  for (const path of ['/', '/orgs', '/users/12']) {
    const res = await fetch(server.baseUrl + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
  }
  assert.equal((await fetch(server.baseUrl + '/assets/missing-123.js')).status, 404);
  const api = await fetch(server.baseUrl + '/api/v1/nothing');
  assert.equal(api.status, 404);
  assert.match(api.headers.get('content-type'), /application\/json/);
  assert.equal((await fetch(server.baseUrl + '/favicon.svg')).headers.get('content-type'), 'image/svg+xml');
});

test('HEAD sends the length without a body; writes to pages get 405', async () => {
  const head = await fetch(server.baseUrl + '/favicon.svg', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), 41);
  const post = await fetch(server.baseUrl + '/orgs', { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
});
