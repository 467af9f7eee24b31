// Helpers for tests that need applicants with filled dossiers in the demo campaign.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, loggedIn, newResidentId, uniqueDigits, runSql } from './server.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const JPEG = readFileSync(join(fixtures, 'sample.jpg'));
export const PDF = readFileSync(join(fixtures, 'sample.pdf'));

export function dossierKit(server, { orgs, campaign, pw }) {
  const upload = (c, id, item, body, name = 'file') =>
    c.request('PUT', `/api/v1/dossiers/${id}/attachments/${item}?name=${encodeURIComponent(name)}`, { body, headers: { 'content-type': 'application/octet-stream' } });

  async function newApplicant(unitName = '示范市第一人民医院', { birthYear } = {}) {
    const anon = new Client(server.baseUrl);
    const unit = orgs.find((o) => o.name === unitName);
    const login = 'ap' + uniqueDigits(8);
    const r = await anon.post('/api/v1/register/applicant', { real_name: '申报人' + login.slice(-3), resident_id: newResidentId({ year: birthYear ?? 1982, sex: 'M' }), phone: '13900000000', login, password: 'apply-pass-1', unit_id: unit.id });
    assert.equal(r.status, 201, r.text);
    return loggedIn(server.baseUrl, login, 'apply-pass-1');
  }

  async function createDossier(c, { campaignId = campaign.id, level = 'deputy_senior', route = 'normal' } = {}) {
    const r = await c.post('/api/v1/dossiers', { campaign_id: campaignId, series_id: pw.id, level, route });
    assert.equal(r.status, 201, r.text);
    return r.data;
  }

  function sections(year, { chsi = 'A1B2C3D4E5F6', paper = '新时代企业思想政治工作创新研究' } = {}) {
    return {
      basic: { current_post: '党委办公室主任', current_title: { name: '政工师', level: 'intermediate', obtained_on: '2019-06-01', certificate_no: 'ZG2019001' } },
      education: { entries: [{ level: 'bachelor', school: '示范大学', major: '思想政治教育', graduated_on: '2006-06-30', kind: 'regular', chsi_code: chsi }] },
      work: { entries: [{ from: '2006-07-01', to: null, unit: '示范市第一人民医院', post: '政工干事', professional: true }] },
      continuing_education: { years: [1, 2, 3, 4, 5].map((k) => ({ year: year - k, public_hours: 30, professional_hours: 60 })) },
      achievements: { papers: [{ title: paper, journal: '思想政治工作研究', issn: '1002-8439', cn: '11-1017/D', published_on: '2023-05-01', author_rank: 1 }] },
    };
  }

  async function fill(c, d, opts) {
    const view = (await c.get(`/api/v1/dossiers/${d.id}`)).data;
    for (const [name, data] of Object.entries(sections(d.year, opts))) {
      const r = await c.request('PUT', `/api/v1/dossiers/${d.id}/sections/${name}`, { json: { version: view.sections[name].version, data } });
      assert.equal(r.status, 200, `${name}: ${r.text}`);
    }
    for (const [item, body] of [['photo', JPEG], ['id_card', JPEG], ['current_title', PDF], ['education', PDF], ['work_proof', PDF], ['continuing_education', PDF], ['papers', PDF]]) {
      const r = await upload(c, d.id, item, body, item + (body === JPEG ? '.jpg' : '.pdf'));
      assert.equal(r.status, 201, `${item}: ${r.text}`);
    }
  }

  async function submitted(c) {
    const d = await createDossier(c);
    await fill(c, d);
    const r = await c.post(`/api/v1/dossiers/${d.id}/submit`);
    assert.equal(r.status, 200, r.text);
    return r.data;
  }

  return { upload, newApplicant, createDossier, sections, fill, submitted };
}

// The review chain up to a given stage, through the API as each role would act.
export function chainKit(server, kit, { reviewerFor }) {
  const endPublicity = (id) => runSql(server, `UPDATE dossiers SET publicity_ends_at = ${Date.now() - 1000} WHERE id = ${Number(id)}`);

  async function inPublicity(applicant, unitName) {
    const d = await kit.submitted(applicant);
    const reviewer = await reviewerFor(unitName);
    let r = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`);
    assert.equal(r.status, 200, r.text);
    r = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/approve`, { opinion: '同意推荐' });
    assert.equal(r.status, 200, r.text);
    return { d, reviewer };
  }

  async function recommended(applicant, unitName) {
    const { d, reviewer } = await inPublicity(applicant, unitName);
    endPublicity(d.id);
    let r = await reviewer.request('PUT', `/api/v1/dossiers/${d.id}/interview`, { json: { kind: 'defense', held_on: '2026-06-01', panel: '单位考评小组5人', summary: '答辩思路清晰', result: 'pass' } });
    assert.equal(r.status, 200, r.text);
    r = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/recommend`, { opinion: '该同志表现优秀，同意推荐。', publicity_result: '公示5个工作日，无异议。' });
    assert.equal(r.status, 200, r.text);
    return { d, reviewer, state: r.data.state };
  }

  return { endPublicity, inPublicity, recommended };
}

// The demo's office, campaign and 政工 series with both kits; the demo units' reviewers act in the chain.
export async function demoChain(server) {
  const office = await loggedIn(server.baseUrl, 'office1');
  const orgs = (await office.get('/api/v1/orgs')).data.items;
  const campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  const kit = dossierKit(server, { orgs, campaign, pw });
  const logins = { '示范市第一人民医院': 'unitreviewer1', '示范县供电有限公司': 'unitreviewer2' };
  const reviewers = {};
  const chain = chainKit(server, kit, { reviewerFor: async (unit) => (reviewers[unit] ??= await loggedIn(server.baseUrl, logins[unit])) });
  const orgId = (name) => orgs.find((o) => o.name === name).id;
  // A dossier of `applicant` accepted by the office (初审通过).
  async function accepted(applicant, unitName) {
    const { d } = await chain.recommended(applicant, unitName);
    const r = await office.post(`/api/v1/dossiers/${d.id}/office-review/accept`);
    assert.equal(r.status, 200, r.text);
    return d;
  }
  return { office, orgs, campaign, pw, kit, chain, orgId, accepted };
}
