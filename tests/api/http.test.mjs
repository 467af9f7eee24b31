// HTTP conventions: errors for bad input, limits, unknown routes, 405, health, metrics, OpenAPI, headers,
// static files and graceful shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, loggedIn, expectError } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function rawPost(path, body, headers = {}) {
  const res = await fetch(server.baseUrl + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, data: await res.json().catch(() => null), headers: res.headers };
}

test('malformed JSON gets 400 malformed_json with both languages', async () => {
  for (const body of ['{"login": "office1", ', 'not json', '[1,2]', '"text"', '']) {
    const r = await rawPost('/api/v1/auth/login', body);
    assert.equal(r.status, 400, body);
    assert.equal(r.data.error.code, 'malformed_json');
    assert.ok(r.data.error.message && r.data.error.message_en);
  }
});

test('wrong types are named field by field', async () => {
  const r = await rawPost('/api/v1/auth/login', JSON.stringify({ login: 42, password: ['a'] }));
  assert.equal(r.status, 400);
  assert.equal(r.data.error.code, 'wrong_type');
  assert.deepEqual(r.data.error.details.map((d) => d.field).sort(), ['login', 'password']);
  const c = await loggedIn(server.baseUrl, 'office1');
  const orgs = (await c.get('/api/v1/orgs')).data.items;
  const err = expectError(assert, await c.post('/api/v1/orgs', { parent_id: 'one', kind: 'unit', name: 5, legal_person: 'yes' }), 400, 'wrong_type');
  assert.deepEqual(err.details.map((d) => d.field).sort(), ['legal_person', 'name', 'parent_id']);
  assert.equal((await c.get('/api/v1/orgs')).data.items.length, orgs.length, 'nothing created');
});

test('a JSON endpoint refuses other content types with 415', async () => {
  const c = await loggedIn(server.baseUrl, 'office1');
  const r = await c.request('POST', '/api/v1/orgs', { body: 'parent_id=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expectError(assert, r, 415, 'unsupported_media_type');
});

test('a body over the JSON limit gets 413 before it is read whole', async () => {
  const big = JSON.stringify({ login: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
  const r = await rawPost('/api/v1/auth/login', big);
  assert.equal(r.status, 413);
  assert.equal(r.data.error.code, 'body_too_large');
});

test('oversized headers get 431', async () => {
  const res = await fetch(server.baseUrl + '/api/v1/me', { headers: { 'x-big': 'a'.repeat(20000) } });
  assert.equal(res.status, 431);
});

test('unknown routes get 404 unknown_route, wrong methods 405 with Allow', async () => {
  const c = new Client(server.baseUrl);
  expectError(assert, await c.get('/api/v1/no-such-thing'), 404, 'unknown_route');
  expectError(assert, await c.get('/api/v2/me'), 404, 'unknown_route');
  const r = await c.request('PUT', '/api/v1/auth/login', { json: {} });
  expectError(assert, r, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'POST');
});

test('bad ids in the path get 400, unknown ids 404', async () => {
  const c = await loggedIn(server.baseUrl, 'office1');
  expectError(assert, await c.get('/api/v1/orgs/abc'), 400, 'invalid_id');
  expectError(assert, await c.get('/api/v1/orgs/-1'), 400, 'invalid_id');
  expectError(assert, await c.get('/api/v1/orgs/99999999'), 404, 'not_found');
  const sec = await loggedIn(server.baseUrl, 'secadmin');
  expectError(assert, await sec.get('/api/v1/users?page=0'), 400, 'invalid_query');
  expectError(assert, await sec.get('/api/v1/users?page_size=5000'), 400, 'invalid_query');
});

test('healthz checks the database; metrics are Prometheus text', async () => {
  const h = await fetch(server.baseUrl + '/healthz');
  assert.equal(h.status, 200);
  assert.equal((await h.json()).database, 'ok');
  await fetch(server.baseUrl + '/api/v1/me');
  const m = await (await fetch(server.baseUrl + '/metrics')).text();
  assert.match(m, /zhiping_http_requests_total\{route="\/api\/v1\/me",method="GET",status="401"\} \d+/);
  assert.match(m, /zhiping_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  assert.match(m, /zhiping_db_pool_size \d+/);
  assert.match(m, /zhiping_db_pool_in_use \d+/);
});

test('OpenAPI lists every endpoint, and each listed endpoint exists', async () => {
  const doc = await (await fetch(server.baseUrl + '/api/v1/openapi.json')).json();
  assert.equal(doc.openapi, '3.0.3');
  const paths = Object.keys(doc.paths);
  for (const p of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/orgs/{id}', '/api/v1/users/{id}/roles/{assignment_id}', '/api/v1/audit/verify', '/api/v1/openapi.json'])
    assert.ok(paths.includes(p), p);
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      const url = server.baseUrl + p.replace(/\{[^}]+\}/g, '1');
      const res = await fetch(url, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: method === 'get' ? undefined : '{}' });
      assert.notEqual(res.status, 404 === res.status && (await res.json()).error.code === 'unknown_route' ? 404 : -1, `${method} ${p}`);
      assert.notEqual(res.status, 405, `${method} ${p}`);
    }
  }
});

test('security headers on API and pages', async () => {
  for (const path of ['/api/v1/me', '/', '/orgs']) {
    const res = await fetch(server.baseUrl + path);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(res.headers.get('referrer-policy'));
  }
});

test('keep-alive: several requests on one connection', async () => {
  const { hostname, port } = new URL(server.baseUrl);
  const answers = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = '';
    sock.on('data', (d) => { data += d; if ((data.match(/HTTP\/1\.1 200/g) || []).length === 3) { sock.end(); resolve(data); } });
    sock.on('error', reject);
    const req = `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`;
    sock.write(req + req + req);
  });
  assert.equal((answers.match(/HTTP\/1\.1 200/g) || []).length, 3);
});

test('a chunked body over the limit gets 413 while it is being read', async () => {
  const { hostname, port } = new URL(server.baseUrl);
  const reply = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
    sock.on('error', () => resolve(data));
    sock.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = 'a'.repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 40 && sock.writable) {
        sent += 1;
        if (!sock.write(chunk.length.toString(16) + '\r\n' + chunk + '\r\n')) { sock.once('drain', pump); return; }
      }
      sock.end('0\r\n\r\n');
    };
    pump();
    setTimeout(() => { sock.destroy(); reject(new Error('no answer in 10 s: ' + data)); }, 10000);
  });
  assert.match(reply, /^HTTP\/1\.1 413/);
  assert.match(reply, /body_too_large/);
});

test('/healthz and /metrics take GET only; odd methods do not become metric labels', async () => {
  assert.equal((await fetch(server.baseUrl + '/metrics', { method: 'POST' })).status, 405);
  assert.equal((await fetch(server.baseUrl + '/healthz', { method: 'DELETE' })).status, 405);
  await fetch(server.baseUrl + '/api/v1/me', { method: 'FROBNICATE' }).catch(() => {});
  const m = await (await fetch(server.baseUrl + '/metrics')).text();
  assert.doesNotMatch(m, /FROBNICATE/);
});

test('errors sent by the network layer carry the security headers', async () => {
  const res = await fetch(server.baseUrl + '/api/v1/me', { headers: { 'x-big': 'a'.repeat(20000) } });
  assert.equal(res.status, 431);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
});
