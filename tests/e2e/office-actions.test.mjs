// The office's queue filters (series, several states at once) and voiding every application of a person in a year,
// in the browser. Dossiers are brought to their stage through the API; the steps under test go through the browser.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { demoChain } from '../lib/dossiers.mjs'
import { chooseOption, confirmBox, fillInput, inSession, knownApplicant, launchBrowser, skipReason, startBackend, stateIs } from './support.mjs'

const POWER = '示范县供电有限公司'
const server = await startBackend()

describe('the office queue’s filters and voiding a person’s year', { skip: server ? false : skipReason() }, () => {
  let browser
  let demo
  const rows = {} // dossier of each state the queue test uses: office_review, accepted, rejected

  before(async () => {
    browser = await launchBrowser()
    demo = await demoChain(server)
    const applicant = async (name) => (await knownApplicant(server.baseUrl, demo.orgId(POWER), name, 'oq')).client
    rows.office_review = (await demo.chain.recommended(await applicant('蒙晓东'), POWER)).d
    rows.accepted = await demo.accepted(await applicant('韦丽萍'), POWER)
    rows.rejected = (await demo.chain.recommended(await applicant('陆建华'), POWER)).d
    const r = await demo.office.post(`/api/v1/dossiers/${rows.rejected.id}/office-review/reject`, { reason: '不符合申报条件' })
    assert.equal(r.status, 200, r.text)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the series and a choice of several states narrow the queue; the tabs keep their counts', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.getByTestId('menu-office-queue').click()
      await page.waitForURL((url) => url.pathname === '/review/office')
      const table = page.getByTestId('queue-table')
      const shown = async (key, yes) => table.getByTestId(`queue-open-${rows[key].id}`).waitFor({ state: yes ? 'visible' : 'detached' })
      for (const key of Object.keys(rows)) await shown(key, true)

      // No dossier of the 卫生 series: none of them is left.
      const health = (await demo.office.get('/api/v1/series')).data.items.find((s) => s.code === 'health')
      await chooseOption(page, 'filter-series_id', '卫生')
      await page.waitForURL((url) => url.searchParams.get('series_id') === String(health.id))
      for (const key of Object.keys(rows)) await shown(key, false)
      await chooseOption(page, 'filter-series_id', '政工')
      await page.waitForURL((url) => url.searchParams.get('series_id') === String(demo.pw.id))
      for (const key of Object.keys(rows)) await shown(key, true)

      // Two states at once: sent as one comma-separated parameter; the rejected one goes.
      // (A multiple choice stays open after each option.)
      await chooseOption(page, 'filter-state', '职改办受理审核中')
      await page.waitForURL((url) => url.searchParams.get('state') === 'office_review')
      await page.locator('.el-select-dropdown__item:visible', { hasText: '已受理' }).click()
      await page.keyboard.press('Escape')
      await page.waitForURL((url) => url.searchParams.get('state') === 'office_review,accepted')
      await shown('rejected', false)
      await shown('office_review', true)
      await shown('accepted', true)
      // The tabs still count every state (the rejected one included).
      await page.getByTestId('queue-tab-rejected').locator('[data-count]').waitFor()
      assert.ok(Number(await page.getByTestId('queue-tab-rejected').locator('[data-count]').getAttribute('data-count')) >= 1)

      // A tab is one state again, and the choice shows it.
      await page.getByTestId('queue-tab-rejected').click()
      await page.waitForURL((url) => url.searchParams.get('state') === 'rejected')
      await shown('rejected', true)
      await shown('office_review', false)
      await shown('accepted', false)
      await page.getByTestId('filter-state').locator('.el-tag', { hasText: '不予受理' }).waitFor()
      assert.equal(new URL(page.url()).searchParams.get('series_id'), String(demo.pw.id), 'the series stays chosen')
    }))

  test('the office voids every application of the person that year from one dossier', async () => {
    const a = await knownApplicant(server.baseUrl, demo.orgId(POWER), '农海燕', 'vy')
    const { d } = await demo.chain.recommended(a.client, POWER)
    const me = (await a.client.get('/api/v1/me')).data.user
    await inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.goto(`/review/office/dossiers/${d.id}`)
      await stateIs(page, 'office_review')
      await page.getByTestId('office-void-year').click()
      const dialog = page.getByTestId('void-year-dialog')
      await dialog.filter({ hasText: `${d.year} 年度` }).waitFor()
      assert.equal(await dialog.getByTestId('void-kind').count(), 0, 'no kind to choose: it is a duplicate application')

      // Reason and evidence are both needed; nothing is sent without them.
      await page.getByTestId('void-year-dialog').getByTestId('void-confirm').click()
      await dialog.locator('.el-form-item__error', { hasText: '作废理由' }).waitFor()
      await dialog.locator('.el-form-item__error', { hasText: '请写明重复申报的证据' }).waitFor()

      await fillInput(page, 'void-reason', '同年在外省申报同一级别')
      await fillInput(page, 'void-evidence', '外省职改办来函（2026）12号')
      await dialog.getByTestId('void-confirm').click()
      await confirmBox(page, '确认作废')
      await stateIs(page, 'void')
      const result = page.getByTestId('void-year-result')
      await result.filter({ hasText: `已作废“农海燕”${d.year} 年度的 1 份申报材料` }).waitFor()
      await result.getByTestId(`voided-${d.id}`).filter({ hasText: '（本份）' }).filter({ hasText: '政工 · 高级政工师' }).waitFor()
      await result.getByTestId(`voided-state-${d.id}`).and(page.locator('[data-state="void"]')).waitFor()
      assert.equal(await page.getByTestId('office-void-year').count(), 0, 'nothing is left to void')
    })
    assert.equal((await demo.office.get(`/api/v1/dossiers/${d.id}`)).data.state, 'void')
    const records = (await demo.office.get('/api/v1/integrity-records')).data.items
    assert.ok(records.some((x) => x.user_id === me.id && x.in_force && x.evidence === '外省职改办来函（2026）12号'))
  })
})
