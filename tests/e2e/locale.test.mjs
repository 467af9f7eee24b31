import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, login, newSession, skipReason, startBackend } from './support.mjs'

const server = await startBackend()

const menuTexts = (page) =>
  page.locator('[data-testid^="menu-"]:visible').evaluateAll((els) => els.map((e) => e.textContent.trim()))

describe('language switch', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('Chinese first; English from the header, remembered after reload', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      assert.deepEqual(await menuTexts(page), [
        '首页',
        '消息中心',
        '我的账户',
        '受理审核',
        '组织机构',
        '单位注册审核',
        '审核人核准',
        '系列与材料清单',
        '评审工作',
        '工作日历',
        '诚信档案',
        '发出的委托评审',
      ])

      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('menu-home').getByText('Home').waitFor()
      assert.deepEqual(await menuTexts(page), [
        'Home',
        'Messages',
        'My account',
        "Office's review",
        'Organisations',
        'Unit registrations',
        'Reviewer approvals',
        'Series and checklists',
        'Campaigns',
        'Working-day calendar',
        'Integrity records',
        'Delegations sent',
      ])
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

      await page.getByTestId('menu-unit-registrations').click()
      await page.locator('h1', { hasText: 'Unit registrations' }).waitFor()
      assert.match(await page.title(), /^Unit registrations - /)

      await page.reload()
      await page.getByTestId('menu-home').getByText('Home').waitFor()

      // The campaign pages speak English too, Element Plus included.
      await page.getByTestId('menu-campaigns').click()
      await page.locator('h1', { hasText: 'Campaigns' }).waitFor()
      await page.getByTestId('campaign-table').getByText('Published').waitFor()
      await page.getByTestId('menu-calendar').click()
      await page.getByTestId('calendar-working-days').getByText(/working days in the year/).waitFor()

      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('menu-home').getByText('首页').waitFor()
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the login page switches too', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await page.goto('/login')
      await page.getByTestId('login-submit').getByText('登录').waitFor()
      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('login-submit').getByText('Log in').waitFor()
      // Element Plus's own texts follow the switch (the empty select's placeholder).
      await page.getByTestId('link-register-unit').click()
      await page.getByTestId('unit-type').locator('.el-select__placeholder', { hasText: 'Select' }).waitFor()
      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('unit-type').locator('.el-select__placeholder', { hasText: '请选择' }).waitFor()
    } finally {
      await context.close()
    }
  })
})
