// Unit review (单位审核): the reviewer's queue, per-item marks, a return with every problem at once, the applicant
// fixing only what was returned, the diff for the reviewer, approval into unit publicity; refusals by state,
// role, unit and window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, expectError } from '../lib/server.mjs';
import { dossierKit, JPEG, PDF } from '../lib/dossiers.mjs';

let server, office, reviewer, kit, orgs, campaign, pw;
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  reviewer = await loggedIn(server.baseUrl, 'unitreviewer1');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  kit = dossierKit(server, { orgs, campaign, pw });
});
after(async () => { await server.stop(); });

const marks = (c, id, list) => c.request('PUT', `/api/v1/dossiers/${id}/review-marks`, { json: { marks: list } });

test('the whole unit review loop: return with two comments, fix only those, resubmit, diff, approve into publicity', async () => {
  const applicant = await kit.newApplicant();
  const d = await kit.submitted(applicant);

  const queue = (await reviewer.get('/api/v1/review/unit-queue?state=submitted')).data;
  assert.ok(queue.items.some((i) => i.dossier_id === d.id));
  assert.ok(queue.counts.submitted >= 1);
  assert.equal(typeof queue.items[0].days_waiting, 'number');

  expectError(assert, await marks(reviewer, d.id, [{ target_kind: 'section', target: 'work', status: 'problem', comment: '缺少证明' }]), 409, 'wrong_state');
  assert.equal((await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`)).data.state, 'unit_review');
  expectError(assert, await applicant.post(`/api/v1/dossiers/${d.id}/withdraw`), 409, 'wrong_state');  // too late to withdraw

  const bad = expectError(assert, await marks(reviewer, d.id, [{ target_kind: 'section', target: 'work', status: 'problem' }, { target_kind: 'shelf', target: 'x', status: 'maybe' }]), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((x) => x.code).sort(), ['comment_required', 'status', 'target_kind']);
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/return`), 422, 'invalid_fields');  // nothing marked yet
  const marked = await marks(reviewer, d.id, [
    { target_kind: 'section', target: 'work', status: 'problem', comment: '工作经历缺少2010年前的单位' },
    { target_kind: 'item', target: 'papers', status: 'problem', comment: '论文须上传期刊封面和目录页' },
    { target_kind: 'section', target: 'education', status: 'ok' },
  ]);
  assert.equal(marked.status, 200, marked.text);
  const returned = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/return`);
  assert.equal(returned.data.state, 'returned_to_applicant');

  const notice = (await applicant.get(`/api/v1/dossiers/${d.id}/review-marks`)).data.marks.filter((m) => m.status === 'problem');
  assert.deepEqual(notice.map((m) => m.target).sort(), ['papers', 'work']);
  assert.ok(notice.every((m) => m.comment));

  const view = (await applicant.get(`/api/v1/dossiers/${d.id}`)).data;
  assert.equal(view.review_round, 1);
  expectError(assert, await applicant.request('PUT', `/api/v1/dossiers/${d.id}/sections/education`, { json: { version: view.sections.education.version, data: view.sections.education.data } }), 409, 'not_returned');
  expectError(assert, await kit.upload(applicant, d.id, 'photo', JPEG, 'new.jpg'), 409, 'not_returned');
  const work = view.sections.work.data;
  work.entries.unshift({ from: '2004-07-01', to: '2006-06-30', unit: '示范县中学', post: '团委书记', professional: true });
  assert.equal((await applicant.request('PUT', `/api/v1/dossiers/${d.id}/sections/work`, { json: { version: view.sections.work.version, data: work } })).status, 200);
  assert.equal((await kit.upload(applicant, d.id, 'papers', PDF, 'cover.pdf')).status, 201);

  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/resubmit`), 403, 'forbidden');
  assert.equal((await applicant.post(`/api/v1/dossiers/${d.id}/resubmit`)).data.state, 'unit_review');
  const changes = (await reviewer.get(`/api/v1/dossiers/${d.id}/changes`)).data;
  assert.deepEqual(changes.sections_changed, ['work']);
  assert.equal(changes.attachments_changed, true);
  expectError(assert, await applicant.get(`/api/v1/dossiers/${d.id}/changes`), 403, 'forbidden');

  // The new round starts clean; an open problem blocks approval.
  assert.deepEqual((await reviewer.get(`/api/v1/dossiers/${d.id}/review-marks`)).data.marks, []);
  await marks(reviewer, d.id, [{ target_kind: 'item', target: 'papers', status: 'problem', comment: '仍缺目录页' }]);
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, {}), 409, 'open_problems');
  await marks(reviewer, d.id, [{ target_kind: 'item', target: 'papers', status: 'ok' }]);
  const approved = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, { opinion: '同意推荐' });
  assert.equal(approved.data.state, 'unit_publicity');
  const after = (await applicant.get(`/api/v1/dossiers/${d.id}`)).data;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const expected = (await office.get(`/api/v1/calendar/working-days?start=${today}&n=${campaign.publicity_working_days}`)).data.ends_at;
  assert.equal(after.publicity_ends_at, expected, 'publicity ends after the campaign\'s working days, by the official calendar');
  assert.deepEqual(after.history.map((h) => h.to), ['draft', 'submitted', 'unit_review', 'returned_to_applicant', 'unit_review', 'unit_publicity']);
  assert.equal(after.history[3].role, 'unit_reviewer');
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, {}), 409, 'wrong_state');
  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const rows = (await auditor.get('/api/v1/audit?action=dossier.unit_return')).data.items;
  assert.ok(rows.some((r) => r.object_id === String(d.id) && r.role === 'unit_reviewer'));
});

test('only the reviewer of the applicant\'s own unit may review', async () => {
  const applicant = await kit.newApplicant();
  const d = await kit.submitted(applicant);
  for (const login of ['office1', 'dept1', 'unitadmin1', 'applicant1', 'sysadmin', 'expert1']) {
    const c = await loggedIn(server.baseUrl, login);
    expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/unit-review/start`), 403, 'forbidden');
    expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/unit-review/return`), 403, 'forbidden');
    expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, {}), 403, 'forbidden');
    expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/review-marks`, { json: { marks: [] } }), 403, 'forbidden');
    expectError(assert, await c.get('/api/v1/review/unit-queue'), 403, 'forbidden');
  }
  expectError(assert, await applicant.post(`/api/v1/dossiers/${d.id}/unit-review/start`), 403, 'forbidden');
  // An applicant of another unit never shows in this reviewer's queue.
  const other = await kit.newApplicant('示范建设工程有限公司');
  const od = await kit.createDossier(other);
  const all = (await reviewer.get('/api/v1/review/unit-queue?page_size=200')).data.items;
  assert.ok(!all.some((i) => i.dossier_id === od.id));
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${od.id}/unit-review/start`), 403, 'forbidden');
  expectError(assert, await reviewer.get('/api/v1/review/unit-queue?state=nonsense'), 400, 'invalid_query');
});

test('unit review actions wait for the unit-review window', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  const later = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: campaign.year + 2, name: '单位审核尚未开始', series_ids: [pw.id],
    phases: [{ phase: 'application', opens_at: iso(now - 3600e3), closes_at: iso(now + 86400e3) },
             { phase: 'unit_review', opens_at: iso(now + 2 * 86400e3), closes_at: iso(now + 9 * 86400e3) }],
  });
  await office.post(`/api/v1/campaigns/${later.data.id}/activate`);
  const applicant = await kit.newApplicant();
  const d = await kit.createDossier(applicant, { campaignId: later.data.id });
  await kit.fill(applicant, d);
  assert.equal((await applicant.post(`/api/v1/dossiers/${d.id}/submit`)).status, 200);
  const err = expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`), 409, 'window_closed');
  assert.equal(err.details[0].code, 'window_not_open');
});

test('unit publicity: a public list without ID numbers or phones; named objections handled by the reviewer', async () => {
  const applicant = await kit.newApplicant();
  const me = (await applicant.get('/api/v1/me')).data.user;
  const d = await kit.submitted(applicant);
  const { Client } = await import('../lib/server.mjs');
  const anon = new Client(server.baseUrl);
  expectError(assert, await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { real_name: '王五', contact_phone: '13811112222', content: '该同志论文涉嫌抄袭，请核查。' }), 409, 'publicity_closed');
  await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`);
  await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, {});
  const hospital = orgs.find((o) => o.name === '示范市第一人民医院');
  const page = await anon.get(`/api/v1/public/publicity/units/${hospital.id}`);
  assert.equal(page.status, 200);
  const entry = page.data.items.find((i) => i.dossier_id === d.id);
  assert.equal(entry.name, me.real_name);
  assert.equal(entry.series, '政工');
  assert.ok(entry.ends_at);
  assert.doesNotMatch(page.text, /1101\d{14}|\d{17}[\dX]|1\d{10}/, 'no ID numbers or phones on the public page');

  expectError(assert, await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { content: '匿名举报内容足够长了吧' }), 400, 'missing_field');
  const bad = expectError(assert, await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { real_name: '王五', contact_phone: '110', content: '短' }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((x) => x.code).sort(), ['content_short', 'phone_format']);
  const made = await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { real_name: '王五', contact_phone: '13811112222', content: '该同志论文涉嫌抄袭，请核查。' });
  assert.equal(made.status, 201, made.text);
  assert.ok((await reviewer.get('/api/v1/messages?unread=1')).data.items.some((m) => m.kind === 'objection' && m.dossier_id === d.id));

  const list = (await reviewer.get(`/api/v1/dossiers/${d.id}/objections`)).data.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].contact_phone, '138****2222');
  assert.equal(list[0].outcome, null);
  expectError(assert, await applicant.get(`/api/v1/dossiers/${d.id}/objections`), 403, 'forbidden');
  expectError(assert, await office.post(`/api/v1/objections/${list[0].id}/handle`, { handling: 'x', outcome: 'dismissed' }), 403, 'forbidden');
  expectError(assert, await reviewer.post(`/api/v1/objections/${list[0].id}/handle`, { handling: '已核查', outcome: 'maybe' }), 422, 'invalid_fields');
  const handled = await reviewer.post(`/api/v1/objections/${list[0].id}/handle`, { handling: '经查重，论文为本人原创，举报不属实。', outcome: 'dismissed' });
  assert.equal(handled.data.outcome, 'dismissed');
  assert.ok(handled.data.handled_at);
  expectError(assert, await reviewer.post('/api/v1/objections/999999/handle', { handling: 'x', outcome: 'dismissed' }), 404, 'not_found');
  expectError(assert, await anon.get('/api/v1/public/publicity/units/999999'), 404, 'not_found');
});
