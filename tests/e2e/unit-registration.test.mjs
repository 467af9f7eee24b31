import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  chooseOption,
  launchBrowser,
  login,
  logout,
  menusFor,
  newSession,
  randomCreditCode,
  skipReason,
  startBackend,
  uniqueSuffix,
  visibleMenus,
} from './support.mjs'

const PROVINCE_OFFICE = '省职称改革工作领导小组办公室'
const server = await startBackend()

describe('unit registration and approval', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  const suffix = uniqueSuffix()
  const unit = {
    name: `测试科技有限公司${suffix}`,
    creditCode: randomCreditCode(),
    login: `unit_${suffix}`,
    password: `Unit-pass-${suffix}`,
  }

  test('the form checks the credit code and phone on the client', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await page.goto('/register/unit')
      const code = page.getByTestId('unit-credit-code')
      // A wrong check character: replace the last one.
      const wrong = unit.creditCode.slice(0, 17) + (unit.creditCode[17] === '0' ? '1' : '0')
      await code.fill(wrong)
      await code.blur()
      await page.locator('.el-form-item.is-error', { has: code }).waitFor()
      const phone = page.getByTestId('unit-contact-phone')
      await phone.fill('12345')
      await phone.blur()
      await page.locator('.el-form-item.is-error', { has: phone }).waitFor()
    } finally {
      await context.close()
    }
  })

  test('a new unit registers, office1 approves it, and its account gets the unit menu', async () => {
    // 1. Register on the public page.
    {
      const { context, page, problems } = await newSession(browser, server.baseUrl)
      try {
        await page.goto('/login')
        await page.getByTestId('link-register-unit').click()
        await page.waitForURL((url) => url.pathname === '/register/unit')
        await page.getByTestId('unit-name').fill(unit.name)
        await page.getByTestId('unit-credit-code').fill(unit.creditCode)
        await chooseOption(page, 'unit-type', '非公有制经济和社会组织')
        await chooseOption(page, 'unit-parent', PROVINCE_OFFICE)
        await page.getByTestId('unit-region').fill('南宁市')
        await page.getByTestId('unit-contact-name').fill('王联系')
        await page.getByTestId('unit-contact-phone').fill('13800138000')
        await page.getByTestId('unit-login').fill(unit.login)
        await page.getByTestId('unit-password').fill(unit.password)
        await page.getByTestId('unit-confirm').fill(unit.password)
        await page.getByTestId('unit-submit').click()
        await page.getByTestId('register-done').waitFor()
        assert.deepEqual(problems, [])
      } finally {
        await context.close()
      }
    }

    // 2. office1 approves it.
    {
      const { context, page, problems } = await newSession(browser, server.baseUrl)
      try {
        await login(page, 'office1')
        await page.getByTestId('menu-unit-registrations').click()
        await page.waitForURL((url) => url.pathname === '/unit-registrations')
        const row = page.locator('[data-testid="unit-reg-table"] .el-table__body-wrapper tr', { hasText: unit.name })
        await row.waitFor()
        await row.locator('[data-testid^="approve-"]').click()
        await page.locator('.el-message-box').getByRole('button', { name: '通过' }).click()
        await page.locator('.el-message--success').first().waitFor()
        await row.waitFor({ state: 'detached' })
        await page.getByTestId('tab-active').click()
        await page
          .locator('[data-testid="unit-reg-table"] .el-table__body-wrapper tr', { hasText: unit.name })
          .waitFor()
        await logout(page)
        assert.deepEqual(problems, [])
      } finally {
        await context.close()
      }
    }

    // 3. The unit's own account logs in and sees the unit administrator's menu.
    {
      const { context, page, problems } = await newSession(browser, server.baseUrl)
      try {
        await login(page, unit.login, unit.password)
        assert.deepEqual(await visibleMenus(page), menusFor(['unit_admin']))
        await page.getByTestId('menu-unit-reviewer').click()
        await page.waitForURL((url) => url.pathname === '/unit/reviewer')
        await page.getByTestId('reviewer-current').waitFor()
        assert.deepEqual(problems, [])
      } finally {
        await context.close()
      }
    }
  })
})
