import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { asUser, fillInput, inputOf, login, logout, skipReason, startBackend, useBrowser } from './support.mjs'

const server = await startBackend()

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
})
