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
