// Catalog and campaigns: series and level names, requirement tables, checklists, campaigns with phases and
// audited extensions, the working-day calendar; who may change each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, expectError } from '../lib/server.mjs';

let server, office, orgs, pw;
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
});
after(async () => { await server.stop(); });

test('the demo series names its five levels', async () => {
  assert.deepEqual(pw.levels, { entry: '政工员', assistant: '助理政工师', intermediate: '政工师', deputy_senior: '高级政工师', senior: '思想政治工作研究员' });
  const applicant = await loggedIn(server.baseUrl, 'applicant1');
  assert.equal((await applicant.get(`/api/v1/series/${pw.id}`)).data.name, '政工', 'every signed-in user reads the catalog');
  const specialties = (await applicant.get(`/api/v1/series/${pw.id}/specialties`)).data.items;
  assert.ok(specialties.some((s) => s.code === 'enterprise'));
});

test('series creation validates and is refused to non-office roles', async () => {
  const province = orgs.find((o) => o.kind === 'province_office');
  const err = expectError(assert, await office.post('/api/v1/series', { code: 'Bad Code', name: '', owner_org_id: province.id }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code).sort(), ['code_format', 'name_length', 'no_levels']);
  const created = await office.post('/api/v1/series', { code: 'engineering', name: '工程', owner_org_id: province.id, levels: { assistant: '助理工程师', intermediate: '工程师', deputy_senior: '高级工程师', senior: '正高级工程师' } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.data.levels.entry, null);
  expectError(assert, await office.post('/api/v1/series', { code: 'engineering', name: '工程', owner_org_id: province.id, levels: { intermediate: '工程师' } }), 422, 'invalid_fields');
  for (const login of ['applicant1', 'unitreviewer1', 'dept1', 'expert1', 'secadmin', 'auditadmin']) {
    const c = await loggedIn(server.baseUrl, login);
    expectError(assert, await c.post('/api/v1/series', { code: 'x' + login, name: 'x', owner_org_id: province.id, levels: { intermediate: 'x' } }), 403, 'forbidden');
    expectError(assert, await c.patch(`/api/v1/series/${pw.id}`, { name: '改名' }), 403, 'forbidden');
  }
  // Names are limited in characters, as on the form: 50 Chinese characters fit (150 bytes), 51 do not.
  const longName = '职'.repeat(50);
  const long = await office.post('/api/v1/series', { code: 'long_name', name: longName, owner_org_id: province.id, levels: { intermediate: '工程师' } });
  assert.equal(long.status, 201, long.text);
  assert.equal(long.data.name, longName);
  const tooLong = expectError(assert, await office.post('/api/v1/series', { code: 'longer_name', name: longName + '称', owner_org_id: province.id, levels: { intermediate: '工程师' } }), 422, 'invalid_fields');
  assert.deepEqual(tooLong.details.map((d) => [d.code, d.field]), [['name_length', 'name']]);
  const renamed = await office.patch(`/api/v1/series/${created.data.id}`, { levels: { entry: '技术员' } });
  assert.equal(renamed.data.levels.entry, '技术员');
  assert.equal(renamed.data.levels.intermediate, '工程师', 'other levels unchanged');
});

test('requirement tables are data: replace a level, validated row by row', async () => {
  const rows = (await office.get(`/api/v1/series/${pw.id}/requirements?level=deputy_senior`)).data.items;
  assert.ok(rows.some((r) => r.route === 'exceptional'));
  const bad = expectError(assert, await office.request('PUT', `/api/v1/series/${pw.id}/requirements/deputy_senior`, { json: { rows: [
    { route: 'normal', education: 'bachelor', min_years_lower_title: 5 },
    { route: 'normal', education: 'bachelor', min_years_lower_title: 4 },
    { route: 'shortcut', education: 'kindergarten', min_years_lower_title: 99 },
  ] } }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((d) => d.code).sort(), ['duplicate_row', 'education', 'route', 'years_range']);
  const ok = await office.request('PUT', `/api/v1/series/${pw.id}/requirements/deputy_senior`, { json: { rows: [
    { route: 'normal', education: 'bachelor', min_years_lower_title: 5, min_years_work: 10 },
    { route: 'exceptional', education: 'college', min_years_lower_title: 3, note: '破格' },
  ] } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.items.length, 2);
  expectError(assert, await office.request('PUT', `/api/v1/series/${pw.id}/requirements/grandmaster`, { json: { rows: [] } }), 422, 'invalid_fields');
  const dept = await loggedIn(server.baseUrl, 'dept1');
  expectError(assert, await dept.request('PUT', `/api/v1/series/${pw.id}/requirements/deputy_senior`, { json: { rows: [] } }), 403, 'forbidden');
});

test('checklists: papers at most 5 and ordered; only jpeg and pdf; limits checked', async () => {
  const items = (await office.get(`/api/v1/series/${pw.id}/checklist?level=deputy_senior`)).data.items;
  const papers = items.find((i) => i.code === 'papers');
  assert.equal(papers.max_count, 5);
  assert.equal(papers.ordered, true);
  assert.equal(papers.max_bytes, 2 * 1024 * 1024);
  assert.deepEqual(items.find((i) => i.code === 'photo').allowed_types, ['jpeg']);
  const bad = expectError(assert, await office.post(`/api/v1/series/${pw.id}/checklist`, { level: 'deputy_senior', code: 'video', name: '视频', section: 'films', allowed_types: ['mp4'], max_bytes: 10, max_count: 0 }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((d) => d.code).sort(), ['allowed_types', 'max_bytes', 'max_count', 'section']);
  const added = await office.post(`/api/v1/series/${pw.id}/checklist`, { level: 'deputy_senior', code: 'patents', name: '专利证书', section: 'achievements', required: false, max_count: 3, max_bytes: 4 * 1024 * 1024 });
  assert.equal(added.status, 201, added.text);
  expectError(assert, await office.post(`/api/v1/series/${pw.id}/checklist`, { level: 'deputy_senior', code: 'patents', name: '专利证书', section: 'achievements' }), 409, 'code_taken');
  const patched = await office.patch(`/api/v1/checklist-items/${added.data.id}`, { max_count: 4 });
  assert.equal(patched.data.max_count, 4);
  const applicant = await loggedIn(server.baseUrl, 'applicant1');
  expectError(assert, await applicant.del(`/api/v1/checklist-items/${added.data.id}`), 403, 'forbidden');
  assert.equal((await office.del(`/api/v1/checklist-items/${added.data.id}`)).status, 204);
  expectError(assert, await office.patch(`/api/v1/checklist-items/${added.data.id}`, { max_count: 2 }), 404, 'not_found');
});

test('the demo campaign is open for applications now and visible to applicants', async () => {
  const applicant = await loggedIn(server.baseUrl, 'applicant1');
  const list = (await applicant.get('/api/v1/campaigns')).data.items;
  assert.equal(list.length, 1);
  const c = list[0];
  assert.equal(c.status, 'active');
  assert.equal(c.tenure_cutoff, `${c.year}-12-31`);
  assert.equal(c.integrity_years, 5);
  const app = c.phases.find((p) => p.phase === 'application');
  assert.ok(Date.parse(app.opens_at) < Date.now() && Date.now() < Date.parse(app.closes_at));
  assert.match(app.closes_at, /T00:00:00\+08:00$/, 'closes at 24:00 Beijing time');
});

test('campaign lifecycle: draft hidden from applicants, validated, published, extended with an audit trail', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const committee = orgs.find((o) => o.kind === 'committee');
  const bad = expectError(assert, await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: 1999, name: '', tenure_cutoff: '2027-02-30', series_ids: [pw.id, 9999],
    committees: [{ committee_org_id: orgs.find((o) => o.kind === 'unit').id, series_id: pw.id }],
    phases: [{ phase: 'application', opens_at: '2027-09-01T00:00:00+08:00', closes_at: '2027-08-01T00:00:00+08:00' }, { phase: 'party', opens_at: '2027-09-01T00:00:00+08:00', closes_at: '2027-10-01T00:00:00+08:00' }],
  }), 422, 'invalid_fields');
  assert.deepEqual(bad.details.map((d) => d.code).sort(), ['committee_unknown', 'date_format', 'name_length', 'phase_order', 'phase_unknown', 'series_unknown', 'year']);
  expectError(assert, await office.post('/api/v1/campaigns', { office_org_id: seriesOffice.id, year: 2027, name: 'x', phases: [{ phase: 'application', opens_at: '2027-09-01 00:00', closes_at: '2027-10-01T00:00:00+08:00' }] }), 400, 'invalid_instant');

  const created = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: 2027, name: '2027年度政工评审', achievement_cutoff: '2027-09-30', series_ids: [pw.id],
    committees: [{ committee_org_id: committee.id, series_id: pw.id, levels: 'deputy_senior' }],
    phases: [{ phase: 'application', opens_at: '2027-08-31T00:00:00+08:00', closes_at: '2027-10-01T00:00:00+08:00' }],
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.data.tenure_cutoff, '2027-12-31', 'defaults to 31 Dec');
  assert.equal(created.data.status, 'draft');
  const id = created.data.id;
  const applicant = await loggedIn(server.baseUrl, 'applicant1');
  assert.ok(!(await applicant.get('/api/v1/campaigns')).data.items.some((c) => c.id === id));
  expectError(assert, await applicant.get(`/api/v1/campaigns/${id}`), 404, 'not_found');
  expectError(assert, await applicant.post(`/api/v1/campaigns/${id}/activate`), 403, 'forbidden');
  const unitAdmin = await loggedIn(server.baseUrl, 'unitadmin1');
  expectError(assert, await unitAdmin.patch(`/api/v1/campaigns/${id}`, { name: '越权' }), 403, 'forbidden');

  assert.equal((await office.patch(`/api/v1/campaigns/${id}`, { publicity_working_days: 7 })).data.publicity_working_days, 7);
  assert.equal((await office.post(`/api/v1/campaigns/${id}/activate`)).data.status, 'active');
  expectError(assert, await office.patch(`/api/v1/campaigns/${id}`, { name: '改名' }), 409, 'wrong_state');
  assert.ok((await applicant.get('/api/v1/campaigns')).data.items.some((c) => c.id === id));

  expectError(assert, await office.post(`/api/v1/campaigns/${id}/phases/application/extend`, { closes_at: '2027-09-15T00:00:00+08:00', reason: '' }), 422, 'invalid_fields');
  expectError(assert, await office.post(`/api/v1/campaigns/${id}/phases/approval/extend`, { closes_at: '2027-12-15T00:00:00+08:00', reason: 'x' }), 404, 'not_found');
  const extended = await office.post(`/api/v1/campaigns/${id}/phases/application/extend`, { closes_at: '2027-10-08T00:00:00+08:00', reason: '国庆假期顺延' });
  assert.equal(extended.status, 200, extended.text);
  assert.equal(extended.data.phases.find((p) => p.phase === 'application').closes_at, '2027-10-08T00:00:00+08:00');
  const ext = (await office.get(`/api/v1/campaigns/${id}/extensions`)).data.items;
  assert.equal(ext.length, 1);
  assert.equal(ext[0].old_closes_at, '2027-10-01T00:00:00+08:00');
  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const rows = (await auditor.get('/api/v1/audit?action=campaign.extend')).data.items;
  assert.equal(rows.length, 1);
  assert.match(rows[0].summary, /国庆假期顺延/);
});

test('the calendar: shipped official days, working-day arithmetic, office edits audited', async () => {
  const y2023 = (await office.get('/api/v1/calendar/2023')).data;
  assert.equal(y2023.provisional, false);
  assert.equal(y2023.working_days, 249);
  const oct7 = y2023.days.find((d) => d.date === '2023-10-07');
  assert.equal(oct7.working, true);
  const span = (await office.get('/api/v1/calendar/working-days?start=2023-09-28&n=5')).data;
  assert.equal(span.end_date, '2023-10-10');
  assert.equal(span.ends_at, '2023-10-11T00:00:00+08:00');
  expectError(assert, await office.get('/api/v1/calendar/working-days?start=2023-9-28&n=5'), 400, 'invalid_query');
  const applicant = await loggedIn(server.baseUrl, 'applicant1');
  expectError(assert, await applicant.request('PUT', '/api/v1/calendar/days/2027-02-12', { json: { working: false } }), 403, 'forbidden');
  assert.equal((await office.request('PUT', '/api/v1/calendar/days/2027-02-12', { json: { working: false, note: '春节调休（待国务院通知）' } })).status, 200);
  // The note's limit is 200 characters, as on the form, not 200 bytes (66 Chinese characters).
  const note = '调'.repeat(200);
  assert.equal((await office.request('PUT', '/api/v1/calendar/days/2027-02-13', { json: { working: true, note } })).status, 200);
  const tooLong = expectError(assert, await office.request('PUT', '/api/v1/calendar/days/2027-02-14', { json: { working: true, note: note + '休' } }), 400, 'wrong_type');
  assert.deepEqual(tooLong.details.map((d) => [d.code, d.field]), [['too_long', 'note']]);
  assert.match(tooLong.message + tooLong.details[0].message, /不能超过 200 个字/);
  assert.match(tooLong.details[0].message_en, /at most 200 characters/);
  assert.equal((await office.del('/api/v1/calendar/days/2027-02-13')).status, 204);
  const y2027 = (await office.get('/api/v1/calendar/2027')).data;
  assert.equal(y2027.provisional, true);
  assert.ok(y2027.days.some((d) => d.date === '2027-02-12' && !d.working));
  expectError(assert, await office.request('PUT', '/api/v1/calendar/days/2027-02-30', { json: { working: false } }), 400, 'invalid_date');
  assert.equal((await office.del('/api/v1/calendar/days/2027-02-12')).status, 204);
});
