import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { loggedIn } from '../lib/server.mjs'
import { asUser, chooseOption, fillInput, inputOf, pickDate, skipReason, startBackend, uniqueSuffix, useBrowser } from './support.mjs'

const server = await startBackend()
const HOSPITAL = '示范市第一人民医院'

/** Today in Asia/Shanghai, and the same day `years` later (YYYY-MM-DD). */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const yearsLater = (day, years) => {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10)
}

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
  let office
  /** A record in force from today about the hospital, entered through the API; its id and reason. */
  async function hospitalRecord(what) {
    office ??= await loggedIn(server.baseUrl, 'office1')
    const unit = (await office.get('/api/v1/orgs')).data.items.find((o) => o.name === HOSPITAL)
    const reason = `${what} ${uniqueSuffix()}`
    const r = await office.post('/api/v1/integrity-records', { unit_id: unit.id, reason, starts_on: today(), years: 3 })
    assert.equal(r.status, 201, r.text)
    return { id: r.data.id, reason }
  }
  const recordOf = async (id) => (await office.get('/api/v1/integrity-records?page_size=200')).data.items.find((x) => x.id === id)

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

  test('with a campaign chosen and no years, the campaign’s period applies', () =>
    asUser(shared, 'office1', async ({ page }) => {
      const campaign = (await (office ?? (office = await loggedIn(server.baseUrl, 'office1'))).get('/api/v1/campaigns')).data.items[0]
      assert.equal(campaign.integrity_years, 5, 'the demo campaign keeps records 5 years, not the default 3')
      const dialog = await openDialog(page)
      await chooseOption(page, 'integrity-unit', HOSPITAL)
      const reason = `评审中请托说情 ${uniqueSuffix()}`
      await fillInput(page, 'integrity-reason', reason)
      const end = yearsLater(today(), 5)
      await dialog.getByTestId('integrity-term').filter({ hasText: yearsLater(today(), 3) }).waitFor()
      await chooseOption(page, 'integrity-campaign', campaign.name)
      await dialog.getByTestId('integrity-term').filter({ hasText: `5 年，至 ${end} 期满` }).waitFor()
      await page.getByTestId('integrity-submit').click()
      await dialog.waitFor({ state: 'hidden' })
      await rowOf(page, reason).getByText(`5 年，至 ${end} 期满`).waitFor()
      const saved = (await office.get('/api/v1/integrity-records')).data.items.find((x) => x.reason === reason)
      assert.deepEqual([saved.years, saved.ends_on, saved.in_force], [5, end, true])
    }))

  test('a record ended early: refusals under the fields, then the row shows it ended and why', () =>
    asUser(shared, 'office1', async ({ page, problems }) => {
      const { id, reason } = await hospitalRecord('未按规定报送材料')
      await page.goto('/integrity')
      const row = rowOf(page, reason)
      await row.locator('[data-term="in_force"]').waitFor()
      await page.getByTestId(`integrity-end-${id}`).click()
      const dialog = page.getByTestId('reason-dialog')
      await dialog.getByTestId('reason-warning').filter({ hasText: yearsLater(today(), 3) }).waitFor()
      assert.equal(await inputOf(page, 'integrity-end-date').inputValue(), today(), 'the end date defaults to today')

      // No reason: refused before anything is sent.
      await page.getByTestId('reason-confirm').click()
      await dialog.locator('.el-form-item__error', { hasText: '请填写终止理由' }).waitFor()
      // A day before the record started: the server's refusal stands under the date, and nothing changes.
      await fillInput(page, 'reason-input', '行政复议撤销原认定')
      await pickDate(page, 'integrity-end-date', '2020-01-01')
      await page.getByTestId('reason-confirm').click()
      await dialog.locator('.el-form-item__error', { hasText: '终止日期应在记录开始日期' }).waitFor()
      assert.equal((await recordOf(id)).end_reason, null)

      await pickDate(page, 'integrity-end-date', today())
      await page.getByTestId('reason-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      await row.locator('[data-term="ended"]').filter({ hasText: '已提前终止' }).waitFor()
      await page.getByTestId(`integrity-ended-${id}`).filter({ hasText: '行政复议撤销原认定' }).waitFor()
      await page.getByTestId(`integrity-period-${id}`).filter({ hasText: `至 ${today()} 止` }).waitFor()
      assert.equal(await page.getByTestId(`integrity-end-${id}`).count(), 0, 'an ended record cannot be ended again')
      const saved = await recordOf(id)
      assert.deepEqual([saved.ends_on, saved.in_force, saved.end_reason], [today(), false, '行政复议撤销原认定'])
      assert.deepEqual(problems, [])
    }))

  test('a record someone else ended meanwhile: the server’s refusal is said and the row updated', () =>
    asUser(shared, 'office1', async ({ page }) => {
      const { id, reason } = await hospitalRecord('重复录入')
      await page.goto('/integrity')
      await page.getByTestId(`integrity-end-${id}`).click()
      await fillInput(page, 'reason-input', '录入错误')
      const r = await office.post(`/api/v1/integrity-records/${id}/end`, { reason: '另一位工作人员已办理' })
      assert.equal(r.status, 200, r.text)
      await page.getByTestId('reason-confirm').click()
      await page.locator('.el-message--error', { hasText: '该诚信记录已被提前终止' }).waitFor()
      await page.getByTestId('reason-dialog').waitFor({ state: 'hidden' })
      await rowOf(page, reason).locator('[data-term="ended"]').waitFor()
      await page.getByTestId(`integrity-ended-${id}`).filter({ hasText: '另一位工作人员已办理' }).waitFor()
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
