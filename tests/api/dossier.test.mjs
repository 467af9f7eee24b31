// The applicant's dossier against the real server: sections with versions, uploads decided by content,
// every rule at once, submit and withdraw, deadlines, one level per year under concurrency, signals, authorization.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startServer, loggedIn, expectError, runSql } from '../lib/server.mjs';
import { randomBytes } from 'node:crypto';
import { dossierKit, JPEG, PDF } from '../lib/dossiers.mjs';

let server, office, campaign, pw, orgs;
before(async () => {
  server = await startServer();
  office = await loggedIn(server.baseUrl, 'office1');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  ({ upload, newApplicant, createDossier, fill } = dossierKit(server, { orgs, campaign, pw }));
});
after(async () => { await server.stop(); });

let upload, newApplicant, createDossier, fill;
// The sample PDF with a comment of its own after the end: another file, still a valid PDF.
const uniquePdf = () => Buffer.concat([PDF, Buffer.from(`\n% ${randomBytes(8).toString('hex')}\n`)]);

test('journey: start, see what is missing, fill, upload, check clean, submit, withdraw', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  assert.equal(d.state, 'draft');
  const before = (await c.get(`/api/v1/dossiers/${d.id}/check`)).data;
  assert.equal(before.ok, false);
  const codes = new Set(before.violations.map((v) => v.code));
  for (const code of ['checklist_missing', 'continuing_education', 'education']) assert.ok(codes.has(code), code);
  for (const v of before.violations) assert.ok(v.rule && v.rule_en && v.action && v.action_en, 'each violation says the rule and what to do');
  const missing = before.violations.filter((v) => v.code === 'checklist_missing').map((v) => v.facts.item).sort();
  assert.deepEqual(missing, ['continuing_education', 'current_title', 'education', 'id_card', 'papers', 'photo', 'work_proof']);
  assert.ok(before.checklist.every((i) => i.count === 0));

  const refused = expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 422, 'rule_violations');
  assert.equal(refused.details.length, before.violations.length, 'submit lists every violation too');

  await fill(c, d);
  const after = (await c.get(`/api/v1/dossiers/${d.id}/check`)).data;
  assert.deepEqual(after.violations, []);
  assert.equal(after.checklist.find((i) => i.code === 'photo').count, 1);
  const submitted = await c.post(`/api/v1/dossiers/${d.id}/submit`);
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.data.state, 'submitted');
  expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: 99, data: {} } }), 409, 'wrong_state');
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 409, 'wrong_state');
  expectError(assert, await c.post('/api/v1/dossiers', { campaign_id: campaign.id, series_id: pw.id, level: 'deputy_senior' }), 409, 'dossier_exists');
  const withdrawn = await c.post(`/api/v1/dossiers/${d.id}/withdraw`, { reason: '材料需补充' });
  assert.equal(withdrawn.data.state, 'withdrawn');
  const history = (await c.get(`/api/v1/dossiers/${d.id}`)).data.history.map((h) => h.to);
  assert.deepEqual(history, ['draft', 'submitted', 'withdrawn']);
  // Records are reusable: a new dossier starts from them.
  const again = await createDossier(c);
  const view = (await c.get(`/api/v1/dossiers/${again.id}`)).data;
  assert.equal(view.sections.education.data.entries[0].chsi_code, 'A1B2C3D4E5F6');
  assert.equal(view.sections.work.data.entries.length, 1);
});

test('uploads are decided by content, limited while reading, and refused with the reason', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const pdfAsPhoto = expectError(assert, await upload(c, d.id, 'photo', PDF, 'photo.jpg'), 422, 'attachment_type');
  assert.equal(pdfAsPhoto.details[0].detected, 'pdf');
  const good = await upload(c, d.id, 'photo', JPEG, 'me.jpg');
  assert.equal(good.status, 201, good.text);
  assert.equal(good.data.content_type, 'image/jpeg');
  assert.match(good.data.sha256, /^[0-9a-f]{64}$/);
  expectError(assert, await upload(c, d.id, 'photo', JPEG, 'again.jpg'), 409, 'checklist_count');
  const renamed = await upload(c, d.id, 'papers', PDF, 'paper.jpg');
  assert.equal(renamed.status, 201, 'a PDF named .jpg is a PDF');
  assert.equal(renamed.data.content_type, 'application/pdf');
  const truncated = expectError(assert, await upload(c, d.id, 'papers', PDF.subarray(0, 300), 'cut.pdf'), 422, 'attachment_type');
  assert.equal(truncated.details[0].code, 'pdf_unreadable');
  const cutJpeg = expectError(assert, await upload(c, d.id, 'id_card', JPEG.subarray(0, 700), 'cut.jpg'), 422, 'attachment_type');
  assert.equal(cutJpeg.details[0].code, 'jpeg_undecodable');
  const text = expectError(assert, await upload(c, d.id, 'papers', Buffer.from('这不是PDF文件\n'), 'paper.pdf'), 422, 'attachment_type');
  assert.equal(text.details[0].code, 'not_pdf_or_jpeg');
  const empty = expectError(assert, await upload(c, d.id, 'papers', Buffer.alloc(0), 'empty.pdf'), 422, 'attachment_type');
  assert.equal(empty.details[0].code, 'empty_file');
  const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
  assert.equal(big.length, 2 * 1024 * 1024 + 1);
  const tooBig = expectError(assert, await upload(c, d.id, 'papers', big, 'big.pdf'), 413, 'body_too_large');
  assert.equal(tooBig.details[0].limit_bytes, String(2 * 1024 * 1024));
  const exact = await upload(c, d.id, 'papers', big.subarray(0, 2 * 1024 * 1024), 'exact.pdf');
  assert.equal(exact.status, 201, 'exactly 2 MB is allowed');
  expectError(assert, await upload(c, d.id, 'no_such_item', PDF, 'x.pdf'), 404, 'not_found');
  const view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
  assert.deepEqual(view.attachments.map((a) => a.item_code).sort(), ['papers', 'papers', 'photo']);
  // Preview returns the stored bytes with the detected type.
  const file = await fetch(`${server.baseUrl}/api/v1/attachments/${renamed.data.id}`, { headers: { cookie: c.cookie } });
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
  // Papers are ordered by the applicant; the order must list each file once.
  const papers = view.attachments.filter((a) => a.item_code === 'papers').map((a) => a.id);
  const reordered = await c.post(`/api/v1/dossiers/${d.id}/attachments/papers/order`, { ids: [...papers].reverse() });
  assert.deepEqual(reordered.data.items.map((a) => a.id), [...papers].reverse());
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/attachments/papers/order`, { ids: [papers[0]] }), 422, 'invalid_fields');
  assert.equal((await c.del(`/api/v1/attachments/${papers[0]}`)).status, 204);
  expectError(assert, await c.del(`/api/v1/attachments/${papers[0]}`), 404, 'not_found');
});

test('stale writes get 409 with the current data; two tabs never overwrite each other silently', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const v = (await c.get(`/api/v1/dossiers/${d.id}`)).data.sections.basic.version;
  const tabA = c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: v, data: { current_post: 'A' } } });
  const tabB = c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: v, data: { current_post: 'B' } } });
  const results = await Promise.all([tabA, tabB]);
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
  const loser = results.find((r) => r.status === 409).data.error;
  assert.equal(loser.code, 'stale_write');
  assert.equal(Number(loser.details[0].version), v + 1);
  const winner = results.find((r) => r.status === 200).data.data.current_post;
  assert.equal(JSON.parse(loser.details[0].data).current_post, winner);
  expectError(assert, await c.patch(`/api/v1/dossiers/${d.id}`, { version: d.version + 5, level: 'intermediate' }), 409, 'stale_write');
  assert.equal((await c.patch(`/api/v1/dossiers/${d.id}`, { version: d.version, level: 'intermediate' })).data.level, 'intermediate');
});

test('section contents are validated, every problem listed with its field', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
  const err = expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/education`, { json: { version: view.sections.education.version, data: { entries: [
    { level: 'phd', school: '', graduated_on: '2006-13-01', kind: 'regular', chsi_code: 'SHORT' },
    { level: 'master', school: '海外大学', graduated_on: '2010-07-01', kind: 'foreign' },
  ] } } }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((x) => x.field).sort(), ['entries[0].chsi_code', 'entries[0].graduated_on', 'entries[0].level', 'entries[0].school', 'entries[1].certification_no']);
  const overlap = expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/work`, { json: { version: view.sections.work.version, data: { entries: [
    { from: '2010-01-01', to: '2015-12-31', unit: '甲' }, { from: '2015-06-01', to: null, unit: '乙' },
  ] } } }), 422, 'invalid_fields');
  assert.deepEqual(overlap.details.map((x) => x.code), ['period_overlap']);
  expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/nonsense`, { json: { version: 1, data: {} } }), 404, 'not_found');
  expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: 1, data: [1] } }), 400, 'wrong_type');
});

test('text limits count characters as the forms do, not bytes: 200 Chinese characters fit, 201 do not', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  let view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
  const post = '政'.repeat(200);  // 600 bytes of UTF-8
  const saved = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: { current_post: post } } });
  assert.equal(saved.status, 200, saved.text);
  view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
  assert.equal(view.sections.basic.data.current_post, post);
  const err = expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: { current_post: post + '工' } } }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((x) => [x.code, x.field]), [['too_long', 'current_post']]);
  assert.match(err.details[0].message, /200 个字/);
  assert.match(err.details[0].message_en, /200 characters/);
  assert.equal((await c.get(`/api/v1/dossiers/${d.id}`)).data.sections.basic.data.current_post, post, 'the refused write changed nothing');
});

test('one level per person per year, even when two submissions race', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const now = Date.now();
  const second = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: campaign.year, name: '同年度第二批', series_ids: [pw.id],
    phases: [{ phase: 'application', opens_at: new Date(now - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'), closes_at: new Date(now + 86400e3).toISOString().replace(/\.\d+Z$/, 'Z') }],
  });
  assert.equal(second.status, 201, second.text);
  assert.equal((await office.post(`/api/v1/campaigns/${second.data.id}/activate`)).status, 200);
  const c = await newApplicant();
  const a = await createDossier(c);
  const b = await createDossier(c, { campaignId: second.data.id });
  await fill(c, a);
  await fill(c, b);
  const results = await Promise.all([c.post(`/api/v1/dossiers/${a.id}/submit`), c.post(`/api/v1/dossiers/${b.id}/submit`)]);
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 422]);
  const loser = results.find((r) => r.status === 422).data.error;
  assert.ok(loser.details.some((x) => x.code === 'duplicate_level_year'), JSON.stringify(loser));
  const winner = results.find((r) => r.status === 200).data;
  const other = winner.id === a.id ? b : a;
  const check = (await c.get(`/api/v1/dossiers/${other.id}/check`)).data;
  assert.deepEqual(check.violations.map((x) => x.code), ['duplicate_level_year']);
});

test('one level per person per year across two servers: submissions racing through both, one wins', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const other = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: campaign.year, name: '同年度另一批（两台服务器）', series_ids: [pw.id],
    phases: [{ phase: 'application', opens_at: iso(Date.now() - 3600e3), closes_at: iso(Date.now() + 86400e3) }],
  });
  assert.equal(other.status, 201, other.text);
  assert.equal((await office.post(`/api/v1/campaigns/${other.data.id}/activate`)).status, 200);
  const second = await startServer({ db: server.database, demo: false });
  try {
    // On PostgreSQL both transactions may pass the check, and the unique index decides; on SQLite the two servers'
    // writers take turns, and the check does. Several people, so that the submissions overlap in more than one way.
    for (let k = 0; k < 3; k++) {
      const here = await newApplicant();
      const login = (await here.get('/api/v1/me')).data.user.login;
      const there = await loggedIn(second.baseUrl, login, 'apply-pass-1');
      const a = await createDossier(here);
      const b = await createDossier(here, { campaignId: other.data.id });
      await fill(here, a);
      await fill(here, b);
      const results = await Promise.all([here.post(`/api/v1/dossiers/${a.id}/submit`), there.post(`/api/v1/dossiers/${b.id}/submit`)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 422], results.map((r) => r.text).join(' | '));
      const loser = results.find((r) => r.status === 422).data.error;
      assert.ok(loser.details.some((x) => x.code === 'duplicate_level_year'), JSON.stringify(loser));
      const states = await Promise.all([a, b].map(async (d) => (await here.get(`/api/v1/dossiers/${d.id}`)).data.state));
      assert.deepEqual(states.sort(), ['draft', 'submitted']);
    }
  } finally {
    await second.stop({ keepDatabase: true });
  }
});

test('after the window closes every write is refused with window_closed', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  const closing = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: campaign.year + 1, name: '即将截止', series_ids: [pw.id],
    phases: [{ phase: 'application', opens_at: iso(now - 60e3), closes_at: iso(Math.ceil((now + 4000) / 1000) * 1000) }],
  });
  await office.post(`/api/v1/campaigns/${closing.data.id}/activate`);
  const c = await newApplicant();
  const d = await createDossier(c, { campaignId: closing.data.id });
  const view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
  const photo = await upload(c, d.id, 'photo', JPEG, 'p.jpg');
  assert.equal(photo.status, 201);
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(closing.data.phases[0].closes_at) - Date.now()) + 300));
  const e1 = expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: {} } }), 409, 'window_closed');
  assert.ok(e1.details[0].closes_at);
  expectError(assert, await upload(c, d.id, 'id_card', JPEG, 'x.jpg'), 409, 'window_closed');
  expectError(assert, await c.del(`/api/v1/attachments/${photo.data.id}`), 409, 'window_closed');
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 422, 'rule_violations');
  assert.ok((await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations.some((v) => v.code === 'window_closed'));
  expectError(assert, await c.post('/api/v1/dossiers', { campaign_id: closing.data.id, series_id: pw.id, level: 'intermediate' }), 409, 'window_closed');
  // The office extends the window (audited): writes work again.
  const ext = await office.post(`/api/v1/campaigns/${closing.data.id}/phases/application/extend`, { closes_at: iso(Date.now() + 3600e3), reason: '系统维护顺延' });
  assert.equal(ext.status, 200, ext.text);
  assert.equal((await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: view.sections.basic.version, data: { current_post: '恢复' } } })).status, 200);
});

test('two servers on one database: a window or checklist changed through either, or by hand, applies at once on both', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const camp = await office.post('/api/v1/campaigns', {
    office_org_id: seriesOffice.id, year: campaign.year + 2, name: '两台服务器', series_ids: [pw.id],
    phases: [{ phase: 'application', opens_at: iso(Date.now() - 60e3), closes_at: iso(Date.now() + 3600e3) }],
  });
  assert.equal(camp.status, 201, camp.text);
  assert.equal((await office.post(`/api/v1/campaigns/${camp.data.id}/activate`)).status, 200);
  const second = await startServer({ db: server.database, demo: false });
  try {
    const here = await newApplicant();
    const login = (await here.get('/api/v1/me')).data.user.login;
    const there = await loggedIn(second.baseUrl, login, 'apply-pass-1');
    const d = await createDossier(here, { campaignId: camp.data.id });
    let version = (await there.get(`/api/v1/dossiers/${d.id}`)).data.sections.basic.version;
    const save = async (post) => {
      const r = await there.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version, data: { current_post: post } } });
      if (r.status === 200) version = r.data.version;
      return r;
    };
    // The second server reads the campaign and the checklist (and keeps them).
    assert.equal((await save('一')).status, 200);
    assert.equal((await upload(there, d.id, 'photo', JPEG, 'p.jpg')).status, 201);
    // Closed by hand in the database: the second server refuses at once.
    runSql(server, `UPDATE campaign_phases SET closes_at = ${Date.now() - 1000} WHERE campaign_id = ${camp.data.id} AND phase = 'application'`);
    expectError(assert, await save('二'), 409, 'window_closed');
    // Extended through the first server: the second accepts at once.
    const ext = await office.post(`/api/v1/campaigns/${camp.data.id}/phases/application/extend`, { closes_at: iso(Date.now() + 3600e3), reason: '顺延' });
    assert.equal(ext.status, 200, ext.text);
    assert.equal((await save('三')).status, 200);
    // A lower size limit set through the first server applies to uploads through the second.
    const item = (await office.get(`/api/v1/series/${pw.id}/checklist?level=deputy_senior`)).data.items.find((i) => i.code === 'id_card');
    assert.equal((await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: 1024 })).status, 200);
    try {
      const refused = expectError(assert, await upload(there, d.id, 'id_card', JPEG, 'id.jpg'), 413, 'body_too_large');
      assert.equal(refused.details[0].limit_bytes, '1024');
    } finally {
      assert.equal((await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: item.max_bytes })).status, 200);
    }
    assert.equal((await upload(there, d.id, 'id_card', JPEG, 'id.jpg')).status, 201);
  } finally {
    await second.stop({ keepDatabase: true });
  }
});

test('rules from other data: integrity record, exceptional route approval', async () => {
  const c = await newApplicant();
  const me = (await c.get('/api/v1/me')).data.user;
  const d = await createDossier(c, { route: 'exceptional' });
  await fill(c, d);
  let codes = (await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations.map((v) => v.code).sort();
  assert.deepEqual(codes, ['checklist_missing', 'route_unapproved']);  // the approval form is needed too
  assert.equal((await upload(c, d.id, 'route_approval', PDF, 'approval.pdf')).status, 201);
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/route-decision`, { approved: true }), 403, 'forbidden');
  expectError(assert, await office.post(`/api/v1/dossiers/${d.id}/route-decision`, { approved: false }), 422, 'invalid_fields');
  assert.equal((await office.post(`/api/v1/dossiers/${d.id}/route-decision`, { approved: true, reason: '业绩突出' })).data.route_approval, 'approved');
  assert.deepEqual((await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations, []);
  const rec = await office.post('/api/v1/integrity-records', { user_id: me.id, reason: '2024年申报材料弄虚作假', starts_on: `${d.year - 1}-03-01`, years: 5 });
  assert.equal(rec.status, 201, rec.text);
  codes = (await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations.map((v) => v.code);
  assert.deepEqual(codes, ['integrity_record']);
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 422, 'rule_violations');
  const unitAdmin = await loggedIn(server.baseUrl, 'unitadmin1');
  expectError(assert, await unitAdmin.post('/api/v1/integrity-records', { user_id: me.id, reason: 'x', starts_on: '2025-01-01' }), 403, 'forbidden');
});

test('a declared fact needs its proof: the declarations item is needed until a file is there', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  await fill(c, d);
  const check = async () => (await c.get(`/api/v1/dossiers/${d.id}/check`)).data;
  let result = await check();
  assert.deepEqual(result.violations, []);
  assert.equal(result.checklist.find((i) => i.code === 'declarations').needed, false);
  assert.equal(result.checklist.find((i) => i.code === 'photo').needed, true);
  // The applicant declares a retirement extension.
  const basic = (await c.get(`/api/v1/dossiers/${d.id}`)).data.sections.basic;
  const saved = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: basic.version, data: { ...basic.data, retirement_extension: true } } });
  assert.equal(saved.status, 200, saved.text);
  result = await check();
  assert.deepEqual(result.violations.map((v) => [v.code, v.facts]), [['checklist_missing', { item: 'declarations', declared: 'retirement_extension' }]]);
  assert.match(result.violations[0].rule, /延长退休/);
  assert.match(result.violations[0].action_en, /retirement_extension/);
  assert.equal(result.checklist.find((i) => i.code === 'declarations').needed, true);
  const refused = expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 422, 'rule_violations');
  assert.equal(refused.details.length, 1);
  // With the approval uploaded, nothing is missing, and the dossier can be submitted.
  assert.equal((await upload(c, d.id, 'declarations', PDF, 'extension-approval.pdf')).status, 201);
  result = await check();
  assert.deepEqual(result.violations, []);
  assert.equal((await c.post(`/api/v1/dossiers/${d.id}/submit`)).status, 200);
});

test('achievements count up to the campaign\'s achievement cutoff; later ones are listed to remove', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  await fill(c, d);
  const cutoff = (await office.get(`/api/v1/campaigns/${campaign.id}`)).data.achievement_cutoff;
  assert.match(cutoff, /^\d{4}-09-30$/);
  const section = (await c.get(`/api/v1/dossiers/${d.id}`)).data.sections.achievements;
  const late = { title: '截止日期之后发表的论文', journal: '思想政治工作研究', published_on: `${d.year}-10-01`, author_rank: 1 };
  const onTheDay = { ...late, title: '截止当日发表的论文', published_on: cutoff };
  let r = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/achievements`, { json: { version: section.version, data: { ...section.data, papers: [...section.data.papers, onTheDay, late] } } });
  assert.equal(r.status, 200, r.text);
  const check = async () => (await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations;
  assert.deepEqual((await check()).map((v) => [v.code, v.facts]), [['achievement_after_cutoff', { cutoff, items: 'papers:3' }]]);
  expectError(assert, await c.post(`/api/v1/dossiers/${d.id}/submit`), 422, 'rule_violations');
  r = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/achievements`, { json: { version: r.data.version, data: { ...section.data, papers: [...section.data.papers, onTheDay] } } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await check(), []);
});

test('an integrity record applies for its own period; the office may end it early, once, within it', async () => {
  const c = await newApplicant();
  const me = (await c.get('/api/v1/me')).data.user;
  const d = await createDossier(c);
  await fill(c, d);
  const codes = async () => (await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations.map((v) => v.code);
  assert.deepEqual(await codes(), []);
  // A record whose own period ended before this campaign's cutoff does not block, whatever the campaign's period.
  const old = await office.post('/api/v1/integrity-records', { user_id: me.id, reason: '早年记录', starts_on: `${d.year - 4}-01-01`, years: 3 });
  assert.equal(old.status, 201, old.text);
  assert.deepEqual(await codes(), []);
  const list = async () => (await office.get('/api/v1/integrity-records?page_size=200')).data.items;
  const oldListed = (await list()).find((x) => x.id === old.data.id);
  assert.equal(oldListed.ends_on, `${d.year - 1}-01-01`);
  assert.equal(oldListed.in_force, false);
  // Without years, the campaign's integrity-record period applies.
  const rec = await office.post('/api/v1/integrity-records', { user_id: me.id, reason: '材料弄虚作假', starts_on: `${d.year}-01-01`, campaign_id: campaign.id });
  assert.equal(rec.status, 201, rec.text);
  const listed = (await list()).find((x) => x.id === rec.data.id);
  assert.equal(listed.years, campaign.integrity_years);
  assert.equal(listed.ends_on, `${d.year + campaign.integrity_years}-01-01`);
  const blocked = (await c.get(`/api/v1/dossiers/${d.id}/check`)).data.violations;
  assert.deepEqual(blocked.map((v) => v.code), ['integrity_record']);
  assert.equal(blocked[0].facts.until, `${d.year + campaign.integrity_years}-01-01`);
  expectError(assert, await office.post('/api/v1/integrity-records', { user_id: me.id, reason: 'x', starts_on: `${d.year}-01-01`, campaign_id: 99999999 }), 404, 'not_found');

  // Ending it: only the office in whose jurisdiction the person is, with a reason, on a day within its period.
  const end = (body, who = office) => who.post(`/api/v1/integrity-records/${rec.data.id}/end`, body);
  expectError(assert, await end({ reason: '复核撤销' }, c), 403, 'forbidden');
  expectError(assert, await end({ reason: '复核撤销' }, await loggedIn(server.baseUrl, 'unitadmin1')), 403, 'forbidden');
  expectError(assert, await office.post('/api/v1/integrity-records/99999999/end', { reason: '复核撤销' }), 404, 'not_found');
  expectError(assert, await end({}), 400, 'missing_field');
  expectError(assert, await end({ reason: '复核撤销', ends_on: '2026/06/01' }), 422, 'invalid_fields');
  expectError(assert, await end({ reason: '复核撤销', ends_on: `${d.year - 1}-12-31` }), 422, 'invalid_fields');
  expectError(assert, await end({ reason: '复核撤销', ends_on: `${d.year + campaign.integrity_years}-01-01` }), 422, 'invalid_fields');
  assert.deepEqual(await codes(), ['integrity_record'], 'refused attempts change nothing');
  const ended = await end({ reason: '行政复议撤销原认定', ends_on: `${d.year}-06-01` });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.data.ends_on, `${d.year}-06-01`);
  assert.equal(ended.data.end_reason, '行政复议撤销原认定');
  assert.equal(ended.data.in_force, false);
  assert.deepEqual(await codes(), [], 'an ended record no longer blocks');
  expectError(assert, await end({ reason: '再次终止' }), 409, 'already_ended');
  const audit = (await (await loggedIn(server.baseUrl, 'auditadmin')).get('/api/v1/audit?action=integrity.end')).data;
  assert.ok(JSON.stringify(audit).includes(`${d.year}-06-01`), 'the end is audited with the dates');
});

// Two applicants whose dossiers share the sample files, a CHSI code and a paper title (each written its own way).
async function twoWithTheSameRecords(chsi, paper, otherPaper) {
  const a = await newApplicant();
  const b = await newApplicant();
  const da = await createDossier(a);
  const db = await createDossier(b);
  await fill(a, da, { chsi, paper });
  await fill(b, db, { chsi: chsi.toLowerCase(), paper: otherPaper });
  return { a, b, da, db };
}

test('fraud signals: the same file, paper title or CHSI code in another person\'s dossier', async () => {
  const { b, da, db } = await twoWithTheSameRecords('SAME00CODE12', '《新时代企业思想政治工作创新研究》', '新时代 企业思想政治工作创新研究');
  const signals = (await office.get(`/api/v1/dossiers/${db.id}/signals`)).data.items;
  // Other tests' applicants upload the same fixture files, so look at the pair under test.
  const withA = signals.filter((s) => s.other_dossier_id === da.id);
  assert.deepEqual([...new Set(withA.map((s) => s.kind))].sort(), ['chsi_code', 'file_hash', 'paper_title']);
  assert.equal(withA.find((s) => s.kind === 'chsi_code').value, 'SAME00CODE12');
  assert.ok(withA.every((s) => s.other_name));
  expectError(assert, await b.get(`/api/v1/dossiers/${db.id}/signals`), 403, 'forbidden');
  // Each upload adds its file's hash; deleting the file takes the signal away, the other files' stay.
  const shared = withA.find((s) => s.kind === 'file_hash').value;
  const hashes = async () => new Set((await office.get(`/api/v1/dossiers/${db.id}/signals`)).data.items
    .filter((s) => s.kind === 'file_hash' && s.other_dossier_id === da.id).map((s) => s.value));
  const files = (await b.get(`/api/v1/dossiers/${db.id}`)).data.attachments;
  const before = await hashes();
  for (const f of files.filter((x) => x.sha256 === shared)) assert.equal((await b.del(`/api/v1/attachments/${f.id}`)).status, 204);
  const after = await hashes();
  assert.ok(!after.has(shared));
  assert.equal(after.size, before.size - 1);
});

// Migration 0016: the same file in two dossiers is found from the attachments themselves, so the file-hash rows that
// signals once kept are deleted. The migration's own statement, run again on a database with such a row: it
// deletes those rows and no other signal, and what reviewers see does not change.
test('migration 0016 deletes the old file-hash rows of signals only; reviewers see the same signals', async () => {
  const { da, db } = await twoWithTheSameRecords('MIGR16CODE01', '迁移前后的同名论文题目', '迁移前后的同名论文题目');
  const seen = async () => (await office.get(`/api/v1/dossiers/${db.id}/signals`)).data.items
    .filter((s) => s.other_dossier_id === da.id).map((s) => `${s.kind} ${s.value}`).sort();
  const before = await seen();
  assert.deepEqual([...new Set(before.map((k) => k.split(' ')[0]))], ['chsi_code', 'file_hash', 'paper_title']);
  const count = (where) => Number(runSql(server, `SELECT COUNT(*) FROM signals WHERE ${where}`).trim());
  runSql(server, `INSERT INTO signals (kind, value, dossier_id, user_id) SELECT 'file_hash', 'row-kept-before-0016', id, user_id FROM dossiers WHERE id = ${db.id}`);
  const others = count("kind <> 'file_hash'");
  assert.equal(count("kind = 'file_hash'"), 1);
  const migration = readFileSync(join(import.meta.dirname, '../../src/db/migrations/0016_file_signals_from_attachments.sql'), 'utf8');
  runSql(server, migration.split('\n').filter((line) => !line.startsWith('--')).join('\n'));
  assert.equal(count("kind = 'file_hash'"), 0);
  assert.equal(count("kind <> 'file_hash'"), others, 'the other signals stay');
  assert.deepEqual(await seen(), before);
});

test('authorization: only the owner edits; reviewers in scope read; others are refused', async () => {
  const owner = await newApplicant();
  const d = await createDossier(owner);
  const up = await upload(owner, d.id, 'photo', JPEG, 'p.jpg');
  const stranger = await newApplicant('示范建设工程有限公司');
  expectError(assert, await stranger.get(`/api/v1/dossiers/${d.id}`), 403, 'forbidden');
  expectError(assert, await stranger.get(`/api/v1/dossiers/${d.id}/check`), 403, 'forbidden');
  expectError(assert, await stranger.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: 1, data: {} } }), 403, 'forbidden');
  expectError(assert, await upload(stranger, d.id, 'id_card', JPEG), 403, 'forbidden');
  expectError(assert, await stranger.get(`/api/v1/attachments/${up.data.id}`), 403, 'forbidden');
  expectError(assert, await stranger.del(`/api/v1/attachments/${up.data.id}`), 403, 'forbidden');
  expectError(assert, await stranger.post(`/api/v1/dossiers/${d.id}/submit`), 403, 'forbidden');
  for (const login of ['unitreviewer1', 'dept1', 'office1']) {
    const c = await loggedIn(server.baseUrl, login);
    assert.equal((await c.get(`/api/v1/dossiers/${d.id}`)).status, 200, login + ' reads dossiers in scope');
    assert.equal((await c.get(`/api/v1/attachments/${up.data.id}`)).status, 200, login);
    expectError(assert, await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/basic`, { json: { version: 1, data: {} } }), 403, 'forbidden');
  }
  for (const login of ['sysadmin', 'secadmin', 'auditadmin', 'expert1', 'monitor1', 'committee1', 'unitadmin1']) {
    const c = await loggedIn(server.baseUrl, login);
    expectError(assert, await c.get(`/api/v1/dossiers/${d.id}`), 403, 'forbidden');
    expectError(assert, await c.get(`/api/v1/attachments/${up.data.id}`), 403, 'forbidden');
  }
  expectError(assert, await office.post('/api/v1/dossiers', { campaign_id: campaign.id, series_id: pw.id, level: 'deputy_senior' }), 403, 'forbidden');
  expectError(assert, await owner.get('/api/v1/dossiers/999999'), 404, 'not_found');
});

test('an applicant in an open campaign cannot be designated as the unit reviewer', async () => {
  const c = await newApplicant();
  const me = (await c.get('/api/v1/me')).data.user;
  const unitAdmin = await loggedIn(server.baseUrl, 'unitadmin1');
  const hospital = orgs.find((o) => o.name === '示范市第一人民医院');
  await createDossier(c);
  const err = expectError(assert, await unitAdmin.post(`/api/v1/units/${hospital.id}/reviewer-designations`, { user_id: me.id }), 422, 'invalid_fields');
  assert.deepEqual(err.details.map((d) => d.code), ['reviewer_is_applicant']);
});

test('refused uploads leave no temporary files; a full item is refused before anything is stored', async () => {
  const { readdirSync } = await import('node:fs');
  const c = await newApplicant();
  const d = await createDossier(c);
  await upload(c, d.id, 'papers', Buffer.from('not a pdf'), 'x.pdf');
  await upload(c, d.id, 'papers', PDF.subarray(0, 100), 'cut.pdf');
  assert.equal((await upload(c, d.id, 'photo', JPEG, 'a.jpg')).status, 201);
  const blobsBefore = readdirSync(join(server.database.dir, 'data', 'blobs'), { recursive: true }).length;
  const last = () => runSql(server, "SELECT pack_offset, size FROM blobs WHERE pack_offset IS NOT NULL ORDER BY pack_offset DESC LIMIT 1").trim().split('|').map(Number);
  const [offsetBefore, sizeBefore] = last();
  const unique = Buffer.concat([JPEG.subarray(0, JPEG.length - 2), Buffer.from('XY'), JPEG.subarray(JPEG.length - 2)]);
  expectError(assert, await upload(c, d.id, 'photo', unique, 'b.jpg'), 409, 'checklist_count');
  assert.equal(readdirSync(join(server.database.dir, 'data', 'blobs'), { recursive: true }).length, blobsBefore, 'nothing stored');
  // The next file stored starts right after the last one: the refused file took no room in the pack.
  assert.equal((await upload(c, d.id, 'papers', uniquePdf(), 'next.pdf')).status, 201);
  assert.equal(last()[0], offsetBefore + Math.ceil(sizeBefore / 4096) * 4096);
  assert.deepEqual(readdirSync(join(server.database.dir, 'data', 'tmp')), []);
  const small = await upload(c, 999999, 'papers', PDF, 'x.pdf');
  expectError(assert, small, 404, 'not_found');
});

test('a limit lowered while a file is arriving still applies: 413 with the new limit, nothing stored', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const item = (await office.get(`/api/v1/series/${pw.id}/checklist?level=deputy_senior`)).data.items.find((i) => i.code === 'work_proof');
  const body = Buffer.concat([PDF, Buffer.alloc(100_000 - PDF.length, 0x20)]);
  const { port } = new URL(server.baseUrl);
  const answer = new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: `/api/v1/dossiers/${d.id}/attachments/work_proof?name=proof.pdf`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/pdf', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, data: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(body.subarray(0, 50_000));
    // The server has read the header and the old limit (2 MB); the office lowers it before the rest arrives.
    setTimeout(async () => {
      const r = await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: 64 * 1024 });
      assert.equal(r.status, 200, r.text);
      req.end(body.subarray(50_000));
    }, 300);
  });
  try {
    const r = await answer;
    assert.equal(r.status, 413, JSON.stringify(r.data));
    assert.equal(r.data.error.code, 'body_too_large');
    assert.equal(r.data.error.details[0].limit_bytes, String(64 * 1024));
    assert.deepEqual((await c.get(`/api/v1/dossiers/${d.id}`)).data.attachments, []);
  } finally {
    await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: item.max_bytes });
  }
});

test('a raised limit applies at once: a body above the limit looked up before is measured against the current one', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const item = (await office.get(`/api/v1/series/${pw.id}/checklist?level=deputy_senior`)).data.items.find((i) => i.code === 'education');
  const first = await upload(c, d.id, 'education', PDF, 'degree.pdf');  // the 2 MB limit is looked up and kept
  assert.equal(first.status, 201, first.text);
  const big = Buffer.concat([PDF, Buffer.alloc(2.5 * 1024 * 1024 - PDF.length, 0x20)]);
  expectError(assert, await upload(c, d.id, 'education', big, 'big.pdf'), 413, 'body_too_large');
  try {
    assert.equal((await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: 3 * 1024 * 1024 })).status, 200);
    const r = await upload(c, d.id, 'education', big, 'big.pdf');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.data.size, big.length);
  } finally {
    await office.patch(`/api/v1/checklist-items/${item.id}`, { max_bytes: item.max_bytes });
  }
});

test('uploads are appended to a pack, read back byte for byte, and the same content is stored once', async () => {
  const { readdirSync } = await import('node:fs');
  const a = await newApplicant(), b = await newApplicant();
  const da = await createDossier(a), db = await createDossier(b);
  const file = uniquePdf();
  const ua = await upload(a, da.id, 'papers', file, 'a.pdf');
  const ub = await upload(b, db.id, 'papers', file, 'b.pdf');
  assert.equal(ua.status, 201);
  assert.equal(ub.status, 201);
  assert.equal(ua.data.sha256, ub.data.sha256);
  const rows = runSql(server, `SELECT pack, pack_offset, size FROM blobs WHERE sha256 = '${ua.data.sha256}'`).trim().split('\n');
  assert.equal(rows.length, 1, 'one blob row for both attachments');
  const [pack, offset, size] = rows[0].split('|');
  assert.match(pack, /^[0-9]+-[A-Za-z0-9_-]+$/);
  assert.equal(Number(offset) % 4096, 0);
  assert.equal(Number(size), file.length);
  const blobs = join(server.database.dir, 'data', 'blobs');
  assert.ok(readdirSync(join(blobs, 'packs')).includes(`${pack}.pack`));
  assert.deepEqual(readdirSync(blobs), ['packs'], 'no loose files');
  for (const [c, id] of [[a, ua.data.id], [b, ub.data.id]]) {
    const res = await fetch(`${server.baseUrl}/api/v1/attachments/${id}`, { headers: { cookie: c.cookie } });
    assert.equal(res.status, 200);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(file), 'the same bytes come back');
  }
});

test('a stored file that cannot be read gives 503 with what to do, not a broken file', async () => {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const c = await newApplicant();
  const d = await createDossier(c);
  const file = uniquePdf();
  const up = await upload(c, d.id, 'papers', file, 'gone.pdf');
  assert.equal(up.status, 201);
  // Point the row at a pack too short to hold it (what a lost or truncated pack would look like).
  mkdirSync(join(server.database.dir, 'data', 'blobs', 'packs'), { recursive: true });
  writeFileSync(join(server.database.dir, 'data', 'blobs', 'packs', 'short-pack.pack'), Buffer.alloc(100));
  runSql(server, `UPDATE blobs SET pack = 'short-pack', pack_offset = 0 WHERE sha256 = '${up.data.sha256}'`);
  const res = await c.get(`/api/v1/attachments/${up.data.id}`);
  expectError(assert, res, 503, 'storage_unavailable');
});

test('choices: the committee must review the series and level; previews may be framed by the app only', async () => {
  const c = await newApplicant();
  const d = await createDossier(c);
  const other = orgs.find((o) => o.kind === 'county_office');
  expectError(assert, await c.patch(`/api/v1/dossiers/${d.id}`, { version: d.version, committee_org_id: other.id }), 422, 'invalid_fields');
  const committee = orgs.find((o) => o.kind === 'committee');
  assert.equal((await c.patch(`/api/v1/dossiers/${d.id}`, { version: d.version, committee_org_id: committee.id })).status, 200);
  const up = await upload(c, d.id, 'papers', PDF, 'p.pdf');
  const res = await fetch(`${server.baseUrl}/api/v1/attachments/${up.data.id}`, { headers: { cookie: c.cookie } });
  assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'self'/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const api = await fetch(`${server.baseUrl}/api/v1/dossiers/${d.id}`, { headers: { cookie: c.cookie } });
  assert.equal(api.headers.get('x-frame-options'), 'DENY');
});
