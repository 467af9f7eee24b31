import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { asUser, fillInput, inputOf, login, logout, skipReason, startBackend, useBrowser } from './support.mjs'

const server = await startBackend()
// A second server that mails through a small SMTP listener (not with ZP_BASE_URL: its mail settings are unknown).
const mailed = server && !process.env.ZP_BASE_URL ? await startMailBackend() : null

async function startMailBackend() {
  const { startServer, freshDatabase } = await import('../lib/server.mjs')
  const { startSmtp } = await import('../lib/smtp.mjs')
  const smtp = await startSmtp()
  const db = freshDatabase()
  const config = join(db.dir, 'mail.toml')
  writeFileSync(config, `[mail]\nsmtp_url = "${smtp.url}"\nfrom = "职称评审系统 <noreply@zhiping.test>"\npoll_ms = 100\n`)
  const backend = await startServer({ db, args: ['--config', config] })
  return {
    ...backend,
    smtp,
    async stop() {
      await backend.stop()
      await smtp.stop()
    },
  }
}

/** Through the API: a new applicant with an email address submits, and the unit reviewer starts the review (a message). */
async function applicantGetsMessage(backend, email) {
  const { loggedIn } = await import('../lib/server.mjs')
  const { dossierKit } = await import('../lib/dossiers.mjs')
  const office = await loggedIn(backend.baseUrl, 'office1')
  const orgs = (await office.get('/api/v1/orgs')).data.items
  const campaign = (await office.get('/api/v1/campaigns')).data.items[0]
  const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work')
  const kit = dossierKit(backend, { orgs, campaign, pw })
  const applicant = await kit.newApplicant()
  assert.equal((await applicant.patch('/api/v1/me', { email })).status, 200)
  const d = await kit.submitted(applicant)
  const reviewer = await loggedIn(backend.baseUrl, 'unitreviewer1')
  assert.equal((await reviewer.post(`/api/v1/dossiers/${d.id}/unit-review/start`)).status, 200)
  await backend.smtp.waitFor((m) => m.to.includes(email))
}

/** Sets (or with null removes) the logged-in user's own email through the API, as the page would. */
async function setEmailByApi(page, email) {
  const me = await (await page.request.get('/api/v1/me')).json()
  const res = await page.request.patch('/api/v1/me', { data: { email }, headers: { 'X-CSRF-Token': me.csrf_token } })
  assert.equal(res.status(), 200, await res.text())
  return (await res.json()).user.email
}

const fieldError = (page, text) => page.getByTestId('email-form').locator('.el-form-item__error', { hasText: text })

describe('own email address', { skip: server ? false : skipReason() }, () => {
  const shared = useBrowser(server)

  test('applicant1 sees a bad address refused under the field, saves a good one masked, then removes it', () =>
    asUser(shared, 'applicant1', async ({ page, problems }) => {
      await page.getByTestId('menu-account').click()
      await page.getByTestId('email-none').waitFor()
      await page.getByTestId('profile-email').getByText('未设置').waitFor()

      // Empty: asked to fill it in, nothing sent.
      await page.getByTestId('email-save').click()
      await fieldError(page, '请填写电子邮箱').waitFor()

      // A bad address: the server's reason under the field, in Chinese; nothing changes.
      await fillInput(page, 'email-input', 'zhangsan@')
      await page.getByTestId('email-save').click()
      await fieldError(page, '电子邮箱地址格式不正确').waitFor()
      await page.getByTestId('email-none').waitFor()

      // Typing again clears the old error.
      await fillInput(page, 'email-input', 'Zhang.San@Example.COM')
      await page.getByTestId('email-form').locator('.el-form-item__error').waitFor({ state: 'detached' })
      await page.getByTestId('email-save').click()
      await page.getByTestId('email-current').getByText('Z***@example.com').waitFor()
      assert.equal(await inputOf(page, 'email-input').inputValue(), '')

      await page.reload()
      await page.getByTestId('email-current').getByText('Z***@example.com').waitFor()
      await page.getByTestId('profile-email').getByText('Z***@example.com').waitFor()

      await page.getByTestId('email-remove').click()
      await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click()
      await page.getByTestId('email-none').waitFor()
      await page.reload()
      await page.getByTestId('email-none').waitFor()
      await page.getByTestId('profile-email').getByText('未设置').waitFor()
      assert.deepEqual(problems, [])
    }))

  test('in English the field error is the server’s English message', () =>
    asUser(shared, 'applicant1', async ({ page }) => {
      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('menu-account').click()
      await fillInput(page, 'email-input', 'not an address')
      await page.getByTestId('email-save').click()
      await fieldError(page, 'The email address is not valid').waitFor()
      await page.getByTestId('locale-toggle').click()
    }))

  test('the security administrator sees the masked email beside the phone in the user list', () =>
    asUser(shared, 'applicant1', async ({ page }) => {
      assert.equal(await setEmailByApi(page, 'wang@example.com'), 'w***@example.com')
      await logout(page)
      await login(page, 'secadmin')
      await page.getByTestId('menu-users').click()
      await inputOf(page, 'user-search').fill('applicant1')
      await inputOf(page, 'user-search').press('Enter')
      const row = page.getByTestId('users-table').locator('.el-table__body tr', { hasText: 'applicant1' }).first()
      await row.getByText('w***@example.com').waitFor()
      await row.getByText('138****1001').waitFor()
    }))

  test('the system administrator opens the mail outbox: mail off on this server, filters and an empty list', () =>
    asUser(shared, 'sysadmin', async ({ page, problems }) => {
      await page.getByTestId('menu-mail-outbox').click()
      await page.waitForURL((url) => url.pathname === '/mail/outbox')
      await page.getByTestId('outbox-page').locator('h1', { hasText: '邮件发送记录' }).waitFor()
      // The test server has no SMTP server configured, and says what to do about it.
      await page.getByTestId('outbox-sending-off').getByText('smtp_url').waitFor()
      const table = page.getByTestId('outbox-table')
      await table.getByText('暂无邮件记录').waitFor()
      await page.getByTestId('outbox-status').getByText('发送失败').click()
      await table.getByText('没有符合条件的邮件').waitFor()
      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('outbox-page').locator('h1', { hasText: 'Mail outbox' }).waitFor()
      await table.getByText('No mail matches').waitFor()
      await page.getByTestId('locale-toggle').click()
      assert.deepEqual(problems, [])
    }))
})

describe('mail outbox of a server that sends mail', { skip: mailed ? false : skipReason() }, () => {
  const shared = useBrowser(mailed)

  test('the system administrator sees the sent copy, masked, and filters by status', async () => {
    await applicantGetsMessage(mailed, 'li.si@example.com')
    await asUser(shared, 'sysadmin', async ({ page, problems }) => {
      await page.getByTestId('menu-mail-outbox').click()
      await page.getByTestId('outbox-sending-on').waitFor()
      const table = page.getByTestId('outbox-table')
      const row = table.locator('.el-table__body tr', { hasText: 'l***@example.com' }).first()
      await row.getByText('已发送', { exact: true }).waitFor()
      await row.getByText('【职称评审】').waitFor()
      await page.getByTestId('outbox-status').getByText('发送失败').click()
      await table.getByText('没有符合条件的邮件').waitFor()
      await page.getByTestId('outbox-status').getByText('已发送').click()
      await row.waitFor()
      assert.deepEqual(problems, [])
    })
  })
})
