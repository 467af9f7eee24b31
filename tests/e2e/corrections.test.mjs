// A recorded correction after the committee list, in the browser: the office changes a field through the applicant's
// own section form (not raw data), with a reason; the office and the applicant then read what changed, before and
// after, and so do the unit's and the department's reviewers. The dossier reaches the list through the API.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { loggedIn, runSql } from '../lib/server.mjs'
import { demoChain } from '../lib/dossiers.mjs'
import { fillInput, inSession, knownApplicant, launchBrowser, skipReason, startBackend, stateIs } from './support.mjs'

const POWER = '示范县供电有限公司'
const HOSPITAL = '示范市第一人民医院' // supervised by a department: its dossiers pass the department's review
const server = await startBackend()

describe('corrections after the committee list', { skip: server ? false : skipReason() }, () => {
  let browser
  let demo
  let applicant
  let d
  let before_post
  let hd

  before(async () => {
    browser = await launchBrowser()
    demo = await demoChain(server)
    applicant = await knownApplicant(server.baseUrl, demo.orgId(POWER), '覃志强', 'co')
    d = await demo.accepted(applicant.client, POWER)
    // One through the department as well, accepted by the office like the first.
    const nurse = await knownApplicant(server.baseUrl, demo.orgId(HOSPITAL), '韦秀兰', 'cd')
    const { d: viaDept, state } = await demo.chain.recommended(nurse.client, HOSPITAL)
    assert.equal(state, 'dept_review')
    hd = viaDept
    let r = await (await loggedIn(server.baseUrl, 'dept1')).post('/api/v1/review/dept-forward', { ids: [hd.id] })
    assert.equal(r.status, 200, r.text)
    r = await demo.office.post(`/api/v1/dossiers/${hd.id}/office-review/accept`)
    assert.equal(r.status, 200, r.text)
    r = await demo.office.post(`/api/v1/campaigns/${demo.campaign.id}/initial-publicity`)
    assert.equal(r.status, 200, r.text)
    runSql(server, `UPDATE dossiers SET publicity_ends_at = ${Date.now() - 1000} WHERE state = 'office_publicity'`)
    r = await demo.office.post(`/api/v1/campaigns/${demo.campaign.id}/committee-list`)
    assert.equal(r.status, 200, r.text)
    const view = (await demo.office.get(`/api/v1/dossiers/${d.id}`)).data
    assert.equal(view.state, 'sent_to_committee')
    before_post = view.sections.basic.data.current_post
    assert.ok(before_post)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the office corrects a field in the section form, with a reason; the card shows before and after', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.goto(`/review/office/dossiers/${d.id}`)
      await stateIs(page, 'sent_to_committee')
      assert.equal(await page.getByTestId('corrections-card').count(), 0, 'no correction yet')
      await page.getByTestId('office-correct').click()
      const dialog = page.getByTestId('correction-dialog')
      await dialog.waitFor()
      // The applicant's own form, holding what the section holds now; no raw data to edit.
      const post = dialog.getByTestId('basic-current_post').locator('input')
      assert.equal(await post.inputValue(), before_post)
      assert.equal(await dialog.locator('textarea.zp-mono').count(), 0)

      await post.fill('党委办公室主任（更正）')
      // Without a reason nothing is sent.
      await dialog.getByTestId('correction-confirm').click()
      await dialog.locator('.el-form-item__error').first().waitFor()
      assert.equal((await demo.office.get(`/api/v1/dossiers/${d.id}`)).data.sections.basic.data.current_post, before_post)

      await fillInput(page, 'correction-reason', '单位来函更正职务名称笔误（示范供电人〔2026〕3号）。')
      await dialog.getByTestId('correction-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      const card = page.getByTestId('corrections-card')
      await card.waitFor()
      const change = card.getByTestId('correction-change').filter({ hasText: '党委办公室主任（更正）' })
      await change.filter({ hasText: before_post }).waitFor()
      await card.filter({ hasText: '单位来函更正职务名称笔误' }).filter({ hasText: '基本信息' }).waitFor()
    }))

  test('the applicant reads the correction on the dossier page', () =>
    inSession(browser, server.baseUrl, applicant, async (page) => {
      await page.goto(`/dossiers/${d.id}`)
      await stateIs(page, 'sent_to_committee')
      const card = page.getByTestId('corrections-card')
      await card.getByTestId('correction-change').filter({ hasText: before_post }).filter({ hasText: '党委办公室主任（更正）' }).waitFor()
      await card.filter({ hasText: '单位来函更正职务名称笔误' }).waitFor()
    }))

  test('the unit reviewer reads the correction on the review page', () =>
    inSession(browser, server.baseUrl, 'unitreviewer2', async (page) => {
      await page.goto(`/review/unit/dossiers/${d.id}`)
      await stateIs(page, 'sent_to_committee')
      const card = page.getByTestId('corrections-card')
      await card.getByTestId('correction-change').filter({ hasText: before_post }).filter({ hasText: '党委办公室主任（更正）' }).waitFor()
      await card.filter({ hasText: '单位来函更正职务名称笔误' }).waitFor()
    }))

  test('the department reviewer reads a correction on the review page', async () => {
    const basic = (await demo.office.get(`/api/v1/dossiers/${hd.id}`)).data.sections.basic.data
    const r = await demo.office.post(`/api/v1/dossiers/${hd.id}/corrections`, {
      section: 'basic',
      data: { ...basic, current_post: '护理部干事（更正）' },
      reason: '主管部门来函更正职务名称。',
    })
    assert.equal(r.status, 204, r.text)
    await inSession(browser, server.baseUrl, 'dept1', async (page) => {
      await page.goto(`/review/dept/dossiers/${hd.id}`)
      await stateIs(page, 'sent_to_committee')
      const card = page.getByTestId('corrections-card')
      await card.getByTestId('correction-change').filter({ hasText: '护理部干事（更正）' }).waitFor()
      await card.filter({ hasText: '主管部门来函更正职务名称' }).waitFor()
    })
  })

  test('the server records the correction with the section before and after', async () => {
    const view = (await demo.office.get(`/api/v1/dossiers/${d.id}`)).data
    assert.equal(view.sections.basic.data.current_post, '党委办公室主任（更正）')
    const [c] = (await applicant.client.get(`/api/v1/dossiers/${d.id}/review-record`)).data.corrections
    assert.equal(c.before.current_post, before_post)
    assert.equal(c.after.current_post, '党委办公室主任（更正）')
  })
})
