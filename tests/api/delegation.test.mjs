// Delegation (委托评审): dossiers sent to another jurisdiction's committee with the letter of seed 004 Annex 2 as a
// real PDF; the delegating office and the receiving committee follow them; refusals for wrong input and roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, expectError, staffAccount } from '../lib/server.mjs';
import { dossierKit, chainKit } from '../lib/dossiers.mjs';

const POWER = '示范县供电有限公司';
let server, office, sec, kit, chain, orgs, campaign, pw, cityCommittee, cityCommitteeAdmin;
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  sec = await loggedIn(server.baseUrl, 'secadmin');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  kit = dossierKit(server, { orgs, campaign, pw });
  const reviewer = await loggedIn(server.baseUrl, 'unitreviewer2');
  chain = chainKit(server, kit, { reviewerFor: async () => reviewer });
  // A committee of another jurisdiction (the city), outside the campaign's series office.
  const city = orgs.find((o) => o.kind === 'city_office');
  const created = await office.post('/api/v1/orgs', { parent_id: city.id, kind: 'committee', name: '示范市政工专业高级职务评审委员会' });
  assert.equal(created.status, 201, created.text);
  cityCommittee = created.data;
  cityCommitteeAdmin = await staffAccount(server, sec, 'committee_admin', cityCommittee.id);
});
after(async () => { await server.stop(); });

async function accepted() {
  const applicant = await kit.newApplicant(POWER);
  const { d } = await chain.recommended(applicant, POWER);
  const r = await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`);
  assert.equal(r.status, 200, r.text);
  return { applicant, d };
}

test('an office delegates accepted dossiers to another jurisdiction\'s committee with a letter both sides can read', async () => {
  const a = await accepted(), b = await accepted();
  const body = { to_committee_id: cityCommittee.id, level: 'deputy_senior', reason: 'no_committee', number: '示范政工职改〔2026〕7号',
                 contact_name: '陈静', contact_phone: '13800001005', dossier_ids: [a.d.id, b.d.id] };
  const post = (c, x) => c.post(`/api/v1/campaigns/${campaign.id}/delegations`, x);

  // Bad input, all problems at once; nothing changes.
  let err = expectError(assert, await post(office, { ...body, level: 'chief', reason: 'busy', contact_phone: '123' }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((x) => x.field).sort(), ['contact_phone', 'level', 'reason']);
  expectError(assert, await post(office, { ...body, dossier_ids: [] }), 400, 'wrong_type');
  expectError(assert, await post(office, { ...body, to_committee_id: 'x' }), 400, 'wrong_type');
  expectError(assert, await post(office, { ...body, to_committee_id: 99999999 }), 404, 'not_found');
  const own = orgs.find((o) => o.kind === 'committee');
  err = expectError(assert, await post(office, { ...body, to_committee_id: own.id }), 422, 'invalid_fields');
  assert.equal(err.details[0].code, 'same_jurisdiction');
  const draft = await kit.createDossier(await kit.newApplicant(POWER));
  err = expectError(assert, await post(office, { ...body, dossier_ids: [a.d.id, draft.id, 99999999] }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((x) => x.code).sort(), ['not_found', 'wrong_state']);
  for (const login of ['unitreviewer2', 'dept1', 'committee1', 'applicant1']) {
    const c = await loggedIn(server.baseUrl, login);
    expectError(assert, await post(c, body), 403, 'forbidden');
  }
  expectError(assert, await post(cityCommitteeAdmin, body), 403, 'forbidden');
  assert.equal((await office.get(`/api/v1/campaigns/${campaign.id}/delegations`)).data.items.length, 0);

  const r = await post(office, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.to_committee_name, cityCommittee.name);
  assert.deepEqual([r.data.series_id, r.data.series_name, r.data.level_name], [pw.id, pw.name, '高级政工师']);
  assert.deepEqual(r.data.dossiers.map((x) => x.dossier_id), [a.d.id, b.d.id]);
  assert.equal(r.data.dossiers[0].current_title, '政工师');
  assert.match(r.data.contact_phone, /\*{4}/);
  const again = expectError(assert, await post(office, { ...body, dossier_ids: [a.d.id] }), 422, 'invalid_fields');
  assert.equal(again.details[0].code, 'already_delegated');

  // The receiving committee is told and can follow; others cannot.
  const msgs = (await cityCommitteeAdmin.get('/api/v1/messages')).data.items;
  assert.ok(msgs.some((m) => m.kind === 'delegation_received'));
  const seen = await cityCommitteeAdmin.get(`/api/v1/delegations/${r.data.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.data.dossiers.length, 2);
  const committee1 = await loggedIn(server.baseUrl, 'committee1');
  expectError(assert, await committee1.get(`/api/v1/delegations/${r.data.id}`), 403, 'forbidden');
  expectError(assert, await a.applicant.get(`/api/v1/delegations/${r.data.id}`), 403, 'forbidden');
  expectError(assert, await office.get('/api/v1/delegations/99999999'), 404, 'not_found');
  // Each side lists its own: the committee what it received, the office what it sent; no one else sees them.
  const received = await cityCommitteeAdmin.get('/api/v1/delegations');
  assert.equal(received.status, 200, received.text);
  assert.deepEqual(received.data.items.map((x) => x.id), [r.data.id]);
  assert.deepEqual(received.data.items[0].dossiers.map((x) => x.state), ['accepted', 'accepted']);
  assert.deepEqual((await office.get('/api/v1/delegations?direction=sent')).data.items.map((x) => x.id), [r.data.id]);
  assert.deepEqual((await committee1.get('/api/v1/delegations')).data.items, []);
  expectError(assert, await office.get('/api/v1/delegations'), 403, 'forbidden');
  expectError(assert, await cityCommitteeAdmin.get('/api/v1/delegations?direction=sent'), 403, 'forbidden');
  expectError(assert, await a.applicant.get('/api/v1/delegations'), 403, 'forbidden');
  expectError(assert, await office.get('/api/v1/delegations?direction=both'), 400, 'invalid_query');
  assert.equal((await office.get(`/api/v1/dossiers/${a.d.id}`)).data.committee_org_id, cityCommittee.id);

  // The letter: a real PDF.
  const pdf = await office.get(`/api/v1/delegations/${r.data.id}/letter.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await (await fetch(server.baseUrl + `/api/v1/delegations/${r.data.id}/letter.pdf`, { headers: { cookie: cityCommitteeAdmin.cookie } })).arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 5000);
  expectError(assert, await committee1.get(`/api/v1/delegations/${r.data.id}/letter.pdf`), 403, 'forbidden');
});
