// Organisation tree, unit self-registration and approval, reviewer designation (核准), jurisdiction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, expectError, creditCode, newResidentId, uniqueDigits, staffAccount } from '../lib/server.mjs';

let server, office, sec, orgs;
const byKind = (kind) => orgs.find((o) => o.kind === kind);
const byName = (name) => orgs.find((o) => o.name === name);

before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  sec = await loggedIn(server.baseUrl, 'secadmin');
  orgs = (await office.get('/api/v1/orgs')).data.items;
});
after(async () => { await server.stop(); });

const staffWithRole = (role, orgId) => staffAccount(server, sec, role, orgId);

function registration(overrides = {}) {
  const n = uniqueDigits(8);
  return {
    name: '测试科技有限公司' + n, credit_code: creditCode('91450100MA' + uniqueDigits(7)), unit_type: 'private_or_social',
    legal_person: true, parent_id: byKind('county_office').id, region: '示范县', contact_name: '联系人',
    contact_phone: '13600000000', login: 'unit' + n, password: 'unit-pass-1', ...overrides,
  };
}

test('the demo tree has every kind of node, and office1 sees it all', () => {
  for (const kind of ['province_office', 'city_office', 'county_office', 'series_office', 'department', 'unit', 'committee'])
    assert.ok(byKind(kind), kind);
  assert.equal(orgs.filter((o) => o.kind === 'unit').length, 3);
  assert.equal(new Set(orgs.filter((o) => o.kind === 'unit').map((o) => o.unit_type)).size, 3);
});

test('public lists: offices to register under, approved units only', async () => {
  const anon = new Client(server.baseUrl);
  const parents = (await anon.get('/api/v1/public/orgs')).data;
  assert.ok(parents.some((o) => o.kind === 'county_office'));
  assert.ok(parents.every((o) => o.kind !== 'unit' && o.kind !== 'committee'));
  const units = (await anon.get('/api/v1/public/units?q=医院')).data;
  assert.deepEqual(units.map((u) => u.name), ['示范市第一人民医院']);
});

test('unit registers, cannot act until approved, the office approves, then it designates a reviewer', async () => {
  const anon = new Client(server.baseUrl);
  const reg = registration();
  const r = await anon.post('/api/v1/register/unit', reg);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.status, 'pending');
  const unitId = r.data.id;

  const unitAdmin = await loggedIn(server.baseUrl, reg.login, reg.password);
  const me = (await unitAdmin.get('/api/v1/me')).data;
  assert.deepEqual(me.roles.map((g) => [g.role, g.org_id]), [['unit_admin', unitId]]);

  // Applicants cannot register under it yet.
  const applicant = { real_name: '职工甲', resident_id: newResidentId(), phone: '13500000000', login: 'emp' + uniqueDigits(6), password: 'staff-pass-1', unit_id: unitId };
  const refused = expectError(assert, await anon.post('/api/v1/register/applicant', applicant), 422, 'invalid_fields');
  assert.deepEqual(refused.details.map((d) => d.code), ['unit_not_approved']);
  expectError(assert, await unitAdmin.post(`/api/v1/units/${unitId}/reviewer-designations`, { user_id: me.user.id }), 409, 'unit_not_approved');

  const pending = (await office.get('/api/v1/unit-registrations?status=pending')).data.items;
  assert.ok(pending.some((u) => u.id === unitId));
  const listed = pending.find((u) => u.id === unitId);
  assert.match(listed.contact_phone, /^136\*{4}0000$/);
  const approved = await office.post(`/api/v1/orgs/${unitId}/approve`);
  assert.equal(approved.status, 200);
  assert.equal(approved.data.status, 'active');
  expectError(assert, await office.post(`/api/v1/orgs/${unitId}/approve`), 409, 'wrong_state');

  assert.equal((await anon.post('/api/v1/register/applicant', applicant)).status, 201);
  const staff = (await unitAdmin.get(`/api/v1/units/${unitId}/staff`)).data.items;
  const employee = staff.find((s) => s.login === applicant.login);
  assert.ok(employee);
  assert.match(employee.phone, /\*{4}/);

  const d = await unitAdmin.post(`/api/v1/units/${unitId}/reviewer-designations`, { user_id: employee.id });
  assert.equal(d.status, 201, d.text);
  expectError(assert, await unitAdmin.post(`/api/v1/units/${unitId}/reviewer-designations`, { user_id: me.user.id }), 409, 'designation_pending');
  const status = (await unitAdmin.get(`/api/v1/units/${unitId}/reviewer`)).data;
  assert.equal(status.current, null);
  assert.equal(status.pending.user_id, employee.id);

  const queue = (await office.get('/api/v1/reviewer-designations?status=pending')).data.items;
  assert.ok(queue.some((x) => x.id === d.data.id));
  const ok = await office.post(`/api/v1/reviewer-designations/${d.data.id}/approve`);
  assert.equal(ok.status, 200);
  assert.equal(ok.data.status, 'approved');
  const reviewer = await loggedIn(server.baseUrl, applicant.login, applicant.password);
  const roles = (await reviewer.get('/api/v1/me')).data.roles.map((g) => g.role).sort();
  assert.deepEqual(roles, ['applicant', 'unit_reviewer']);

  // Replacing the reviewer moves the role; the audit log records the replacement.
  const d2 = await unitAdmin.post(`/api/v1/units/${unitId}/reviewer-designations`, { user_id: me.user.id });
  assert.equal(d2.status, 201);
  assert.equal((await office.post(`/api/v1/reviewer-designations/${d2.data.id}/approve`)).status, 200);
  assert.deepEqual((await reviewer.get('/api/v1/me')).data.roles.map((g) => g.role), ['applicant']);
  assert.equal((await unitAdmin.get(`/api/v1/units/${unitId}/reviewer`)).data.current.user_id, me.user.id);
  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const rows = (await auditor.get('/api/v1/audit?action=reviewer.approve')).data.items;
  assert.ok(rows.some((x) => x.summary.includes(`replaces user ${employee.id}`)));
});

test('the reviewer must be the unit\'s own staff', async () => {
  const unitAdmin = await loggedIn(server.baseUrl, 'unitadmin1');
  const hospital = byName('示范市第一人民医院');
  const other = (await sec.get('/api/v1/users?q=office1')).data.items[0];
  const err = expectError(assert, await unitAdmin.post(`/api/v1/units/${hospital.id}/reviewer-designations`, { user_id: other.id }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code), ['reviewer_not_staff']);
  expectError(assert, await unitAdmin.post(`/api/v1/units/${hospital.id}/reviewer-designations`, { user_id: 99999 }), 422, 'invalid_fields');
});

test('office rejects a registration with a reason; a reason is required', async () => {
  const anon = new Client(server.baseUrl);
  const r = await anon.post('/api/v1/register/unit', registration());
  expectError(assert, await office.post(`/api/v1/orgs/${r.data.id}/reject`, {}), 422, 'invalid_fields');
  const rejected = await office.post(`/api/v1/orgs/${r.data.id}/reject`, { reason: '营业执照与名称不符' });
  assert.equal(rejected.data.status, 'rejected');
  assert.equal(rejected.data.reject_reason, '营业执照与名称不符');
  assert.ok((await office.get('/api/v1/unit-registrations?status=rejected')).data.items.some((u) => u.id === r.data.id));
});

test('unit registration lists every problem; branches without legal-person status are refused', async () => {
  const anon = new Client(server.baseUrl);
  const err = expectError(assert, await anon.post('/api/v1/register/unit', registration({
    credit_code: '91450100MA00000039', unit_type: 'bank', legal_person: false, parent_id: byName('示范市第一人民医院').id, contact_phone: '123',
  })), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code).sort(), ['credit_code_checksum', 'not_legal_person', 'parent', 'phone_format', 'unit_type']);
  const taken = expectError(assert, await anon.post('/api/v1/register/unit', registration({ credit_code: byName('示范市第一人民医院').credit_code })), 422, 'invalid_fields');
  assert.deepEqual(taken.details.map((d) => d.code), ['credit_code_taken']);
});

test('office staff see and manage only their subtree', async () => {
  const county = byKind('county_office');
  const countyOffice = await staffWithRole('office', county.id);
  const visible = (await countyOffice.get('/api/v1/orgs')).data.items;
  assert.ok(visible.every((o) => o.id === county.id || o.parent_id === county.id || visible.some((p) => p.id === o.parent_id)));
  assert.ok(!visible.some((o) => o.kind === 'city_office' || o.kind === 'province_office'));
  const cityUnit = orgs.find((o) => o.kind === 'unit' && o.parent_id === byKind('city_office').id);
  expectError(assert, await countyOffice.get(`/api/v1/orgs/${cityUnit.id}`), 403, 'forbidden');
  expectError(assert, await countyOffice.patch(`/api/v1/orgs/${cityUnit.id}`, { name: '越权修改' }), 403, 'forbidden');

  // A registration under the city is invisible to the county office and cannot be approved by it.
  const anon = new Client(server.baseUrl);
  const r = await anon.post('/api/v1/register/unit', registration({ parent_id: byKind('city_office').id }));
  assert.ok(!(await countyOffice.get('/api/v1/unit-registrations?status=pending')).data.items.some((u) => u.id === r.data.id));
  expectError(assert, await countyOffice.post(`/api/v1/orgs/${r.data.id}/approve`), 403, 'forbidden');
  assert.equal((await office.get(`/api/v1/orgs/${r.data.id}`)).data.status, 'pending', 'unchanged');

  // Within its subtree it may add a unit.
  const created = await countyOffice.post('/api/v1/orgs', { parent_id: county.id, kind: 'unit', name: '示范县中学', credit_code: creditCode('12450122MB' + uniqueDigits(7)), unit_type: 'public_institution' });
  assert.equal(created.status, 201, created.text);
  expectError(assert, await countyOffice.post('/api/v1/orgs', { parent_id: byKind('city_office').id, kind: 'unit', name: '越权单位' }), 403, 'forbidden');
});

test('org creation checks kind placement and fields', async () => {
  const unit = byName('示范市第一人民医院');
  const err = expectError(assert, await office.post('/api/v1/orgs', { parent_id: unit.id, kind: 'city_office', name: '错误' }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code), ['kind_placement']);
  const err2 = expectError(assert, await office.post('/api/v1/orgs', { parent_id: byKind('city_office').id, kind: 'unit', name: '缺信用代码' }), 422, 'invalid_fields');
  assert.deepEqual(err2.details.map((d) => d.code).sort(), ['required', 'unit_type']);
  expectError(assert, await office.patch(`/api/v1/orgs/${unit.id}`, { kind: 'committee' }), 422, 'invalid_fields');
  const renamed = await office.patch(`/api/v1/orgs/${byKind('committee').id}`, { name: '示范省政工专业高级职务评审委员会（2026）' });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.data.name, '示范省政工专业高级职务评审委员会（2026）');
});

test('three-role separation: administrators cannot hold a second role; reviewers come only by designation', async () => {
  const users = (await sec.get('/api/v1/users?q=admin')).data.items;
  const auditadmin = users.find((u) => u.login === 'auditadmin');
  expectError(assert, await sec.post(`/api/v1/users/${auditadmin.id}/roles`, { role: 'office', org_id: byKind('province_office').id }), 409, 'admin_separation');
  const expert = (await sec.get('/api/v1/users?q=expert1')).data.items[0];
  expectError(assert, await sec.post(`/api/v1/users/${expert.id}/roles`, { role: 'sec_admin', org_id: byKind('province_office').id }), 409, 'admin_separation');
  expectError(assert, await sec.post(`/api/v1/users/${expert.id}/roles`, { role: 'unit_reviewer', org_id: byName('示范市第一人民医院').id }), 409, 'use_designation');
  expectError(assert, await sec.post(`/api/v1/users/${expert.id}/roles`, { role: 'wizard', org_id: 1 }), 422, 'invalid_fields');
  const granted = await sec.post(`/api/v1/users/${expert.id}/roles`, { role: 'monitor', org_id: byKind('province_office').id });
  assert.equal(granted.status, 201);
  assert.equal((await sec.del(`/api/v1/users/${expert.id}/roles/${granted.data.id}`)).status, 204);
  expectError(assert, await sec.del(`/api/v1/users/${expert.id}/roles/${granted.data.id}`), 404, 'not_found');
});

test('a security or audit administrator below the root cannot read installation-wide lists', async () => {
  const county = byKind('county_office');
  for (const [role, path] of [['sec_admin', '/api/v1/users'], ['audit_admin', '/api/v1/audit']]) {
    const login = 'sub' + uniqueDigits(6);
    const u = await sec.post('/api/v1/users', { login, real_name: '下级管理员', phone: '13700000000', password: 'initial-pass-1' });
    assert.equal((await sec.post(`/api/v1/users/${u.data.id}/roles`, { role, org_id: county.id })).status, 201);
    const c = await loggedIn(server.baseUrl, login, 'initial-pass-1');
    await c.post('/api/v1/me/password', { old_password: 'initial-pass-1', new_password: 'changed-pass-2' });
    expectError(assert, await c.get(path), 403, 'forbidden');
  }
});
