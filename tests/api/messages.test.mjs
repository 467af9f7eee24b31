// The message centre: returns, approvals, new submissions and account decisions reach the people concerned;
// everyone sees only their own messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, expectError, creditCode, uniqueDigits } from '../lib/server.mjs';
import { dossierKit } from '../lib/dossiers.mjs';

let server, office, reviewer, kit;
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  reviewer = await loggedIn(server.baseUrl, 'unitreviewer1');
  const orgs = (await office.get('/api/v1/orgs')).data.items;
  const campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  kit = dossierKit(server, { orgs, campaign, pw });
});
after(async () => { await server.stop(); });

const inbox = async (c, q = '') => (await c.get('/api/v1/messages' + q)).data;

test('submission, return and approval notify the reviewer and the applicant, with unread counts', async () => {
  const before = (await inbox(reviewer)).unread;
  const applicant = await kit.newApplicant();
  const d = await kit.submitted(applicant);
  const rbox = await inbox(reviewer, '?unread=1');
  assert.equal(rbox.unread, before + 1);
  assert.equal(rbox.items[0].kind, 'dossier_submitted');
  assert.equal(rbox.items[0].dossier_id, d.id);
  assert.ok(rbox.items[0].title && rbox.items[0].title_en);

  await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`);
  await reviewer.request('PUT', `/api/v1/dossiers/${d.id}/review-marks`, { json: { marks: [{ target_kind: 'section', target: 'work', status: 'problem', comment: '请补充' }] } });
  await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/return`);
  const abox = await inbox(applicant);
  assert.deepEqual(abox.items.map((m) => m.kind), ['dossier_returned', 'unit_review_started']);
  assert.equal(abox.unread, 2);

  // Read one, then all; someone else's message does not exist for you.
  assert.equal((await applicant.post(`/api/v1/messages/${abox.items[0].id}/read`)).status, 204);
  assert.equal((await inbox(applicant)).unread, 1);
  expectError(assert, await reviewer.post(`/api/v1/messages/${abox.items[1].id}/read`), 404, 'not_found');
  assert.equal((await applicant.post('/api/v1/messages/read-all')).status, 204);
  assert.equal((await inbox(applicant)).unread, 0);
  assert.equal((await inbox(applicant, '?unread=1')).items.length, 0);
  assert.ok(!(await inbox(reviewer)).items.some((m) => m.kind === 'dossier_returned'));
  expectError(assert, await new Client(server.baseUrl).get('/api/v1/messages'), 401, 'not_authenticated');
});

test('unit registration and reviewer designation decisions reach the unit account', async () => {
  const anon = new Client(server.baseUrl);
  const orgs = (await office.get('/api/v1/orgs')).data.items;
  const n = uniqueDigits(8);
  const reg = { name: '消息测试单位' + n, credit_code: creditCode('91450100MA' + uniqueDigits(7)), unit_type: 'private_or_social', legal_person: true,
    parent_id: orgs.find((o) => o.kind === 'city_office').id, region: '示范市', contact_name: '联系人', contact_phone: '13600000000', login: 'mu' + n, password: 'unit-pass-1' };
  const r = await anon.post('/api/v1/register/unit', reg);
  await office.post(`/api/v1/orgs/${r.data.id}/approve`);
  const unit = await loggedIn(server.baseUrl, reg.login, reg.password);
  const box = await inbox(unit);
  assert.deepEqual(box.items.map((m) => m.kind), ['unit_approved']);
});
