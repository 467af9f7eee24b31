// Mail copies of messages: a user's own address, the outbox written in the message's transaction, and the
// background sender talking to a real (small) SMTP server; refusals are retried and recorded, mail off queues nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, freshDatabase, loggedIn, expectError, Client, BIN } from '../lib/server.mjs';
import { startSmtp } from '../lib/smtp.mjs';
import { dossierKit } from '../lib/dossiers.mjs';

// Runs `body(server, smtp)` against a server whose mail goes to a fresh SMTP listener; stops both afterwards.
async function withMail({ refuse, extra = '' }, body) {
  const smtp = await startSmtp({ refuse });
  let server;
  try {
    const db = freshDatabase();
    const file = join(db.dir, 'mail.toml');
    writeFileSync(file, `[mail]\nsmtp_url = "${smtp.url}"\nfrom = "职称评审系统 <noreply@zhiping.test>"\npoll_ms = 100\n${extra}`);
    server = await startServer({ db, args: ['--config', file] });
    await body(server, smtp);
  } finally {
    if (server) await server.stop();
    await smtp.stop();
  }
}

async function setup(server) {
  const office = await loggedIn(server.baseUrl, 'office1');
  const reviewer = await loggedIn(server.baseUrl, 'unitreviewer1');
  const orgs = (await office.get('/api/v1/orgs')).data.items;
  const campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  const sysadmin = await loggedIn(server.baseUrl, 'sysadmin');
  return { reviewer, sysadmin, kit: dossierKit(server, { orgs, campaign, pw }) };
}

const setEmail = (c, email) => c.patch('/api/v1/me', { email });
const me = async (c) => (await c.get('/api/v1/me')).data.user;
const outboxOf = async (sysadmin, userId) => (await sysadmin.get(`/api/v1/mail/outbox?user_id=${userId}&page_size=200`)).data;

async function eventually(check, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The unit reviewer starts the review of a freshly submitted dossier: the applicant gets `unit_review_started`.
async function reviewStarted({ kit, reviewer }, applicant) {
  const d = await kit.submitted(applicant);
  const r = await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`);
  assert.equal(r.status, 200, r.text);
  return d;
}

test('a returned dossier reaches the applicant by email: encoded subject, UTF-8 body, proper headers', () => withMail({}, async (server, smtp) => {
  const ctx = await setup(server);
  const applicant = await ctx.kit.newApplicant();
  const r = await setEmail(applicant, 'Zhang.San@Example.COM');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.user.email, 'Z***@example.com', 'masked, domain in lower case');
  assert.equal((await me(applicant)).email, 'Z***@example.com');
  const user = await me(applicant);

  const d = await reviewStarted(ctx, applicant);
  await ctx.reviewer.request('PUT', `/api/v1/dossiers/${d.id}/review-marks`, { json: { marks: [{ target_kind: 'section', target: 'work', status: 'problem', comment: '请补充' }] } });
  assert.equal((await ctx.reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/return`)).status, 200);

  const mail = await smtp.waitFor((m) => m.headers.subject.includes('退回'));
  assert.equal(mail.from, 'noreply@zhiping.test');
  assert.deepEqual(mail.to, ['Zhang.San@example.com']);
  assert.match(mail.headers.to, /<Zhang\.San@example\.com>/);
  assert.equal(mail.headers.from, '职称评审系统 <noreply@zhiping.test>');
  assert.match(mail.rawHeaders.subject, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=( =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)*$/, 'RFC 2047 encoded');
  assert.equal(mail.headers.subject, `【职称评审】申报材料（编号${d.id}）被单位退回，请按审核意见修改后重新提交`);
  assert.equal(mail.headers['mime-version'], '1.0');
  assert.equal(mail.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(mail.headers['content-transfer-encoding'], 'base64');
  assert.match(mail.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
  assert.match(mail.headers['message-id'], /^<[^<>@\s]+@zhiping\.test>$/);
  assert.ok(mail.bodyLines.every((l) => l.length <= 76), 'base64 lines of at most 76 characters');
  assert.ok(mail.body.startsWith(`${user.real_name}，您好：`), mail.body);
  assert.match(mail.body, /被单位退回，请按审核意见修改后重新提交。/);
  assert.match(mail.body, /was returned by your unit; fix what it names and resubmit\./);
  assert.match(mail.body, /\r\n/, 'CRLF line ends');

  // Nobody without an address gets mail (the reviewer's own messages are not mailed).
  await smtp.waitFor((m) => m.headers.subject.includes('已进入单位审核'));
  assert.ok(smtp.mails.every((m) => m.to.join() === 'Zhang.San@example.com'));

  // The outbox records both as sent, once each; the sender's work is in the audit log.
  const box = await eventually(async () => {
    const b = await outboxOf(ctx.sysadmin, user.id);
    return b.items.length === 2 && b.items.every((m) => m.status === 'sent') && b;
  });
  assert.equal(box.sending, true);
  for (const m of box.items) {
    assert.equal(m.to, 'Z***@example.com');
    assert.equal(m.attempts, 1);
    assert.ok(m.sent_at && m.message_id);
  }
  assert.equal(smtp.mails.length, 2);
  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const set = (await auditor.get('/api/v1/audit?action=user.email_set')).data.items;
  assert.ok(set.some((a) => a.object_id === String(user.id) && a.summary === 'Z***@example.com'), JSON.stringify(set));
  assert.ok((await auditor.get('/api/v1/audit?action=mail.sent')).data.total >= 2);

  // Where user lists show personal data, the address is masked.
  const sec = await loggedIn(server.baseUrl, 'secadmin');
  const listed = (await sec.get(`/api/v1/users?q=${user.login}`)).data.items.find((u) => u.id === user.id);
  assert.equal(listed.email, 'Z***@example.com');
  const unitadmin = await loggedIn(server.baseUrl, 'unitadmin1');
  const staff = (await unitadmin.get(`/api/v1/units/${user.unit_id}/staff`)).data.items.find((u) => u.id === user.id);
  assert.equal(staff.email, 'Z***@example.com');
}));

const refuse = (to, attempt) => (to === 'always.refused@example.com' ? '550 5.1.1 mailbox unavailable'
  : to === 'refused.once@example.com' && attempt === 1 ? '554 5.7.1 try later' : null);

test('a refusing SMTP server: the change still succeeds, the mail is retried with a recorded error, then sent or given up',
  () => withMail({ refuse, extra: 'max_attempts = 2\nretry_delays_s = [2]\n' }, async (server, smtp) => {
  const ctx = await setup(server);
  const refused = await ctx.kit.newApplicant();
  const once = await ctx.kit.newApplicant();
  assert.equal((await setEmail(refused, 'always.refused@example.com')).status, 200);
  assert.equal((await setEmail(once, 'refused.once@example.com')).status, 200);
  await reviewStarted(ctx, refused);  // asserts the request itself succeeded
  await reviewStarted(ctx, once);
  const refusedId = (await me(refused)).id, onceId = (await me(once)).id;

  // First attempt refused: queued again with the error and a later next attempt.
  const first = await eventually(async () => (await outboxOf(ctx.sysadmin, refusedId)).items.find((m) => m.attempts === 1 && m.status === 'queued'), 10000);
  assert.match(first.last_error, /550/);
  assert.ok(Date.parse(first.next_attempt_at) > Date.now() - 1000);

  // Refused twice: given up after max_attempts, and recorded.
  const failed = await eventually(async () => (await outboxOf(ctx.sysadmin, refusedId)).items.find((m) => m.status === 'failed'));
  assert.equal(failed.attempts, 2);
  assert.match(failed.last_error, /550/);
  assert.equal(smtp.attempts('always.refused@example.com'), 2);
  assert.ok(!smtp.mails.some((m) => m.to.includes('always.refused@example.com')));
  const failedList = (await ctx.sysadmin.get('/api/v1/mail/outbox?status=failed')).data;
  assert.ok(failedList.items.some((m) => m.id === failed.id));
  assert.ok(failedList.items.every((m) => m.status === 'failed'));
  expectError(assert, await ctx.sysadmin.get('/api/v1/mail/outbox?status=lost'), 400, 'invalid_query');

  // Refused once: sent on the second attempt; the earlier error stays on record.
  const sent = await eventually(async () => (await outboxOf(ctx.sysadmin, onceId)).items.find((m) => m.status === 'sent'));
  assert.equal(sent.attempts, 2);
  assert.match(sent.last_error, /554/);
  await smtp.waitFor((m) => m.to.includes('refused.once@example.com'));

  const auditor = await loggedIn(server.baseUrl, 'auditadmin');
  const gaveUp = (await auditor.get('/api/v1/audit?action=mail.failed')).data.items;
  assert.ok(gaveUp.some((a) => a.object_id === String(failed.id)));
  // The in-app messages exist whatever happened to the mail.
  assert.ok((await refused.get('/api/v1/messages')).data.items.some((m) => m.kind === 'unit_review_started'));
}));

test('two servers on one database send each mail exactly once', async () => {
  const smtp = await startSmtp();
  let first, second;
  try {
    const db = freshDatabase();
    const file = join(db.dir, 'mail.toml');
    writeFileSync(file, `[mail]\nsmtp_url = "${smtp.url}"\nfrom = "noreply@zhiping.test"\npoll_ms = 50\n`);
    first = await startServer({ db, args: ['--config', file] });
    second = await startServer({ db, demo: false, args: ['--config', file] });
    const ctx = await setup(first);
    const applicant = await ctx.kit.newApplicant();
    assert.equal((await setEmail(applicant, 'applicant@example.com')).status, 200);
    assert.equal((await setEmail(ctx.reviewer, 'reviewer@example.com')).status, 200);
    // Each round mails the applicant (returned) and the reviewer (resubmitted), half of them through each server.
    const d = await reviewStarted(ctx, applicant);
    const there = { reviewer: await loggedIn(second.baseUrl, 'unitreviewer1'), applicant: await loggedIn(second.baseUrl, (await me(applicant)).login, 'apply-pass-1') };
    const rounds = 6;
    for (let i = 0; i < rounds; i++) {
      const [reviewer, owner] = i % 2 ? [ctx.reviewer, applicant] : [there.reviewer, there.applicant];
      assert.equal((await reviewer.request('PUT', `/api/v1/dossiers/${d.id}/review-marks`, { json: { marks: [{ target_kind: 'section', target: 'work', status: 'problem', comment: '第' + i + '轮' }] } })).status, 200);
      assert.equal((await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/return`)).status, 200);
      assert.equal((await owner.post(`/api/v1/dossiers/${d.id}/resubmit`)).status, 200);
    }
    const expected = 2 + 2 * rounds;  // submitted and review started, then a return and a resubmission per round
    const box = await eventually(async () => {
      const b = (await ctx.sysadmin.get('/api/v1/mail/outbox?page_size=200')).data;
      return b.total === expected && b.items.every((m) => m.status === 'sent') && b;
    });
    const ids = smtp.mails.map((m) => /^<zhiping\.outbox\.(\d+)\./.exec(m.headers['message-id'])[1]);
    assert.equal(ids.length, expected, 'one mail per outbox row');
    assert.equal(new Set(ids).size, expected, 'no outbox row sent twice');
    assert.ok(box.items.every((m) => m.attempts === 1 && m.sender));
    assert.equal(smtp.mails.filter((m) => m.to[0] === 'reviewer@example.com').length, 1 + rounds);
  } finally {
    if (second) await second.stop({ keepDatabase: true });
    if (first) await first.stop();
    await smtp.stop();
  }
});

test('unusable mail settings stop the start with a clear message, before the database is touched', () => {
  const db = freshDatabase();
  try {
    for (const [toml, reason] of [
      ['smtp_url = "http://127.0.0.1:25"\nfrom = "noreply@zhiping.test"', /mail\.smtp_url must start with smtp:\/\/ or smtps:\/\//],
      ['smtp_url = "smtp://127.0.0.1:25"\nfrom = "职称评审系统"', /mail\.from must be an address/],
      ['smtp_url = "smtp://127.0.0.1:25"\nfrom = "noreply@zhiping.test"\nusername = "zhiping"', /mail\.password is required/],
    ]) {
      const file = join(db.dir, 'bad-mail.toml');
      writeFileSync(file, `[mail]\n${toml}\n`);
      const r = spawnSync(BIN, ['serve', '--config', file, '--db', db.url, '--data', join(db.dir, 'data'), '--listen', '127.0.0.1:0'], { timeout: 10000 });
      assert.equal(r.status, 1, r.stdout.toString());
      assert.match(r.stderr.toString(), reason);
      assert.doesNotMatch(r.stdout.toString(), /listening/);
    }
    if (db.url.startsWith('sqlite:')) assert.ok(!existsSync(db.url.slice('sqlite:'.length)), 'no database file was created');
  } finally {
    db.drop();
  }
});

describe('with mail off (the default)', () => {
  let server, ctx;
  before(async () => {
    server = await startServer();
    ctx = await setup(server);
  });
  after(() => server.stop());

  test('an address can be kept, but nothing is queued; the outbox is for the system administrator', async () => {
    const applicant = await ctx.kit.newApplicant();
    assert.equal((await setEmail(applicant, 'li.si@example.com')).status, 200);
    await reviewStarted(ctx, applicant);
    assert.ok((await applicant.get('/api/v1/messages')).data.items.some((m) => m.kind === 'unit_review_started'));
    const box = (await ctx.sysadmin.get('/api/v1/mail/outbox')).data;
    assert.equal(box.sending, false);
    assert.equal(box.total, 0);
    expectError(assert, await applicant.get('/api/v1/mail/outbox'), 403, 'forbidden');
  });

  test('an invalid address is refused in Chinese and English and changes nothing; an address can be removed', async () => {
    const applicant = await ctx.kit.newApplicant();
    assert.equal((await setEmail(applicant, 'wang.wu@example.com')).status, 200);
    for (const bad of ['wang.wu@', 'wang wu@example.com', 'wang.wu@example', 'wang..wu@example.com', '王五@example.com',
      'a@example.com\r\nBcc: victim@example.com', 'x'.repeat(250) + '@example.com']) {
      const e = expectError(assert, await setEmail(applicant, bad), 422, 'invalid_fields');
      assert.equal(e.details[0].field, 'email');
      assert.equal(e.details[0].code, 'email_format');
      assert.match(e.details[0].message, /电子邮箱/);
      assert.match(e.details[0].message_en, /email address/);
    }
    expectError(assert, await setEmail(applicant, 42), 400, 'wrong_type');
    expectError(assert, await applicant.patch('/api/v1/me', {}), 400, 'missing_field');
    assert.equal((await me(applicant)).email, 'w***@example.com', 'unchanged');

    const cleared = await setEmail(applicant, null);
    assert.equal(cleared.status, 200);
    assert.equal(cleared.data.user.email, null);
    assert.equal((await me(applicant)).email, null);
    assert.equal((await setEmail(applicant, '')).status, 200, 'an empty string removes it too');
    const id = String((await me(applicant)).id);
    const auditor = await loggedIn(server.baseUrl, 'auditadmin');
    assert.ok((await auditor.get('/api/v1/audit?action=user.email_cleared')).data.items.some((a) => a.object_id === id));
  });

  test("a user cannot set another user's address", async () => {
    const a = await ctx.kit.newApplicant();
    const b = await ctx.kit.newApplicant();
    assert.equal((await setEmail(a, 'owner@example.com')).status, 200);
    const aId = (await me(a)).id;
    const e = expectError(assert, await b.patch('/api/v1/me', { user_id: aId, email: 'intruder@example.com' }), 400, 'unknown_field');
    assert.equal(e.details[0].field, 'user_id');
    const other = await b.patch(`/api/v1/users/${aId}`, { email: 'intruder@example.com' });
    assert.ok([404, 405].includes(other.status), `${other.status} ${other.text}`);
    const sec = await loggedIn(server.baseUrl, 'secadmin');
    const listed = (await sec.get(`/api/v1/users?q=${(await me(a)).login}`)).data.items.find((u) => u.id === aId);
    assert.equal(listed.email, 'o***@example.com');
    assert.equal((await me(b)).email, null);
    // Signed out, nobody sets anything.
    expectError(assert, await new Client(server.baseUrl).patch('/api/v1/me', { email: 'anon@example.com' }), 401, 'not_authenticated');
  });
});
