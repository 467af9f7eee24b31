// Notices no action triggers: a publicity that has ended reaches the reviewer and the applicant once, and
// applicants with something left to do hear of a deadline three days ahead, once per deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, loggedIn } from '../lib/server.mjs';
import { dossierKit, chainKit } from '../lib/dossiers.mjs';

let server, office, kit, chain, orgs, campaign, pw, reviewer;
before(async () => {
  server = await startServer({ args: ['--reminder-interval-ms', '200'] });
  office = await loggedIn(server.baseUrl, 'office1');
  orgs = (await office.get('/api/v1/orgs')).data.items;
  campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  kit = dossierKit(server, { orgs, campaign, pw });
  reviewer = await loggedIn(server.baseUrl, 'unitreviewer1');
  chain = chainKit(server, kit, { reviewerFor: async () => reviewer });
});
after(async () => { await server.stop(); });

async function messagesOf(c, kind, dossierId) {
  const items = (await c.get('/api/v1/messages?page_size=200')).data.items;
  return items.filter((m) => m.kind === kind && m.dossier_id === dossierId);
}
async function eventually(fn) {
  for (let i = 0; i < 50; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(100);
  }
  return fn();
}

test('the end of a unit publicity is told to the reviewer and the applicant, once', async () => {
  const applicant = await kit.newApplicant();
  const { d } = await chain.inPublicity(applicant, '示范市第一人民医院');
  await sleep(600);
  assert.equal((await messagesOf(reviewer, 'publicity_ended', d.id)).length, 0, 'not before the end');
  chain.endPublicity(d.id);
  assert.ok(await eventually(async () => (await messagesOf(reviewer, 'publicity_ended', d.id)).length === 1));
  assert.ok(await eventually(async () => (await messagesOf(applicant, 'publicity_ended', d.id)).length === 1));
  await sleep(600);
  assert.equal((await messagesOf(reviewer, 'publicity_ended', d.id)).length, 1, 'told once, not at every pass');
});

test('drafts hear of the application deadline three days ahead, not earlier, and once', async () => {
  const seriesOffice = orgs.find((o) => o.kind === 'series_office');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const now = Date.now();
  const make = async (closesInDays, year) => {
    const c = await office.post('/api/v1/campaigns', {
      office_org_id: seriesOffice.id, year, name: `截止提醒测试${year}`, series_ids: [pw.id],
      phases: [{ phase: 'application', opens_at: iso(now - 3600e3), closes_at: iso(now + closesInDays * 86400e3) }],
    });
    assert.equal(c.status, 201, c.text);
    assert.equal((await office.post(`/api/v1/campaigns/${c.data.id}/activate`)).status, 200);
    return c.data;
  };
  const soon = await make(2, campaign.year + 3), later = await make(10, campaign.year + 4);
  const applicant = await kit.newApplicant();
  const near = await kit.createDossier(applicant, { campaignId: soon.id });
  const far = await kit.createDossier(applicant, { campaignId: later.id });
  const told = await eventually(async () => (await messagesOf(applicant, 'deadline_reminder', near.id)).length === 1);
  assert.ok(told);
  await sleep(600);
  assert.equal((await messagesOf(applicant, 'deadline_reminder', near.id)).length, 1);
  assert.equal((await messagesOf(applicant, 'deadline_reminder', far.id)).length, 0);
  const text = (await messagesOf(applicant, 'deadline_reminder', near.id))[0];
  assert.match(text.title, /截止/);
  assert.match(text.title_en, /close/);
});
