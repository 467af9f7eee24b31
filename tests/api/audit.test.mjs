// Every write and every login is audited, in the same transaction as the change; refused writes leave no row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn } from '../lib/server.mjs';

let server, auditor;
before(async () => {
  server = await startServer();
  auditor = await loggedIn(server.baseUrl, 'auditadmin');
});
after(async () => { await server.stop(); });

const rows = async (query = '') => (await auditor.get('/api/v1/audit?page_size=200' + query)).data;

test('logins, failed logins and logouts are recorded with actor and IP', async () => {
  const c = new Client(server.baseUrl);
  await c.post('/api/v1/auth/login', { login: 'dept1', password: 'bad-password' });
  await c.login('dept1');
  await c.post('/api/v1/auth/logout');
  const all = (await rows()).items;
  const failed = all.find((r) => r.action === 'auth.login_failed' && r.actor_login === 'dept1');
  assert.ok(failed);
  assert.equal(failed.ip, '127.0.0.1');
  assert.ok(!JSON.stringify(all).includes('bad-password'), 'no secrets in the log');
  assert.ok(all.some((r) => r.action === 'auth.login' && r.actor_login === 'dept1'));
  assert.ok(all.some((r) => r.action === 'auth.logout' && r.actor_login === 'dept1'));
});

test('a change records actor, role and object; a refused change records nothing', async () => {
  const office = await loggedIn(server.baseUrl, 'office1');
  const city = (await office.get('/api/v1/orgs')).data.items.find((o) => o.kind === 'city_office');
  const before = (await rows()).total;
  assert.equal((await office.patch(`/api/v1/orgs/${city.id}`, { name: '' })).status, 422);
  assert.equal((await office.patch(`/api/v1/orgs/${city.id}`, { region: 'x' }, { csrf: false })).status, 403);
  const expert = await loggedIn(server.baseUrl, 'expert1');
  assert.equal((await expert.patch(`/api/v1/orgs/${city.id}`, { region: 'x' })).status, 403);
  const mid = (await rows()).total;
  assert.equal(mid, before + 1, 'only the expert\'s login was added');
  assert.equal((await office.patch(`/api/v1/orgs/${city.id}`, { region: '示范市区' })).status, 200);
  const latest = (await rows('&action=org.update')).items[0];
  assert.equal(latest.actor_login, 'office1');
  assert.equal(latest.acting_as_login, 'office1');
  assert.equal(latest.role, 'office');
  assert.equal(latest.object_type, 'org');
  assert.equal(latest.object_id, String(city.id));
  assert.match(latest.hash, /^[0-9a-f]{64}$/);
});

test('the chain verifies through the API', async () => {
  const v = (await auditor.get('/api/v1/audit/verify')).data;
  assert.equal(v.intact, true);
  assert.ok(v.rows > 3);
  assert.equal(v.first_broken_id, null);
});

test('filters and pagination', async () => {
  const page1 = (await auditor.get('/api/v1/audit?page=1&page_size=2')).data;
  const page2 = (await auditor.get('/api/v1/audit?page=2&page_size=2')).data;
  assert.equal(page1.items.length, 2);
  assert.ok(page1.items[0].id > page1.items[1].id, 'newest first');
  assert.ok(page2.items[0].id < page1.items[1].id);
  const onlyLogins = (await auditor.get('/api/v1/audit?action=auth.login')).data.items;
  assert.ok(onlyLogins.length > 0 && onlyLogins.every((r) => r.action === 'auth.login'));
  const byActor = (await auditor.get('/api/v1/audit?actor=auditadmin')).data.items;
  assert.ok(byActor.every((r) => r.actor_login === 'auditadmin'));
});
