import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { asUser, chooseOption, fillInput, inputOf, skipReason, startBackend, uniqueSuffix, useBrowser } from './support.mjs'

const server = await startBackend()

async function openDialog(page) {
  await page.locator('[data-testid="menu-integrity"]:visible').click()
  await page.getByTestId('integrity-page').waitFor()
  await page.getByTestId('integrity-add').click()
  const dialog = page.getByTestId('integrity-dialog')
  await dialog.waitFor()
  return dialog
}

const rowOf = (page, text) => page.getByTestId('integrity-table').locator('.el-table__body tr', { hasText: text }).first()

describe('integrity records (诚信档案)', { skip: server ? false : skipReason() }, () => {
  const shared = useBrowser(server)

  test('office1 records a unit and sees it listed as in force', () =>
    asUser(shared, 'office1', async ({ page, problems }) => {
      const dialog = await openDialog(page)
      // Nothing chosen, nothing written: both problems shown, nothing sent.
      await page.getByTestId('integrity-submit').click()
      await dialog.locator('.el-form-item__error', { hasText: '请选择单位' }).waitFor()
      await dialog.locator('.el-form-item__error', { hasText: '请填写记录事由' }).waitFor()

      const reason = `虚报业绩，经核查属实 ${uniqueSuffix()}`
      await chooseOption(page, 'integrity-unit', '示范建设工程有限公司')
      await dialog.locator('.el-form-item__error', { hasText: '请选择单位' }).waitFor({ state: 'detached' })
      await fillInput(page, 'integrity-reason', reason)
      await fillInput(page, 'integrity-evidence', '示人社函〔2026〕1号')
      // Starts today by default; the preview says it is in force.
      await dialog.getByTestId('integrity-term').getByText('期限内').waitFor()
      await page.getByTestId('integrity-submit').click()
      await dialog.waitFor({ state: 'hidden' })

      const row = rowOf(page, reason)
      await row.getByText('示范建设工程有限公司').waitFor()
      await row.getByText('单位', { exact: true }).waitFor()
      await row.getByText('期限内').waitFor()
      assert.deepEqual(problems, [])
    }))

  test('a person from a unit’s staff, with a period already over, is listed as ended', () =>
    asUser(shared, 'office1', async ({ page }) => {
      const dialog = await openDialog(page)
      await dialog.getByTestId('integrity-subject').getByText('个人').click()
      await chooseOption(page, 'integrity-person-unit', '示范县供电有限公司')
      await chooseOption(page, 'integrity-person', '孙丽')
      const reason = `伪造学历 ${uniqueSuffix()}`
      await fillInput(page, 'integrity-reason', reason)
      const start = inputOf(page, 'integrity-starts-on')
      await start.click()
      await start.fill('2015-03-01')
      await start.press('Enter')
      // (Escape would close the dialog, not only the calendar.)
      await page.locator('.el-picker-panel:visible').waitFor({ state: 'hidden' })
      await dialog.getByTestId('integrity-term').getByText('已期满').waitFor()
      await page.getByTestId('integrity-submit').click()
      await dialog.waitFor({ state: 'hidden' })
      const row = rowOf(page, reason)
      await row.getByText('孙丽').waitFor()
      await row.getByText('示范县供电有限公司').waitFor()
      await row.getByText('已期满').waitFor()
    }))

  test('an unknown user ID is refused under the field with the server’s message', () =>
    asUser(shared, 'office1', async ({ page }) => {
      const dialog = await openDialog(page)
      await dialog.getByTestId('integrity-subject').getByText('个人').click()
      await dialog.getByTestId('integrity-pick-by').getByText('按用户编号').click()
      await fillInput(page, 'integrity-user-id', '987654')
      await fillInput(page, 'integrity-reason', '测试')
      await page.getByTestId('integrity-submit').click()
      await dialog.locator('.el-form-item__error', { hasText: '人员不存在' }).waitFor()
      assert.ok(await dialog.isVisible())
    }))

  test('at phone width the page and the dialog fit the screen', () =>
    asUser(
      shared,
      'office1',
      async ({ page }) => {
        await page.getByTestId('nav-toggle').click()
        await openDialog(page)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`)
      },
      { viewport: { width: 375, height: 812 } },
    ))
})
