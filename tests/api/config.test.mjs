// Configuration from a TOML file, overridden by the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, freshDatabase, BIN } from '../lib/server.mjs';

test('TOML limits apply: a smaller JSON body limit', async () => {
  const db = freshDatabase();
  const file = join(db.dir, 'zhiping.toml');
  writeFileSync(file, '[limits]\njson_body_bytes = 100\n[login]\nmax_failures = 2\n');
  const server = await startServer({ db, args: ['--config', file] });
  try {
    const big = await fetch(server.baseUrl + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'office1', password: 'x'.repeat(200) }) });
    assert.equal(big.status, 413);
    const post = (password) => fetch(server.baseUrl + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'dept1', password }) });
    assert.equal((await post('wrong-pass')).status, 401);
    assert.equal((await post('wrong-pass')).status, 423, 'locked after two failures');
  } finally {
    await server.stop();
  }
});

test('a broken TOML file stops the start with a clear message', () => {
  const db = freshDatabase();
  const file = join(db.dir, 'bad.toml');
  writeFileSync(file, 'listen = \n');
  const r = spawnSync(BIN, ['serve', '--config', file, '--db', db.url, '--data', join(db.dir, 'data')], { timeout: 10000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr.toString(), /config .*bad\.toml/);
  db.drop();
});

test('every subcommand has --help', () => {
  for (const sub of ['serve', 'migrate', 'demo', 'verify-audit', 'backup']) {
    const r = spawnSync(BIN, [sub, '--help']);
    assert.equal(r.status, 0, sub);
    assert.match(r.stdout.toString(), /--db/);
  }
});

test('an unknown log level is refused, not silently turned off', () => {
  const db = freshDatabase();
  const r = spawnSync(BIN, ['migrate', '--db', db.url, '--log-level', 'loud'], { timeout: 10000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr.toString(), /unknown log level 'loud'/);
  db.drop();
});

test('a slow client that never finishes its header is disconnected after the header timeout', async () => {
  const db = freshDatabase();
  const file = join(db.dir, 'slow.toml');
  writeFileSync(file, '[server]\nheader_timeout_s = 1\nidle_timeout_s = 1\n');
  const server = await startServer({ db, demo: false, args: ['--config', file] });
  try {
    const { hostname, port } = new URL(server.baseUrl);
    const net = await import('node:net');
    const started = Date.now();
    const closedAfter = await new Promise((resolve, reject) => {
      const sock = net.connect(Number(port), hostname, () => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));  // no blank line
      sock.on('close', () => resolve(Date.now() - started));
      sock.on('error', () => {});
      setTimeout(() => { sock.destroy(); reject(new Error('still open after 5 s')); }, 5000);
    });
    assert.ok(closedAfter >= 900 && closedAfter < 4000, `closed after ${closedAfter} ms`);
    // An idle keep-alive connection is closed too, and the server keeps serving others.
    assert.equal((await fetch(server.baseUrl + '/healthz')).status, 200);
  } finally {
    await server.stop();
  }
});
