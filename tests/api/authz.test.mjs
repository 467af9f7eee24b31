// The authorization table: every private endpoint, tried by every demo role. Refused roles get 403 and change
// nothing; allowed roles succeed. Jurisdiction cases use nodes outside the actor's subtree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, creditCode, uniqueDigits } from '../lib/server.mjs';

const USERS = ['applicant1', 'unitadmin1', 'unitreviewer1', 'dept1', 'office1', 'committee1', 'expert1', 'monitor1', 'sysadmin', 'secadmin', 'auditadmin'];
let server, clients = {}, ids = {};

before(async () => {
  server = await startServer();
  for (const u of USERS) clients[u] = await loggedIn(server.baseUrl, u);
  const orgs = (await clients.office1.get('/api/v1/orgs')).data.items;
  const find = (pred) => orgs.find(pred);
  ids.province = find((o) => o.kind === 'province_office').id;
  ids.city = find((o) => o.kind === 'city_office').id;
  ids.hospital = find((o) => o.name === '示范市第一人民医院').id;
  ids.company = find((o) => o.name === '示范建设工程有限公司').id;  // under the city, not the department
  ids.committee = find((o) => o.kind === 'committee').id;
  const users = (await clients.secadmin.get('/api/v1/users?page_size=50')).data.items;
  for (const u of users) ids[u.login] = u.id;
  ids.seriesOffice = find((o) => o.kind === 'series_office').id;
  const series = (await clients.office1.get('/api/v1/series')).data.items.find((x) => x.code === 'political_work');
  ids.series = series.id;
  ids.item = (await clients.office1.get(`/api/v1/series/${series.id}/checklist?level=intermediate`)).data.items[0].id;
  const campaign = (await clients.office1.get('/api/v1/campaigns')).data.items[0];
  ids.campaign = campaign.id;
  // applicant1's dossier on the exceptional route, so that a route decision is pending.
  const d = await clients.applicant1.post('/api/v1/dossiers', { campaign_id: campaign.id, series_id: series.id, level: 'deputy_senior', route: 'exceptional' });
  assert.equal(d.status, 201, d.text);
  ids.dossier = d.data.id;
});
after(async () => { await server.stop(); });

async function pendingUnit() {
  const anon = new Client(server.baseUrl);
  const n = uniqueDigits(8);
  const r = await anon.post('/api/v1/register/unit', {
    name: '待审单位' + n, credit_code: creditCode('91450100MA' + uniqueDigits(7)), unit_type: 'private_or_social', legal_person: true,
    parent_id: ids.city, region: '示范市', contact_name: '联系人', contact_phone: '13600000000', login: 'pu' + n, password: 'unit-pass-1',
  });
  assert.equal(r.status, 201, r.text);
  return r.data.id;
}

// Each case: a request and the users allowed to make it. `setup` runs once and returns a context for `path`/`body`.
const CASES = [
  // Dossier reads first: the designation cases below change who the hospital's reviewer is.
  { name: 'read a dossier', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'check a dossier', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/check`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'edit a dossier', method: 'PATCH', path: () => `/api/v1/dossiers/${ids.dossier}`, body: () => ({ version: 999 }), allowed: [], expectAllowed: 409, owner: 'applicant1' },
  { name: 'fraud signals of a dossier', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/signals`, allowed: ['unitreviewer1', 'dept1', 'office1'] },
  // The review chain: queues by stage, the dossier's record for those who follow it, the office's campaign pages.
  { name: 'the unit queue', method: 'GET', path: () => '/api/v1/review/unit-queue', allowed: ['unitreviewer1'] },
  { name: 'the department queue', method: 'GET', path: () => '/api/v1/review/dept-queue', allowed: ['dept1'] },
  { name: 'the office queue', method: 'GET', path: () => '/api/v1/review/office-queue', allowed: ['office1'] },
  { name: 'a dossier timeline', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/timeline`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'a dossier review record', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/review-record`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'a dossier interview', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/interview`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'review marks', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/review-marks`, allowed: ['applicant1', 'unitreviewer1', 'dept1', 'office1'] },
  { name: 'changes since a return', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/changes`, allowed: ['unitreviewer1', 'office1'] },
  { name: 'objections of a dossier', method: 'GET', path: () => `/api/v1/dossiers/${ids.dossier}/objections`, allowed: ['unitreviewer1', 'dept1', 'office1'] },
  { name: 'fee records', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/fees`, allowed: ['office1'] },
  { name: 'record a fee', method: 'POST', path: () => `/api/v1/campaigns/${ids.campaign}/fees`, body: () => ({ unit_id: ids.hospital, amount_cents: 30000, reference: 'T' + uniqueDigits(6), paid_on: '2026-09-15' }), allowed: ['office1'] },
  { name: 'spot checks', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/spot-checks`, allowed: ['office1'] },
  { name: 'the oversight report', method: 'GET', path: () => `/api/v1/review/oversight?campaign_id=${ids.campaign}`, allowed: ['office1'] },
  { name: 'delegations of a campaign', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/delegations`, allowed: ['office1'] },
  { name: 'list visible orgs', method: 'GET', path: () => '/api/v1/orgs', allowed: ['unitadmin1', 'dept1', 'office1', 'committee1', 'sysadmin', 'secadmin'] },
  { name: 'read a unit under the department', method: 'GET', path: () => `/api/v1/orgs/${ids.hospital}`, allowed: ['unitadmin1', 'dept1', 'office1', 'sysadmin', 'secadmin'] },
  { name: 'read a unit outside the department', method: 'GET', path: () => `/api/v1/orgs/${ids.company}`, allowed: ['office1', 'sysadmin', 'secadmin'] },
  { name: 'edit a unit', method: 'PATCH', path: () => `/api/v1/orgs/${ids.hospital}`, body: () => ({ region: '示范省示范市' }), allowed: ['office1', 'sysadmin'] },
  { name: 'add a committee', method: 'POST', path: () => '/api/v1/orgs', body: () => ({ parent_id: ids.city, kind: 'committee', name: '评委会' + uniqueDigits(6) }), allowed: ['office1', 'sysadmin'] },
  { name: 'list unit registrations', method: 'GET', path: () => '/api/v1/unit-registrations', allowed: ['office1'] },
  { name: 'approve a unit', method: 'POST', setup: pendingUnit, path: (id) => `/api/v1/orgs/${id}/approve`, allowed: ['office1'] },
  { name: 'reject a unit', method: 'POST', setup: pendingUnit, path: (id) => `/api/v1/orgs/${id}/reject`, body: () => ({ reason: '材料不全' }), allowed: ['office1'] },
  { name: 'unit staff', method: 'GET', path: () => `/api/v1/units/${ids.hospital}/staff`, allowed: ['unitadmin1', 'office1'] },
  { name: 'unit reviewer status', method: 'GET', path: () => `/api/v1/units/${ids.hospital}/reviewer`, allowed: ['unitadmin1', 'office1'] },
  { name: 'designate a reviewer', method: 'POST', path: () => `/api/v1/units/${ids.hospital}/reviewer-designations`, body: () => ({ user_id: ids.unitadmin1 }), allowed: ['unitadmin1'] },
  { name: 'list designations', method: 'GET', path: () => '/api/v1/reviewer-designations', allowed: ['office1'] },
  {
    name: 'approve a designation', method: 'POST',
    setup: async () => (await clients.office1.get('/api/v1/reviewer-designations?status=pending')).data.items[0].id,
    path: (id) => `/api/v1/reviewer-designations/${id}/approve`, allowed: ['office1'],
  },
  { name: 'list users', method: 'GET', path: () => '/api/v1/users', allowed: ['secadmin'] },
  { name: 'create a user', method: 'POST', path: () => '/api/v1/users', body: () => ({ login: 'u' + uniqueDigits(8), real_name: '新用户', phone: '13700000000', password: 'initial-pass-1' }), allowed: ['secadmin'] },
  { name: 'grant a role', method: 'POST', path: () => `/api/v1/users/${ids.expert1}/roles`, body: () => ({ role: 'expert', org_id: ids.city }), allowed: ['secadmin'] },
  {
    name: 'reset a password', method: 'POST',
    setup: async () => (await clients.secadmin.post('/api/v1/users', { login: 'r' + uniqueDigits(8), real_name: '被重置', phone: '13700000000', password: 'initial-pass-1' })).data.id,
    path: (id) => `/api/v1/users/${id}/reset-password`, body: () => ({ password: 'temporary-pass-1' }), allowed: ['secadmin'],
  },
  { name: 'unlock a user', method: 'POST', path: () => `/api/v1/users/${ids.dept1}/unlock`, allowed: ['secadmin'] },
  { name: 'read the audit log', method: 'GET', path: () => '/api/v1/audit', allowed: ['auditadmin'] },
  { name: 'create a series', method: 'POST', path: () => '/api/v1/series', body: () => ({ code: 's' + uniqueDigits(6), name: '新系列', owner_org_id: ids.province, levels: { intermediate: '中级' } }), allowed: ['office1', 'sysadmin'] },
  { name: 'rename a series level', method: 'PATCH', path: () => `/api/v1/series/${ids.series}`, body: () => ({ levels: { entry: '政工员' } }), allowed: ['office1', 'sysadmin'] },
  { name: 'add a specialty', method: 'POST', path: () => `/api/v1/series/${ids.series}/specialties`, body: () => ({ code: 'sp' + uniqueDigits(6), name: '专业' }), allowed: ['office1', 'sysadmin'] },
  { name: 'replace requirement rows', method: 'PUT', path: () => `/api/v1/series/${ids.series}/requirements/senior`, body: () => ({ rows: [{ route: 'normal', education: 'bachelor', min_years_lower_title: 5 }] }), allowed: ['office1', 'sysadmin'] },
  { name: 'add a checklist item', method: 'POST', path: () => `/api/v1/series/${ids.series}/checklist`, body: () => ({ level: 'senior', code: 'c' + uniqueDigits(6), name: '材料', section: 'other' }), allowed: ['office1', 'sysadmin'] },
  { name: 'edit a checklist item', method: 'PATCH', path: () => `/api/v1/checklist-items/${ids.item}`, body: () => ({ sort: 11 }), allowed: ['office1', 'sysadmin'] },
  { name: 'create a campaign', method: 'POST', path: () => '/api/v1/campaigns', body: () => ({ office_org_id: ids.seriesOffice, year: 2030, name: '2030年度', series_ids: [ids.series] }), allowed: ['office1'] },
  { name: 'extend a phase', method: 'POST', path: () => `/api/v1/campaigns/${ids.campaign}/phases/approval/extend`, body: () => ({ closes_at: `${2100 - Math.floor(Math.random() * 50)}-01-01T00:00:00+08:00`, reason: '顺延' }), allowed: ['office1'] },
  { name: 'mark a calendar day', method: 'PUT', path: () => '/api/v1/calendar/days/2031-01-02', body: () => ({ working: false, note: '测试' }), allowed: ['office1', 'sysadmin'] },
  { name: 'decide a dossier route', method: 'POST', path: () => `/api/v1/dossiers/${ids.dossier}/route-decision`, body: () => ({ approved: true, reason: '同意' }), allowed: ['office1'] },
  { name: 'enter an integrity record', method: 'POST', path: () => '/api/v1/integrity-records', body: () => ({ user_id: ids.expert1, reason: '测试记录', starts_on: '2020-01-01' }), allowed: ['office1'] },
  {
    name: 'end an integrity record', method: 'POST',
    setup: async () => (await clients.office1.post('/api/v1/integrity-records', { user_id: ids.expert1, reason: '测试记录', starts_on: '2020-01-01', years: 10 })).data.id,
    path: (id) => `/api/v1/integrity-records/${id}/end`, body: () => ({ reason: '复核撤销', ends_on: '2021-01-01' }), allowed: ['office1'],
  },
  { name: 'delegations received', method: 'GET', path: () => '/api/v1/delegations', allowed: ['committee1'] },
  { name: 'delegations sent', method: 'GET', path: () => '/api/v1/delegations?direction=sent', allowed: ['office1'] },
  { name: 'verify the audit chain', method: 'GET', path: () => '/api/v1/audit/verify', allowed: ['auditadmin'] },
  { name: 'read the mail outbox', method: 'GET', path: () => '/api/v1/mail/outbox', allowed: ['sysadmin'] },
];

for (const c of CASES) {
  test(`authz: ${c.name}`, async () => {
    const ctx = c.setup ? await c.setup() : undefined;
    if (c.owner) {  // the owner passes authorization and meets the next check (here: a stale version)
      const body = c.body ? c.body(ctx) : undefined;
      const res = await clients[c.owner].request(c.method, c.path(ctx), body === undefined ? {} : { json: body });
      assert.equal(res.status, c.expectAllowed, res.text);
    }
    const refused = USERS.filter((u) => !c.allowed.includes(u) && u !== c.owner);
    // Refused first: they must not change anything the allowed user then acts on.
    for (const user of [...refused, ...c.allowed]) {
      const body = c.body ? c.body(ctx) : c.method === 'GET' ? undefined : {};
      const res = await clients[user].request(c.method, c.path(ctx), body === undefined ? {} : { json: body });
      if (user === c.owner) continue;
      if (c.allowed.includes(user)) {
        assert.ok(res.status >= 200 && res.status < 300, `${user} should be allowed to ${c.name}: ${res.status} ${res.text}`);
      } else {
        assert.equal(res.status, 403, `${user} must be refused ${c.name}: got ${res.status} ${res.text}`);
        assert.equal(res.data.error.code, 'forbidden');
      }
    }
  });
}

test('authz: no administrator of the three can act outside its own duty', async () => {
  // sys_admin configures, sec_admin manages accounts, audit_admin only reads the audit log.
  assert.equal((await clients.sysadmin.get('/api/v1/audit')).status, 403);
  assert.equal((await clients.sysadmin.get('/api/v1/users')).status, 403);
  assert.equal((await clients.secadmin.get('/api/v1/audit')).status, 403);
  assert.equal((await clients.auditadmin.get('/api/v1/orgs')).status, 403);
  assert.equal((await clients.auditadmin.get('/api/v1/users')).status, 403);
});
