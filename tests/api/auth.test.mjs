// Sign-in, lockout, CSRF, session expiry, logout, password change and self-registration against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, expectError, residentId, newResidentId, uniqueDigits } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer({ args: ['--lockout-seconds', '3'] }); });
after(async () => { await server.stop(); });

test('login sets an HttpOnly SameSite=Strict cookie and returns the CSRF token and roles', async () => {
  const c = new Client(server.baseUrl);
  const r = await c.post('/api/v1/auth/login', { login: 'office1', password: 'demo-2026' });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /zp_session=/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.ok(r.data.csrf_token.length >= 20);
  assert.equal(r.data.user.login, 'office1');
  assert.deepEqual(r.data.roles.map((g) => g.role), ['office']);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.data.user.login, 'office1');
  assert.match(me.data.user.phone, /^\d{3}\*{4}\d{4}$/, 'phone is masked');
});

test('wrong password and unknown login get the same 401', async () => {
  const c = new Client(server.baseUrl);
  const a = expectError(assert, await c.post('/api/v1/auth/login', { login: 'expert1', password: 'nope-nope' }), 401, 'invalid_credentials');
  const b = expectError(assert, await c.post('/api/v1/auth/login', { login: 'nobody-here', password: 'nope-nope' }), 401, 'invalid_credentials');
  assert.equal(a.message, b.message);
});

test('five failed logins lock the account with the unlock time; the right password is refused while locked', async () => {
  const c = new Client(server.baseUrl);
  for (let i = 0; i < 4; i++) expectError(assert, await c.post('/api/v1/auth/login', { login: 'monitor1', password: 'wrong-password' }), 401, 'invalid_credentials');
  const fifth = expectError(assert, await c.post('/api/v1/auth/login', { login: 'monitor1', password: 'wrong-password' }), 423, 'account_locked');
  assert.match(fifth.details[0].locked_until, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  expectError(assert, await c.post('/api/v1/auth/login', { login: 'monitor1', password: 'demo-2026' }), 423, 'account_locked');
  await new Promise((r) => setTimeout(r, 3200));  // this server locks for 3 s
  const ok = await c.post('/api/v1/auth/login', { login: 'monitor1', password: 'demo-2026' });
  assert.equal(ok.status, 200);
});

test('the security administrator can unlock a locked account', async () => {
  const c = new Client(server.baseUrl);
  for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/login', { login: 'committee1', password: 'wrong-password' });
  expectError(assert, await c.post('/api/v1/auth/login', { login: 'committee1', password: 'demo-2026' }), 423, 'account_locked');
  const sec = await loggedIn(server.baseUrl, 'secadmin');
  const users = await sec.get('/api/v1/users?q=committee1');
  const target = users.data.items.find((u) => u.login === 'committee1');
  assert.ok(target.locked_until);
  assert.equal((await sec.post(`/api/v1/users/${target.id}/unlock`, {})).status, 200);
  assert.equal((await c.post('/api/v1/auth/login', { login: 'committee1', password: 'demo-2026' })).status, 200);
});

test('writes without the CSRF header, or with a wrong one, are refused and change nothing', async () => {
  const c = await loggedIn(server.baseUrl, 'office1');
  const orgs = (await c.get('/api/v1/orgs')).data.items;
  const city = orgs.find((o) => o.kind === 'city_office');
  const before = city.name;
  expectError(assert, await c.patch(`/api/v1/orgs/${city.id}`, { name: '改名' }, { csrf: false }), 403, 'csrf_failed');
  expectError(assert, await c.patch(`/api/v1/orgs/${city.id}`, { name: '改名' }, { csrf: false, headers: { 'x-csrf-token': 'forged' } }), 403, 'csrf_failed');
  assert.equal((await c.get(`/api/v1/orgs/${city.id}`)).data.name, before);
  expectError(assert, await c.post('/api/v1/auth/logout', null, { csrf: false }), 403, 'csrf_failed');
  assert.equal((await c.get('/api/v1/me')).status, 200, 'still signed in');
});

test('logout ends the session', async () => {
  const c = await loggedIn(server.baseUrl, 'dept1');
  const stolen = c.cookie;
  assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
  const again = new Client(server.baseUrl);
  again.cookie = stolen;
  expectError(assert, await again.get('/api/v1/me'), 401, 'not_authenticated');
});

test('without a session every private endpoint answers 401', async () => {
  const c = new Client(server.baseUrl);
  for (const path of ['/api/v1/me', '/api/v1/orgs', '/api/v1/users', '/api/v1/audit', '/api/v1/unit-registrations'])
    expectError(assert, await c.get(path), 401, 'not_authenticated');
  c.cookie = 'zp_session=not-a-real-token';
  expectError(assert, await c.get('/api/v1/me'), 401, 'not_authenticated');
});

test('password change: policy enforced, other sessions end, the new password works', async () => {
  const rid = newResidentId();
  const login = 'pw' + uniqueDigits(6);
  const anon = new Client(server.baseUrl);
  assert.equal((await anon.post('/api/v1/register/applicant', { real_name: '钱多', resident_id: rid, phone: '13900001111', login, password: 'first-pass-1' })).status, 201);
  const a = await loggedIn(server.baseUrl, login, 'first-pass-1');
  const b = await loggedIn(server.baseUrl, login, 'first-pass-1');
  const bad = expectError(assert, await a.post('/api/v1/me/password', { old_password: 'first-pass-1', new_password: login }), 422, 'password_policy');
  assert.ok(bad.details.some((d) => d.code === 'password_is_login'));
  expectError(assert, await a.post('/api/v1/me/password', { old_password: 'first-pass-1', new_password: 'short' }), 422, 'password_policy');
  expectError(assert, await a.post('/api/v1/me/password', { old_password: 'wrong-old-1', new_password: 'second-pass-2' }), 422, 'wrong_password');
  const ok = await a.post('/api/v1/me/password', { old_password: 'first-pass-1', new_password: 'second-pass-2' });
  assert.equal(ok.status, 200);
  assert.equal((await a.get('/api/v1/me')).status, 200, 'this browser gets a new session');
  expectError(assert, await b.get('/api/v1/me'), 401, 'not_authenticated');
  expectError(assert, await new Client(server.baseUrl).post('/api/v1/auth/login', { login, password: 'first-pass-1' }), 401);
  assert.equal((await new Client(server.baseUrl).post('/api/v1/auth/login', { login, password: 'second-pass-2' })).status, 200);
});

test('admin reset forces a password change before anything else', async () => {
  const sec = await loggedIn(server.baseUrl, 'secadmin');
  const expert = (await sec.get('/api/v1/users?q=expert1')).data.items.find((u) => u.login === 'expert1');
  assert.equal((await sec.post(`/api/v1/users/${expert.id}/reset-password`, { password: 'temporary-9' })).status, 200);
  const c = await loggedIn(server.baseUrl, 'expert1', 'temporary-9');
  assert.equal((await c.get('/api/v1/me')).data.user.must_change_password, true);
  expectError(assert, await c.get('/api/v1/orgs'), 403, 'password_change_required');
  assert.equal((await c.post('/api/v1/me/password', { old_password: 'temporary-9', new_password: 'demo-2026' })).status, 200);
  assert.equal((await c.get('/api/v1/me')).data.user.must_change_password, false);
});

test('applicant registration checks the resident ID and lists every problem at once', async () => {
  const c = new Client(server.baseUrl);
  const err = expectError(assert, await c.post('/api/v1/register/applicant', {
    real_name: '', resident_id: '110105194912310021', phone: '12345', login: 'x', password: 'x',
  }), 400, 'missing_field');
  assert.ok(err.details.some((d) => d.field === 'real_name'));
  const err2 = expectError(assert, await c.post('/api/v1/register/applicant', {
    real_name: '孙丽', resident_id: '110105194912310021', phone: '12345', login: 'x', password: 'x',
  }), 422, 'invalid_fields');
  const codes = err2.details.map((d) => d.code).sort();
  assert.deepEqual(codes, ['id_checksum', 'login_format', 'password_is_login', 'password_too_short', 'phone_format']);
  assert.ok(err2.details.every((d) => d.message && d.message_en && d.field));
  const badDate = expectError(assert, await c.post('/api/v1/register/applicant', {
    real_name: '孙丽', resident_id: residentId('11010519490230002'), phone: '13912345678', login: 'sunli01', password: 'good-pass-1',
  }), 422, 'invalid_fields');
  assert.deepEqual(badDate.details.map((d) => d.code), ['id_birth_date']);
});

test('one account per resident ID', async () => {
  const c = new Client(server.baseUrl);
  const rid = newResidentId();
  const first = await c.post('/api/v1/register/applicant', { real_name: '周一', resident_id: rid, phone: '13912345678', login: 'zy' + uniqueDigits(6), password: 'good-pass-1' });
  assert.equal(first.status, 201);
  const second = expectError(assert, await c.post('/api/v1/register/applicant', { real_name: '周一', resident_id: rid, phone: '13912345678', login: 'zy' + uniqueDigits(6), password: 'good-pass-1' }), 422, 'invalid_fields');
  assert.deepEqual(second.details.map((d) => d.code), ['resident_id_taken']);
});

test('registration under an unapproved unit is refused', async () => {
  const c = new Client(server.baseUrl);
  const err = expectError(assert, await c.post('/api/v1/register/applicant', {
    real_name: '吴二', resident_id: newResidentId(), phone: '13912345678', login: 'wu' + uniqueDigits(6), password: 'good-pass-1', unit_id: 999999,
  }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code), ['unit_not_found']);
});

test('the session cache never serves a removed role or a logged-out session on this server', async () => {
  const sec = await loggedIn(server.baseUrl, 'secadmin');
  const province = (await sec.get('/api/v1/orgs')).data.items.find((o) => o.kind === 'province_office');
  const dept = (await sec.get('/api/v1/users?q=dept1')).data.items.find((u) => u.login === 'dept1');
  const granted = await sec.post(`/api/v1/users/${dept.id}/roles`, { role: 'office', org_id: province.id });
  assert.equal(granted.status, 201);
  const c = await loggedIn(server.baseUrl, 'dept1');
  assert.equal((await c.get('/api/v1/unit-registrations')).status, 200);  // office role, cached now
  assert.ok((await c.get('/api/v1/me')).data.roles.some((g) => g.role === 'office'));
  assert.equal((await sec.del(`/api/v1/users/${dept.id}/roles/${granted.data.id}`)).status, 204);
  expectError(assert, await c.get('/api/v1/unit-registrations'), 403, 'forbidden');
  assert.ok(!(await c.get('/api/v1/me')).data.roles.some((g) => g.role === 'office'));
  await c.post('/api/v1/auth/logout');
  c.cookie = c.cookie || '';
});

test('many sign-ins at once hash a few at a time, so memory stays bounded', async () => {
  const { readFileSync } = await import('node:fs');
  const { availableParallelism } = await import('node:os');
  // A server of its own, so that its peak memory is this burst's.
  const own = await startServer();
  try {
    const logins = ['office1', 'unitadmin1', 'expert1', 'committee1', 'monitor1', 'sysadmin', 'secadmin', 'auditadmin'];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => new Client(own.baseUrl).post('/api/v1/auth/login', { login: logins[i % logins.length], password: 'demo-2026' })));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${own.child.pid}/status`, 'utf8'))[1]);
    // Argon2id takes 19 MiB per hash; with 32 worker threads and no limit the 40 sign-ins held over 600 MiB at once.
    const ceilingMiB = 80 + 20 * availableParallelism();
    assert.ok(peakKiB / 1024 < ceilingMiB, `peak ${Math.round(peakKiB / 1024)} MiB, at most ${ceilingMiB} MiB expected`);
  } finally {
    await own.stop();
  }
});
