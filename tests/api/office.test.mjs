// The review chain after unit publicity: recommendation (with the interview for senior levels), the department's
// check, the office's one-time notice, reject and accept, fee records, the initial-review publicity with one
// supplement, spot checks reproducible from their seed, the list sent to the committee, corrections, voiding and the
// oversight report; every action refused in the wrong state, after its window and by those who must not act.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, loggedIn, expectError, Client, runSql } from '../lib/server.mjs';
import { dossierKit, chainKit, PDF } from '../lib/dossiers.mjs';

const HOSPITAL = '示范市第一人民医院';  // supervised by 示范市卫生健康委员会: recommendations go to the department
const POWER = '示范县供电有限公司';      // no supervising department: recommendations go to the office

let server, office, dept, sec, kit, chain, orgs, campaign, pw;
const reviewers = {};
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  dept = await loggedIn(server.baseUrl, 'dept1');
  sec = await loggedIn(server.baseUrl, 'secadmin');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  kit = dossierKit(server, { orgs, campaign, pw });
  reviewers[HOSPITAL] = await loggedIn(server.baseUrl, 'unitreviewer1');
  reviewers[POWER] = await loggedIn(server.baseUrl, 'unitreviewer2');
  chain = chainKit(server, kit, { reviewerFor: async (unit) => reviewers[unit] });
});
after(async () => { await server.stop(); });

const marks = (c, id, list) => c.request('PUT', `/api/v1/dossiers/${id}/review-marks`, { json: { marks: list } });
const state = async (id) => (await office.get(`/api/v1/dossiers/${id}`)).data.state;
const orgId = (name) => orgs.find((o) => o.name === name).id;

async function atOffice() {  // a dossier of the power company waiting in the office's review
  const applicant = await kit.newApplicant(POWER);
  const { d, state: s } = await chain.recommended(applicant, POWER);
  assert.equal(s, 'office_review');
  return { applicant, d };
}

test('recommendation waits for the publicity, handled objections and the interview; then the department forwards', async () => {
  const applicant = await kit.newApplicant(HOSPITAL);
  const { d, reviewer } = await chain.inPublicity(applicant, HOSPITAL);
  const recommend = (body) => reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/recommend`, body);
  const good = { opinion: '同意推荐', publicity_result: '公示无异议' };
  expectError(assert, await recommend(good), 409, 'publicity_running');

  const anon = new Client(server.baseUrl);
  assert.equal((await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { real_name: '李四', contact_phone: '13811112222', content: '该同志任职年限不足，请核查。' })).status, 201);
  chain.endPublicity(d.id);
  expectError(assert, await recommend(good), 409, 'objection_open');
  const objection = (await reviewer.get(`/api/v1/dossiers/${d.id}/objections`)).data.items[0];
  assert.equal((await reviewer.post(`/api/v1/objections/${objection.id}/handle`, { handling: '核对任职文件，年限符合。', outcome: 'dismissed' })).status, 200);

  // Senior levels need the unit's interview or defense first (seed 001 §四(一)4).
  expectError(assert, await recommend(good), 409, 'interview_missing');
  const interview = (c, body) => c.request('PUT', `/api/v1/dossiers/${d.id}/interview`, { json: body });
  const record = { kind: 'defense', held_on: '2026-06-01', panel: '考评小组5人', summary: '答辩情况良好', result: 'pass' };
  const bad = expectError(assert, await interview(reviewer, { ...record, kind: 'chat', held_on: '6/1' }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((x) => x.field).sort(), ['held_on', 'kind']);
  expectError(assert, await interview(reviewer, { ...record, result: 1 }), 400, 'wrong_type');
  for (const other of [office, dept, applicant]) expectError(assert, await interview(other, record), 403, 'forbidden');
  assert.equal((await interview(reviewer, { ...record, result: 'fail' })).status, 200);
  expectError(assert, await recommend(good), 409, 'interview_failed');
  assert.equal((await interview(reviewer, record)).status, 200);
  assert.equal((await applicant.get(`/api/v1/dossiers/${d.id}/interview`)).data.interview.kind, 'defense');

  expectError(assert, await recommend({ opinion: '', publicity_result: '' }), 400, 'missing_field');
  for (const other of [office, dept, applicant]) expectError(assert, await other.post(`/api/v1/dossiers/${d.id}/unit-review/recommend`, good), 403, 'forbidden');
  let r = await recommend(good);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'dept_review');
  assert.equal((await reviewer.get(`/api/v1/dossiers/${d.id}/review-record`)).data.unit_opinion, '同意推荐');

  // The department's queue; others are refused.
  const q = (await dept.get('/api/v1/review/dept-queue')).data;
  assert.ok(q.items.some((i) => i.dossier_id === d.id));
  assert.ok(q.counts.dept_review >= 1);
  for (const other of [reviewer, applicant]) expectError(assert, await other.get('/api/v1/review/dept-queue'), 403, 'forbidden');
  expectError(assert, await reviewer.post('/api/v1/review/dept-forward', { ids: [d.id] }), 403, 'forbidden');

  // Returned to the unit with the reason, which the applicant's timeline shows; then through again and forwarded.
  expectError(assert, await dept.post(`/api/v1/dossiers/${d.id}/dept-review/return`, { reason: '' }), 400, 'missing_field');
  r = await dept.post(`/api/v1/dossiers/${d.id}/dept-review/return`, { reason: '推荐意见过于简单，请补充。' });
  assert.equal(r.data.state, 'unit_review');
  const timeline = (await applicant.get(`/api/v1/dossiers/${d.id}/timeline`)).data;
  assert.equal(timeline.state, 'unit_review');
  assert.equal(timeline.holder.role, 'unit_reviewer');
  assert.equal(timeline.holder.org_name, HOSPITAL);
  assert.ok(timeline.returns.some((x) => x.by_role === 'dept_reviewer' && x.note.includes('推荐意见') && x.org_name === '示范市卫生健康委员会'));
  assert.ok(!JSON.stringify(timeline).includes('王芳') && !JSON.stringify(timeline).includes('赵强'), 'no person names on the timeline');

  assert.equal((await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, {})).status, 200);
  chain.endPublicity(d.id);
  assert.equal((await recommend({ opinion: '该同志政治素质好，业绩突出，同意推荐。', publicity_result: '公示无异议' })).data.state, 'dept_review');
  expectError(assert, await dept.post('/api/v1/review/dept-forward', { ids: 'all' }), 400, 'wrong_type');
  r = await dept.post('/api/v1/review/dept-forward', { ids: [d.id, 99999999] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.data.results.map((x) => x.ok), [true, false]);
  assert.equal(r.data.results[1].error.code, 'not_found');
  assert.equal(await state(d.id), 'office_review');
  r = await dept.post('/api/v1/review/dept-forward', { ids: [d.id] });
  assert.equal(r.data.results[0].error.code, 'wrong_state');
});

test('an upheld objection blocks the recommendation; the unit declines with a reason (final)', async () => {
  const applicant = await kit.newApplicant(HOSPITAL);
  const { d, reviewer } = await chain.inPublicity(applicant, HOSPITAL);
  const anon = new Client(server.baseUrl);
  await anon.post(`/api/v1/public/publicity/${d.id}/objections`, { real_name: '王五', contact_phone: '13811113333', content: '论文系他人代写，有证据。' });
  const objection = (await reviewer.get(`/api/v1/dossiers/${d.id}/objections`)).data.items[0];
  await reviewer.post(`/api/v1/objections/${objection.id}/handle`, { handling: '经核实，论文确系代写。', outcome: 'upheld' });
  chain.endPublicity(d.id);
  await reviewer.request('PUT', `/api/v1/dossiers/${d.id}/interview`, { json: { kind: 'defense', held_on: '2026-06-01', panel: '5人', summary: '一般', result: 'pass' } });
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/recommend`, { opinion: '同意', publicity_result: '有异议' }), 409, 'objection_upheld');
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/decline`, {}), 400, 'missing_field');
  const r = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/decline`, { reason: '公示异议属实，不予推荐。' });
  assert.equal(r.data.state, 'not_recommended');
  expectError(assert, await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/recommend`, { opinion: '同意', publicity_result: '—' }), 409, 'wrong_state');
  const t = (await applicant.get(`/api/v1/dossiers/${d.id}/timeline`)).data;
  assert.equal(t.holder.role, '');
  assert.equal(t.next_en, 'Finished');
});

test('the office\'s one-time notice lists every problem; a second return needs a justification and is flagged', async () => {
  const { applicant, d } = await atOffice();
  const oq = (await office.get(`/api/v1/review/office-queue?campaign_id=${campaign.id}&state=office_review`)).data;
  const row = oq.items.find((i) => i.dossier_id === d.id);
  assert.ok(row && row.flags.includes('unpaid'), 'the unit has paid nothing yet');
  for (const c of [reviewers[POWER], dept, applicant]) expectError(assert, await c.get('/api/v1/review/office-queue'), 403, 'forbidden');
  expectError(assert, await office.get('/api/v1/review/office-queue?state=draft'), 400, 'invalid_query');

  // The unit reviewer no longer marks; the office does.
  expectError(assert, await marks(reviewers[POWER], d.id, []), 403, 'forbidden');
  let r = await marks(office, d.id, [
    { target_kind: 'section', target: 'education', status: 'problem', comment: '学历证书与学信网编号不一致。' },
    { target_kind: 'item', target: 'papers', status: 'problem', comment: '论文检索证明缺页。' },
    { target_kind: 'section', target: 'work', status: 'ok' },
  ]);
  assert.equal(r.status, 200, r.text);
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`), 409, 'open_problems');
  for (const c of [reviewers[POWER], dept, applicant]) expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/office-review/return`), 403, 'forbidden');
  r = await office.post(`/api/v1/dossiers/${d.id}/office-review/return`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'returned_once');

  // The applicant sees the whole notice and may fix only what it names.
  const notice = (await applicant.get(`/api/v1/dossiers/${d.id}/review-marks`)).data.marks.filter((m) => m.status === 'problem');
  assert.deepEqual(notice.map((m) => m.target).sort(), ['education', 'papers']);
  const t = (await applicant.get(`/api/v1/dossiers/${d.id}/timeline`)).data;
  assert.equal(t.holder.role, 'applicant');
  assert.equal(t.returns.at(-1).by_role, 'office');
  assert.equal(t.returns.at(-1).problems.length, 2);
  const view = (await applicant.get(`/api/v1/dossiers/${d.id}`)).data;
  const edu = kit.sections(d.year, { chsi: 'Z9Y8X7W6V5U4' }).education;
  expectError(assert, await applicant.request('PUT', `/api/v1/dossiers/${d.id}/sections/work`, { json: { version: view.sections.work.version, data: kit.sections(d.year).work } }), 409, 'not_returned');
  r = await applicant.request('PUT', `/api/v1/dossiers/${d.id}/sections/education`, { json: { version: view.sections.education.version, data: edu } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await kit.upload(applicant, d.id, 'papers', PDF, 'papers-full.pdf')).status, 201);
  r = await applicant.post(`/api/v1/dossiers/${d.id}/resubmit`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'office_review');
  const changes = (await office.get(`/api/v1/dossiers/${d.id}/changes`)).data;
  assert.deepEqual(changes.sections_changed, ['education']);
  assert.equal(changes.attachments_changed, true);
  assert.deepEqual(changes.items_changed, ['papers']);
  const first = (await office.get(`/api/v1/dossiers/${d.id}/review-marks?round=1`)).data.marks;
  assert.deepEqual(first.filter((m) => m.status === 'problem').map((m) => m.target).sort(), ['education', 'papers']);
  expectError(assert, await applicant.get(`/api/v1/dossiers/${d.id}/review-marks?round=5`), 400, 'invalid_query');
  const full = (await office.get(`/api/v1/dossiers/${d.id}`)).data;
  assert.ok(full.applicant_name.startsWith('申报人'));
  assert.equal(full.unit_name, POWER);
  assert.equal(full.level_name, row.level_name);
  assert.ok(row.level_name && row.level_name !== 'deputy_senior', 'the series names its level');

  // A second return is the exception: written down and flagged.
  await marks(office, d.id, [{ target_kind: 'section', target: 'achievements', status: 'problem', comment: '论文刊期与封面不符。' }]);
  const refused = expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/return`, { justification: '' }), 422, 'justification_required');
  assert.equal(refused.details[0].field, 'justification');
  r = await office.post(`/api/v1/dossiers/${d.id}/office-review/return`, { justification: '补正后的论文刊期与封面不一致，属新发现问题。' });
  assert.equal(r.data.state, 'returned_once');
  const flagged = (await office.get(`/api/v1/review/office-queue?campaign_id=${campaign.id}&flag=second_return`)).data;
  assert.ok(flagged.items.some((i) => i.dossier_id === d.id && i.flags.includes('second_return')));
  const report = (await office.get(`/api/v1/review/oversight?campaign_id=${campaign.id}`)).data.items;
  assert.ok(report.some((x) => x.dossier_id === d.id && x.kind === 'second_return' && x.detail.includes('刊期')));
  expectError(assert, await dept.get(`/api/v1/review/oversight?campaign_id=${campaign.id}`), 403, 'forbidden');

  const v2 = (await applicant.get(`/api/v1/dossiers/${d.id}`)).data;
  await applicant.request('PUT', `/api/v1/dossiers/${d.id}/sections/achievements`, { json: { version: v2.sections.achievements.version, data: kit.sections(d.year, { paper: '国有企业党建与生产经营深度融合研究' }).achievements } });
  assert.equal((await applicant.post(`/api/v1/dossiers/${d.id}/resubmit`)).status, 200);
  r = await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'accepted');
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`), 409, 'wrong_state');
  assert.equal((await applicant.get(`/api/v1/dossiers/${d.id}/review-record`)).data.initial_result, 'passed');
});

test('fee records per unit clear the unpaid flag; bad input changes nothing', async () => {
  const { d } = await atOffice();
  const power = orgId(POWER);
  const fee = { unit_id: power, amount_cents: 60000, reference: 'ZZ20260915001', paid_on: '2026-09-15', note: '政工系列评审费' };
  const bad = expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/fees`, { ...fee, amount_cents: 0, paid_on: '15/9' }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((x) => x.field).sort(), ['amount_cents', 'paid_on']);
  expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/fees`, { ...fee, reference: '' }), 400, 'missing_field');
  expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/fees`, { ...fee, amount_cents: '600' }), 400, 'wrong_type');
  expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/fees`, { ...fee, unit_id: 99999999 }), 404, 'not_found');
  expectError(assert, await office.post('/api/v1/campaigns/99999999/fees', fee), 404, 'not_found');
  for (const c of [reviewers[POWER], dept]) expectError(assert, await c.post(`/api/v1/campaigns/${campaign.id}/fees`, fee), 403, 'forbidden');
  assert.equal((await office.get(`/api/v1/campaigns/${campaign.id}/fees`)).data.items.length, 0);
  const r = await office.post(`/api/v1/campaigns/${campaign.id}/fees`, fee);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.unit_name, POWER);
  const q = (await office.get(`/api/v1/review/office-queue?campaign_id=${campaign.id}&unit_id=${power}`)).data;
  assert.ok(q.items.length >= 1 && q.items.every((i) => !i.flags.includes('unpaid')));
  const unpaid = (await office.get(`/api/v1/review/office-queue?flag=unpaid`)).data;
  assert.ok(!unpaid.items.some((i) => i.dossier_id === d.id));
  const byName = (await office.get(`/api/v1/review/office-queue?q=${encodeURIComponent('供电')}`)).data;
  assert.ok(byName.items.some((i) => i.dossier_id === d.id));
  const me = (await office.get(`/api/v1/dossiers/${d.id}`)).data.applicant_name;
  const byPerson = (await office.get(`/api/v1/review/office-queue?q=${encodeURIComponent(me)}&counts=0`)).data;
  assert.ok(byPerson.items.some((i) => i.dossier_id === d.id));
  assert.ok(byPerson.items.every((i) => i.applicant_name.includes(me) || i.unit_name.includes(me)));
  assert.equal(byPerson.total, byPerson.items.length);
  assert.deepEqual(byPerson.counts, {}, 'counts=0 leaves the counts out');
  const oneChar = (await office.get(`/api/v1/review/office-queue?q=${encodeURIComponent('电')}&counts=0`)).data;
  assert.ok(oneChar.items.some((i) => i.dossier_id === d.id), 'one character finds the unit 示范县供电有限公司');
  const none = (await office.get(`/api/v1/review/office-queue?q=${encodeURIComponent('没有这个人')}`)).data;
  assert.equal(none.total, 0);
  // By series, and by several states at once (their total is the sum of their counts).
  const series = (await office.get('/api/v1/series')).data.items;
  const mine = (await office.get(`/api/v1/dossiers/${d.id}`)).data.series_id;
  const other = series.find((x) => x.id !== mine);
  assert.ok((await office.get(`/api/v1/review/office-queue?series_id=${mine}&page_size=200`)).data.items.some((i) => i.dossier_id === d.id));
  assert.ok(!(await office.get(`/api/v1/review/office-queue?series_id=${other.id}&page_size=200`)).data.items.some((i) => i.dossier_id === d.id));
  const two = (await office.get(`/api/v1/review/office-queue?campaign_id=${campaign.id}&state=office_review,accepted&page_size=200`)).data;
  assert.ok(two.items.some((i) => i.dossier_id === d.id));
  assert.ok(two.items.every((i) => ['office_review', 'accepted'].includes(i.state)));
  assert.equal(two.total, (two.counts.office_review ?? 0) + (two.counts.accepted ?? 0));
  const err = expectError(assert, await office.get('/api/v1/review/office-queue?state=office_review,draft'), 400, 'invalid_query');
  assert.match(err.details[0].message_en, /draft/);
});

test('reject (不予受理) is final and needs a reason', async () => {
  const { applicant, d } = await atOffice();
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/reject`, { reason: '' }), 400, 'missing_field');
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/reject`, 'x'), 400);
  const r = await office.post(`/api/v1/dossiers/${d.id}/office-review/reject`, { reason: '不符合申报条件：任职年限不足。' });
  assert.equal(r.data.state, 'rejected');
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`), 409, 'wrong_state');
  expectError(assert, await applicant.post(`/api/v1/dossiers/${d.id}/resubmit`), 409, 'wrong_state');
  const messages = (await applicant.get('/api/v1/messages')).data.items;
  assert.ok(messages.some((m) => m.kind === 'office_rejected' && m.dossier_id === d.id));
});

test('initial-review publicity, one supplement, a reproducible spot check, the committee list, then corrections only', async () => {
  const a = await atOffice(), b = await atOffice(), c = await atOffice();
  assert.equal((await office.post(`/api/v1/dossiers/${a.d.id}/office-review/accept`)).status, 200);
  assert.equal((await office.post(`/api/v1/dossiers/${c.d.id}/office-review/accept`)).status, 200);
  expectError(assert, await office.post(`/api/v1/dossiers/${b.d.id}/office-review/fail`, {}), 400, 'missing_field');
  assert.equal((await office.post(`/api/v1/dossiers/${b.d.id}/office-review/fail`, { reason: '业绩成果不足。' })).status, 200);
  for (const x of [reviewers[POWER], dept, a.applicant]) expectError(assert, await x.post(`/api/v1/campaigns/${campaign.id}/initial-publicity`), 403, 'forbidden');
  let r = await office.post(`/api/v1/campaigns/${campaign.id}/initial-publicity`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.data.count >= 3);
  expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/initial-publicity`), 409, 'nothing_to_publish');

  // The public page: names, units, results; never ID numbers or phones.
  const anon = new Client(server.baseUrl);
  const page = await anon.get(`/api/v1/public/campaigns/${campaign.id}/initial-publicity`);
  assert.equal(page.status, 200);
  const entry = page.data.items.find((i) => i.dossier_id === b.d.id);
  assert.equal(entry.result, 'not_passed');
  assert.equal(entry.unit_name, POWER);
  const me = (await b.applicant.get('/api/v1/me')).data.user;
  assert.ok(!page.text.includes(me.resident_id_masked ?? 'no-such') && !/\d{17}[\dX]/.test(page.text) && !page.text.includes('13900000000'));

  // Only the one who did not pass may add a supplement, once, during the publicity.
  expectError(assert, await kit.upload(a.applicant, a.d.id, 'papers', PDF, 'extra.pdf'), 409);
  expectError(assert, await a.applicant.post(`/api/v1/dossiers/${a.d.id}/supplement`, { note: '补充' }), 409, 'wrong_state');
  assert.equal((await kit.upload(b.applicant, b.d.id, 'papers', PDF, 'supplement.pdf')).status, 201);
  expectError(assert, await b.applicant.post(`/api/v1/dossiers/${b.d.id}/supplement`, { note: '' }), 400, 'missing_field');
  expectError(assert, await office.post(`/api/v1/dossiers/${b.d.id}/supplement`, { note: '补充' }), 403, 'forbidden');
  assert.equal((await b.applicant.post(`/api/v1/dossiers/${b.d.id}/supplement`, { note: '补充省级课题结题证书一份。' })).status, 204);
  expectError(assert, await b.applicant.post(`/api/v1/dossiers/${b.d.id}/supplement`, { note: '再补一份' }), 409, 'supplement_used');
  expectError(assert, await kit.upload(b.applicant, b.d.id, 'papers', PDF, 'late.pdf'), 409);

  // Nothing is decided while the publicity runs.
  expectError(assert, await office.post(`/api/v1/dossiers/${b.d.id}/office-review/decide`, { result: 'passed' }), 409, 'publicity_running');
  let refused = expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/committee-list`), 409, 'list_not_ready');
  assert.ok(refused.details.some((x) => x.code === 'publicity_running'));
  for (const x of [a, b, c]) chain.endPublicity(x.d.id);
  for (const id of runSql(server, `SELECT id FROM dossiers WHERE state = 'office_publicity'`).trim().split(/\s+/).filter(Boolean)) chain.endPublicity(id);
  expectError(assert, await anon.post(`/api/v1/public/publicity/${b.d.id}/objections`, { real_name: '赵六', contact_phone: '13811114444', content: '公示已过仍提交异议测试。' }), 409, 'publicity_closed');

  // Spot check: anyone with the seed and the candidates gets the same draw.
  const draw = (body) => office.post(`/api/v1/campaigns/${campaign.id}/spot-checks`, body);
  expectError(assert, await draw({ kind: 'applicants', share: 0, seed: 's' }), 422, 'invalid_fields');
  expectError(assert, await draw({ kind: 'applicants', share: 1.5 }), 422, 'invalid_fields');
  expectError(assert, await draw({ kind: 'applicants', share: 'half' }), 400, 'wrong_type');
  expectError(assert, await draw({ kind: 'people', share: 0.5 }), 422, 'invalid_fields');
  expectError(assert, await dept.post(`/api/v1/campaigns/${campaign.id}/spot-checks`, { kind: 'applicants', share: 0.5 }), 403, 'forbidden');
  r = await draw({ kind: 'applicants', share: 0.5, seed: 'seed-2026-10-28' });
  assert.equal(r.status, 201, r.text);
  const spot = r.data;
  assert.ok(spot.candidates.includes(a.d.id) && spot.candidates.includes(c.d.id) && !spot.candidates.includes(b.d.id), 'only those who passed');
  const expected = [...spot.candidates].sort((x, y) => {
    const hx = createHash('sha256').update(`${spot.seed}:${x}`).digest('hex'), hy = createHash('sha256').update(`${spot.seed}:${y}`).digest('hex');
    return hx < hy ? -1 : hx > hy ? 1 : 0;
  }).slice(0, Math.ceil(spot.candidates.length * 0.5));
  assert.deepEqual(spot.drawn, expected);
  assert.deepEqual((await draw({ kind: 'applicants', share: 0.5, seed: 'seed-2026-10-28' })).data.drawn, spot.drawn, 'same seed, same draw');
  const random = (await draw({ kind: 'units', share: 1 })).data;
  assert.ok(random.seed.length >= 16, 'a random seed is recorded when none is given');
  assert.ok(random.items.length >= 2);

  refused = expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/committee-list`), 409, 'list_not_ready');
  assert.ok(refused.details.some((x) => x.code === 'spot_check_pending'));
  assert.ok(refused.details.some((x) => x.code === 'decision_missing' && x.field === String(b.d.id)));
  const all = (await office.get(`/api/v1/campaigns/${campaign.id}/spot-checks`)).data.items.flatMap((s) => s.items);
  expectError(assert, await office.post(`/api/v1/spot-check-items/${all[0].id}/outcome`, { outcome: 'discrepancy' }), 422, 'invalid_fields');
  expectError(assert, await dept.post(`/api/v1/spot-check-items/${all[0].id}/outcome`, { outcome: 'confirmed' }), 403, 'forbidden');
  expectError(assert, await office.post('/api/v1/spot-check-items/99999999/outcome', { outcome: 'confirmed' }), 404, 'not_found');
  for (const item of all) assert.equal((await office.post(`/api/v1/spot-check-items/${item.id}/outcome`, { outcome: 'confirmed', note: '原件相符' })).status, 200);
  expectError(assert, await office.post(`/api/v1/spot-check-items/${all[0].id}/outcome`, { outcome: 'confirmed' }), 409, 'already_decided');

  expectError(assert, await office.post(`/api/v1/dossiers/${b.d.id}/office-review/decide`, { result: 'maybe' }), 422, 'invalid_fields');
  r = await office.post(`/api/v1/dossiers/${b.d.id}/office-review/decide`, { result: 'not_passed', reason: '补充材料仍不足以达到条件。' });
  assert.equal(r.status, 200, r.text);
  r = await office.post(`/api/v1/campaigns/${campaign.id}/committee-list`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.data.sent >= 2 && r.data.not_sent >= 1);
  assert.equal(await state(a.d.id), 'sent_to_committee');
  assert.equal(await state(b.d.id), 'not_sent');

  const list = await anon.get(`/api/v1/public/campaigns/${campaign.id}/committee-list`);
  assert.equal(list.status, 200);
  const names = list.data.items.map((i) => i.dossier_id);
  assert.ok(names.includes(a.d.id) && names.includes(c.d.id) && !names.includes(b.d.id));
  assert.ok(!/\d{17}[\dX]/.test(list.text) && !list.text.includes('13900000000'));
  expectError(assert, await anon.get('/api/v1/public/campaigns/99999999/committee-list'), 404, 'not_found');

  // Read-only from now on, except by a recorded correction.
  const view = (await a.applicant.get(`/api/v1/dossiers/${a.d.id}`)).data;
  expectError(assert, await a.applicant.request('PUT', `/api/v1/dossiers/${a.d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: kit.sections(a.d.year).basic } }), 409);
  const fixed = { ...kit.sections(a.d.year).basic, current_post: '党委办公室主任（更正）' };
  const correct = (x, body) => x.post(`/api/v1/dossiers/${a.d.id}/corrections`, body);
  expectError(assert, await correct(office, { section: 'basic', data: fixed, reason: '' }), 400, 'missing_field');
  expectError(assert, await correct(office, { section: 'basic', data: 'text', reason: '笔误' }), 400, 'wrong_type');
  expectError(assert, await correct(office, { section: 'nope', data: fixed, reason: '笔误' }), 404, 'not_found');
  for (const x of [reviewers[POWER], dept, a.applicant]) expectError(assert, await correct(x, { section: 'basic', data: fixed, reason: '笔误' }), 403, 'forbidden');
  expectError(assert, await office.post(`/api/v1/dossiers/${b.d.id}/corrections`, { section: 'basic', data: fixed, reason: '笔误' }), 409, 'wrong_state');
  assert.equal((await correct(office, { section: 'basic', data: fixed, reason: '单位来函更正职务名称笔误。' })).status, 204);
  assert.equal((await a.applicant.get(`/api/v1/dossiers/${a.d.id}`)).data.sections.basic.data.current_post, '党委办公室主任（更正）');
  const t = (await a.applicant.get(`/api/v1/dossiers/${a.d.id}/timeline`)).data;
  assert.equal(t.holder.role, 'committee');
  assert.ok(t.steps.some((s) => s.reason.includes('correction of basic')));
  // The applicant and the office read what changed, before and after, with the reason.
  for (const reader of [a.applicant, office]) {
    const [c] = (await reader.get(`/api/v1/dossiers/${a.d.id}/review-record`)).data.corrections;
    assert.equal(c.section, 'basic');
    assert.equal(c.before.current_post, kit.sections(a.d.year).basic.current_post);
    assert.equal(c.after.current_post, '党委办公室主任（更正）');
    assert.equal(c.reason, '单位来函更正职务名称笔误。');
  }
  assert.deepEqual((await office.get(`/api/v1/dossiers/${b.d.id}/review-record`)).data.corrections, []);
});

test('fraud voids the dossier, records the person and notes the approving reviewer; a later application is blocked', async () => {
  const applicant = await kit.newApplicant(HOSPITAL);
  const { d, reviewer } = await chain.recommended(applicant, HOSPITAL);
  assert.equal((await dept.post('/api/v1/review/dept-forward', { ids: [d.id] })).data.results[0].ok, true);
  const body = { kind: 'fraud', reason: '学历证书系伪造。', evidence: '学信网查询无此证书编号。' };
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/void`, { ...body, evidence: '' }), 422, 'invalid_fields');
  for (const x of [reviewer, dept, applicant]) expectError(assert, await x.post(`/api/v1/dossiers/${d.id}/void`, body), 403, 'forbidden');
  expectError(assert, await office.post('/api/v1/dossiers/99999999/void', body), 404, 'not_found');
  const r = await office.post(`/api/v1/dossiers/${d.id}/void`, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'void');
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/void`, body), 409, 'wrong_state');
  const report = (await office.get(`/api/v1/review/oversight?campaign_id=${campaign.id}`)).data.items;
  const row = report.find((x) => x.dossier_id === d.id);
  assert.equal(row.kind, 'void');
  assert.equal(row.reviewer_name, '王芳');

  // The integrity record blocks a new application (the slot of the void one is free, the person is not), and
  // reviewers see it.
  const again = await kit.createDossier(applicant);
  const check = (await applicant.get(`/api/v1/dossiers/${again.id}/check`)).data;
  assert.ok(check.violations.some((v) => v.code === 'integrity_record'));
  assert.deepEqual((await office.get(`/api/v1/dossiers/${again.id}/review-record`)).data.integrity_records, ['学历证书系伪造。']);
  const records = (await office.get('/api/v1/integrity-records')).data;
  const myId = (await applicant.get('/api/v1/me')).data.user.id;
  assert.ok(records.items.some((x) => x.subject === 'person' && x.user_id === myId && x.reason === '学历证书系伪造。'));
  for (const x of [reviewer, dept, applicant]) expectError(assert, await x.get('/api/v1/integrity-records'), 403, 'forbidden');
});

test('two applications of one level in one year found afterwards: every dossier of that person that year is void', async () => {
  const applicant = await kit.newApplicant(HOSPITAL);
  const me = (await applicant.get('/api/v1/me')).data.user;
  const d = await kit.submitted(applicant);
  // The reviewer finds the person's account on the dossier.
  assert.equal((await office.get(`/api/v1/dossiers/${d.id}`)).data.user_id, me.id);
  const voidYear = (x, body) => x.post(`/api/v1/users/${me.id}/void-year`, body);
  const body = { year: d.year, reason: '同年在外省申报同一级别。', evidence: '外省职改办来函（2026）12号' };
  expectError(assert, await voidYear(office, { ...body, evidence: '' }), 400, 'missing_field');
  expectError(assert, await voidYear(office, { ...body, year: 1800 }), 422, 'invalid_fields');
  expectError(assert, await voidYear(office, { ...body, year: '2026' }), 400, 'wrong_type');
  for (const x of [reviewers[HOSPITAL], dept, applicant]) expectError(assert, await voidYear(x, body), 403, 'forbidden');
  expectError(assert, await voidYear(office, { ...body, year: d.year - 1 }), 409, 'nothing_to_void');
  const r = await voidYear(office, body);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.data.voided, [d.id]);
  assert.equal(await state(d.id), 'void');
  expectError(assert, await voidYear(office, body), 409, 'nothing_to_void');
});

test('office actions wait for the office-review window', async () => {
  const { d } = await atOffice();
  const closes = runSql(server, `SELECT closes_at FROM campaign_phases WHERE campaign_id = ${campaign.id} AND phase = 'office_review'`).trim();
  runSql(server, `UPDATE campaign_phases SET closes_at = ${Date.now() - 1000} WHERE campaign_id = ${campaign.id} AND phase = 'office_review'`);
  try {
    expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`), 409, 'window_closed');
    expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/office-review/reject`, { reason: '过期' }), 409, 'window_closed');
    expectError(assert, await marks(office, d.id, []), 409, 'window_closed');
    expectError(assert, await office.post(`/api/v1/campaigns/${campaign.id}/committee-list`), 409, 'window_closed');
    assert.equal(await state(d.id), 'office_review');
  } finally {
    runSql(server, `UPDATE campaign_phases SET closes_at = ${closes} WHERE campaign_id = ${campaign.id} AND phase = 'office_review'`);
  }
});

// Last: the unit's record blocks every later application of its people in this file.
test('an integrity record for a unit blocks its applicants; a record names a person or a unit, not both', async () => {
  const power = orgId(POWER);
  const body = { unit_id: power, reason: '单位违反诚信承诺推荐。', evidence: '抽查复核结论', starts_on: '2026-01-01', years: 3 };
  expectError(assert, await office.post('/api/v1/integrity-records', { ...body, user_id: 1 }), 400, 'missing_field');
  expectError(assert, await office.post('/api/v1/integrity-records', { reason: 'x', starts_on: '2026-01-01' }), 400, 'missing_field');
  expectError(assert, await office.post('/api/v1/integrity-records', { ...body, unit_id: 99999999 }), 404, 'not_found');
  expectError(assert, await reviewers[POWER].post('/api/v1/integrity-records', body), 403, 'forbidden');
  const r = await office.post('/api/v1/integrity-records', body);
  assert.equal(r.status, 201, r.text);
  const listed = (await office.get('/api/v1/integrity-records')).data.items.find((x) => x.id === r.data.id);
  assert.equal(listed.subject, 'unit');
  assert.equal(listed.subject_name, POWER);
  const applicant = await kit.newApplicant(POWER);
  const d = await kit.createDossier(applicant);
  const check = (await applicant.get(`/api/v1/dossiers/${d.id}/check`)).data;
  assert.ok(check.violations.some((v) => v.code === 'integrity_record'));
});
