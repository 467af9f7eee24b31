// Process-level behaviour: graceful shutdown, migrations twice, refusing a newer schema, verify-audit and backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startServer, freshDatabase, loggedIn, BIN } from '../lib/server.mjs';

test('SIGTERM finishes the request in flight, then exits 0', async () => {
  const server = await startServer();
  const net = await import('node:net');
  const { hostname, port } = new URL(server.baseUrl);
  const body = JSON.stringify({ login: 'office1', password: 'demo-2026' });
  const sock = net.connect(Number(port), hostname);
  let reply = '';
  sock.on('data', (d) => { reply += d; });
  const closed = new Promise((resolve) => sock.on('close', resolve));
  await new Promise((resolve) => sock.on('connect', resolve));
  // The header and half the body: the server is now reading this request.
  sock.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` + body.slice(0, 10));
  await new Promise((r) => setTimeout(r, 300));
  const stopped = server.stop();
  await new Promise((r) => setTimeout(r, 300));
  sock.write(body.slice(10));
  await closed;
  assert.match(reply, /^HTTP\/1\.1 200/);
  assert.match(reply, /Connection: close/i);
  const { code } = await stopped;
  assert.equal(code, 0);
  // New connections are refused once it stops.
  await assert.rejects(fetch(server.baseUrl + '/healthz'));
});

// The server asks glibc for huge pages for its heap (a burst of uploads then faults once per 2 MiB, not per 4 KiB):
// started without a say, it restarts itself once with the tunable set, keeping its process id and serving as usual;
// an operator's own choice is kept.
test('serve restarts itself once with huge pages for the heap, unless GLIBC_TUNABLES says otherwise', async () => {
  const environ = (pid) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const plain = await startServer({ demo: false, env: { GLIBC_TUNABLES: '' } });
  try {
    assert.ok(environ(plain.child.pid).includes('GLIBC_TUNABLES=glibc.malloc.hugetlb=1'), environ(plain.child.pid).join(' '));
    // The restart keeps the process's name (pgrep zhiping, top), not "exe".
    assert.equal(readFileSync(`/proc/${plain.child.pid}/comm`, 'utf8').trim(), basename(BIN));
    assert.equal((await fetch(`${plain.baseUrl}/healthz`)).status, 200);
  } finally {
    await plain.stop();
  }
  const declined = await startServer({ demo: false, env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' } });
  try {
    assert.ok(environ(declined.child.pid).includes('GLIBC_TUNABLES=glibc.malloc.hugetlb=0'));
    assert.equal((await fetch(`${declined.baseUrl}/healthz`)).status, 200);
  } finally {
    await declined.stop();
  }
});

test('migrate is safe to run twice, and refuses a database newer than the binary', async () => {
  const db = freshDatabase();
  try {
    const first = execFileSync(BIN, ['migrate', '--db', db.url, '--data', join(db.dir, 'data')]).toString();
    assert.match(first, /schema version \d+ \(\d+ migration/);
    const second = execFileSync(BIN, ['migrate', '--db', db.url, '--data', join(db.dir, 'data')]).toString();
    assert.match(second, /\(0 migration\(s\) applied\)/);
    const sql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)";
    if (db.url.startsWith('sqlite:')) execFileSync('sqlite3', [db.url.slice(7), sql]);
    else execFileSync('psql', [db.url, '-q', '-c', sql]);
    const third = spawnSync(BIN, ['migrate', '--db', db.url, '--data', join(db.dir, 'data')]);
    assert.equal(third.status, 1);
    assert.match(third.stderr.toString(), /newer than this binary/);
  } finally {
    db.drop();
  }
});

test('verify-audit says intact, then finds the first tampered row', async () => {
  const server = await startServer();
  const c = await loggedIn(server.baseUrl, 'office1');
  await c.post('/api/v1/auth/logout');
  const { database } = server;
  await server.stop({ keepDatabase: true });
  try {
    const ok = spawnSync(BIN, ['verify-audit', '--db', database.url, '--data', join(database.dir, 'data')]);
    assert.equal(ok.status, 0, ok.stderr.toString());
    assert.match(ok.stdout.toString(), /^intact \(\d+ rows\)/);
    const sql = "UPDATE audit_log SET summary = 'forged' WHERE id = 2";
    if (database.url.startsWith('sqlite:')) execFileSync('sqlite3', [database.url.slice(7), sql]);
    else execFileSync('psql', [database.url, '-q', '-c', sql]);
    const bad = spawnSync(BIN, ['verify-audit', '--db', database.url, '--data', join(database.dir, 'data')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout.toString(), /^broken at row 2/);
  } finally {
    database.drop();
  }
});

test('backup copies a live SQLite database that opens and holds the data', { skip: process.env.ZP_TEST_DB === 'postgresql' }, async () => {
  const server = await startServer();
  try {
    await loggedIn(server.baseUrl, 'office1');
    const out = join(server.database.dir, 'backup.db');
    const r = spawnSync(BIN, ['backup', '--db', server.database.url, '--data', join(server.database.dir, 'data'), '--out', out]);
    assert.equal(r.status, 0, r.stderr.toString());
    assert.ok(existsSync(out));
    const users = execFileSync('sqlite3', [out, 'SELECT COUNT(*) FROM users']).toString().trim();
    assert.equal(users, '12');  // one per demo account
    const logins = execFileSync('sqlite3', [out, "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login'"]).toString().trim();
    assert.equal(logins, '1');
  } finally {
    await server.stop();
  }
});

test('writes and uploads that were answered are all there after the server is killed', async () => {
  const { dossierKit, PDF } = await import('../lib/dossiers.mjs');
  const { randomBytes } = await import('node:crypto');
  const server = await startServer();
  let again;
  try {
    const office = await loggedIn(server.baseUrl, 'office1');
    const orgs = (await office.get('/api/v1/orgs')).data.items;
    const campaign = (await office.get('/api/v1/campaigns')).data.items[0];
    const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
    const kit = dossierKit(server, { orgs, campaign, pw });
    // Several applicants write at the same time, so commits and flushes are shared; each answer is kept.
    const answered = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const c = await kit.newApplicant();
      const d = await kit.createDossier(c);
      const file = Buffer.concat([PDF, Buffer.from(`\n% ${randomBytes(8).toString('hex')}\n`)]);
      const up = await kit.upload(c, d.id, 'papers', file, `p${i}.pdf`);
      assert.equal(up.status, 201);
      const view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
      const saved = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: { ...view.sections.basic.data, current_post: `岗位${i}` } } });
      assert.equal(saved.status, 200);
      return { c, d, file, attachment: up.data.id, post: `岗位${i}` };
    }));
    server.child.kill('SIGKILL');  // no shutdown: only what reached the files counts
    await new Promise((resolve) => server.child.once('exit', resolve));
    again = await startServer({ db: server.database, demo: false });
    for (const a of answered) {
      const c = a.c;
      c.baseUrl = again.baseUrl;  // the session was answered too, so it is still there
      const view = (await c.get(`/api/v1/dossiers/${a.d.id}`)).data;
      assert.equal(view.sections.basic.data.current_post, a.post);
      const res = await fetch(`${again.baseUrl}/api/v1/attachments/${a.attachment}`, { headers: { cookie: c.cookie } });
      assert.equal(res.status, 200);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(a.file));
    }
  } finally {
    if (again) await again.stop(); else await server.stop();
  }
});
