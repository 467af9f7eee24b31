// Concurrent writers: no request fails with "database is locked" (SQLite) or loses a row (both databases).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, newResidentId, uniqueDigits } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('60 simultaneous registrations and 60 simultaneous edits all succeed', async () => {
  const anon = new Client(server.baseUrl);
  const regs = Array.from({ length: 60 }, () => anon.post('/api/v1/register/applicant', {
    real_name: '并发', resident_id: newResidentId(), phone: '13800000000', login: 'c' + uniqueDigits(10), password: 'concurrent-1',
  }));
  const office = await loggedIn(server.baseUrl, 'office1');
  const city = (await office.get('/api/v1/orgs')).data.items.find((o) => o.kind === 'city_office');
  const edits = Array.from({ length: 60 }, (_, i) => office.patch(`/api/v1/orgs/${city.id}`, { region: '区' + i }));
  const results = await Promise.all([...regs, ...edits]);
  const bad = results.filter((r) => r.status >= 300);
  assert.deepEqual(bad.map((r) => r.text), []);
  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const regRows = (await auditor.get('/api/v1/audit?action=user.register_applicant')).data.total;
  const editRows = (await auditor.get('/api/v1/audit?action=org.update')).data.total;
  assert.equal(regRows, 60);
  assert.equal(editRows, 60);
  assert.equal((await auditor.get('/api/v1/audit/verify')).data.intact, true, 'the chain stays linear');
});

test('two registrations of the same resident ID at once: exactly one succeeds', async () => {
  const anon = new Client(server.baseUrl);
  const rid = newResidentId();
  const results = await Promise.all(Array.from({ length: 6 }, () => anon.post('/api/v1/register/applicant', {
    real_name: '同号', resident_id: rid, phone: '13800000000', login: 'd' + uniqueDigits(10), password: 'concurrent-1',
  })));
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  assert.ok(results.filter((r) => r.status !== 201).every((r) => r.status === 422 || r.status === 409), results.map((r) => r.text).join('\n'));
});
