// The review chain after unit publicity in the browser: the unit reviewer's interview and recommendation; the office's
// one-time notice with two problems, the applicant reading it on the timeline, fixing both and resubmitting; the office
// accepting and publishing the initial-review publicity; the public page (no ID number, no phone); the department's
// batch forward. Real server, real Chromium; dossiers are brought to their stage through the API (chainKit), and the
// steps under test go through the browser.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { loggedIn } from '../lib/server.mjs'
import { chainKit, dossierKit } from '../lib/dossiers.mjs'
import {
  ROOT,
  confirmBox,
  ensureArtifacts,
  fillInput,
  fixSection,
  inputOf,
  inSession,
  knownApplicant,
  launchBrowser,
  markProblem,
  pickDate,
  resubmit,
  returnWithProblems,
  skipReason,
  startBackend,
  stateIs,
  uploadReturnedItem,
} from './support.mjs'

const SAMPLE_PDF = join(ROOT, 'tests', 'fixtures', 'sample.pdf')
const HOSPITAL = '示范市第一人民医院' // supervised by the health commission: recommendations go to the department
const POWER = '示范县供电有限公司' // no supervising department: recommendations go to the office
const server = await startBackend()

/** Waits until every animation is over, so a screenshot shows the page at rest. */
const settled = (page) => page.waitForFunction(() => document.getAnimations().length === 0)

describe('the office review, the one-time notice, publicity and the department in the browser', { skip: server ? false : skipReason() }, () => {
  let browser
  let office
  let campaign
  let applicant // the power company's applicant whose dossier the office returns once
  let dossierId
  let recommending // a dossier in unit publicity, recommended through the browser
  const forwarded = [] // the hospital's dossiers waiting for the department
  const eduComment = '学历证书编号与学信网验证码不一致，请核对后更正'
  const papersComment = '论文检索证明缺页，请补充完整'

  before(async () => {
    browser = await launchBrowser()
    office = await loggedIn(server.baseUrl, 'office1')
    const orgs = (await office.get('/api/v1/orgs')).data.items
    campaign = (await office.get('/api/v1/campaigns')).data.items[0]
    const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work')
    const kit = dossierKit(server, { orgs, campaign, pw })
    const reviewers = { [HOSPITAL]: await loggedIn(server.baseUrl, 'unitreviewer1'), [POWER]: await loggedIn(server.baseUrl, 'unitreviewer2') }
    const chain = chainKit(server, kit, { reviewerFor: async (unit) => reviewers[unit] })
    const powerId = orgs.find((o) => o.name === POWER).id

    applicant = await knownApplicant(server.baseUrl, powerId, '苏明远', 'of')
    const { d, state } = await chain.recommended(applicant.client, POWER)
    assert.equal(state, 'office_review')
    dossierId = d.id

    const other = await knownApplicant(server.baseUrl, powerId, '何静怡', 'rc')
    recommending = (await chain.inPublicity(other.client, POWER)).d
    chain.endPublicity(recommending.id) // the publicity's end is the clock's business, not the browser's

    for (const name of ['韩立新', '邓雅琴']) {
      const a = await knownApplicant(server.baseUrl, orgs.find((o) => o.name === HOSPITAL).id, name, 'dp')
      const r = await chain.recommended(a.client, HOSPITAL)
      assert.equal(r.state, 'dept_review')
      forwarded.push({ id: r.d.id, name })
    }
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the unit reviewer records the defense and recommends after the publicity', () =>
    inSession(browser, server.baseUrl, 'unitreviewer2', async (page) => {
      await page.goto(`/review/unit/dossiers/${recommending.id}`)
      await stateIs(page, 'unit_publicity')
      await page.locator('[data-testid="recommend-check-publicity"][data-ok="1"]').waitFor()
      await page.locator('[data-testid="recommend-check-interview"][data-ok="0"]').waitFor()

      // Without the interview the server refuses and the dialog says what to do.
      await page.getByTestId('review-recommend').click()
      await page.getByTestId('recommend-dialog').waitFor()
      await page.getByTestId('recommend-confirm').click()
      await page.getByTestId('recommend-refusal').filter({ hasText: '答辩或说课记录' }).waitFor()
      await page.getByTestId('recommend-dialog').getByRole('button', { name: '取消' }).click()

      await pickDate(page, 'interview-held-on', '2026-11-20')
      await fillInput(page, 'interview-panel', '单位考评小组5人')
      await fillInput(page, 'interview-summary', '答辩思路清晰，回答问题准确。')
      await page.getByTestId('interview-save').click()
      await page.locator('[data-testid="recommend-check-interview"][data-ok="1"]').waitFor()

      await page.getByTestId('review-recommend').click()
      assert.ok((await inputOf(page, 'recommend-opinion').inputValue()).length > 0, 'the approval opinion is offered again')
      assert.match(await inputOf(page, 'recommend-publicity-result').inputValue(), /未收到异议/)
      await page.getByTestId('recommend-confirm').click()
      await stateIs(page, 'office_review')
      await page.getByTestId('record-card').filter({ hasText: '答辩思路清晰' }).waitFor()
    }))

  test('the office sends a one-time notice naming two problems (screenshot tests/artifacts/office-review.png)', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.getByTestId('menu-office-queue').click()
      await page.waitForURL((url) => url.pathname === '/review/office')
      await page.getByTestId('queue-tab-office_review').click()
      await page.waitForURL((url) => url.searchParams.get('state') === 'office_review')
      await page.getByTestId(`queue-flags-${dossierId}`).locator('[data-flag="unpaid"]').waitFor()
      await page.getByTestId(`queue-open-${dossierId}`).click()
      await page.waitForURL((url) => url.pathname === `/review/office/dossiers/${dossierId}`)
      await page.getByTestId('review-applicant').filter({ hasText: applicant.name }).waitFor()
      await page.getByTestId('review-level').filter({ hasText: '高级政工师' }).waitFor()
      await page.getByTestId('record-card').filter({ hasText: '同意推荐' }).waitFor()
      await page.getByTestId('signals-panel').waitFor()

      await markProblem(page, 'mark-section-education', eduComment)
      await markProblem(page, 'mark-item-papers', papersComment)
      await page.getByTestId('mark-section-work-ok').click()
      await page.locator('[data-testid="mark-section-work"][data-status="ok"]').waitFor()
      assert.ok(await page.getByTestId('office-accept').isDisabled(), 'open problems block the acceptance')

      await page.getByTestId('review-section-education').scrollIntoViewIfNeeded()
      await settled(page)
      const shot = join(await ensureArtifacts(), 'office-review.png')
      await page.screenshot({ path: shot, fullPage: true })
      assert.ok((await stat(shot)).size > 20000)

      const listed = [['section-education', eduComment], ['item-papers', papersComment]]
      await returnWithProblems(page, 'office-return', listed, 'returned_once', async (dialog) =>
        assert.equal(await dialog.getByTestId('second-return').count(), 0, 'the first notice needs no justification'),
      )
    }))

  test('the applicant reads the notice on the timeline, fixes both problems and resubmits (screenshot timeline.png)', () =>
    inSession(browser, server.baseUrl, applicant, async (page) => {
      await page.goto(`/dossiers/${dossierId}`)
      await stateIs(page, 'returned_once')
      const notice = page.locator('[data-testid="return-notice"][data-by="office"]')
      await notice.filter({ hasText: '职改办一次性告知' }).waitFor()

      // The timeline: who holds it (a role and an organisation, no person), what is next, the return and its problems.
      const timeline = page.getByTestId('timeline')
      await timeline.getByTestId('timeline-holder').filter({ hasText: '申报人' }).waitFor()
      await timeline.getByTestId('timeline-next').filter({ hasText: '一次性告知' }).waitFor()
      const ret = timeline.getByTestId('timeline-return-1')
      await ret.filter({ hasText: eduComment }).filter({ hasText: papersComment }).waitFor()
      await ret.filter({ hasText: '职改办' }).waitFor()
      const text = await timeline.innerText()
      for (const person of ['陈静', '王芳', '赵强']) assert.ok(!text.includes(person), `no person's name on the timeline (${person})`)
      await timeline.scrollIntoViewIfNeeded()
      await settled(page)
      const shot = join(await ensureArtifacts(), 'timeline.png')
      await timeline.screenshot({ path: shot })
      assert.ok((await stat(shot)).size > 10000)

      // Only what the notice names may change.
      await page.getByTestId('tab-returned-education').waitFor()
      assert.equal(await page.getByTestId('tab-returned-work').count(), 0)
      await fixSection(page, notice, 'education', eduComment, 'edu-0-chsi_code', 'Z9Y8X7W6V5U4')
      await uploadReturnedItem(page, 'papers', papersComment, SAMPLE_PDF, '已传 2/')

      await resubmit(page, 'office_review', '职改办')
    }))

  test('the office sees what changed against the notice and accepts', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.goto(`/review/office/dossiers/${dossierId}`)
      await stateIs(page, 'office_review')
      const banner = page.getByTestId('changes-banner')
      await banner.getByTestId('changes-sections').filter({ hasText: '学历' }).waitFor()
      await banner.getByTestId('changes-items').waitFor()
      await banner.getByTestId('changes-asked').click()
      await banner.getByTestId('asked-section-education').filter({ hasText: eduComment }).waitFor()
      await page.getByTestId('changed-education').waitFor()
      await page.getByTestId('changed-item-papers').waitFor()
      assert.equal(await page.getByTestId('changed-work').count(), 0)

      await page.getByTestId('mark-rest-ok').click()
      await page.locator('[data-testid="mark-item-papers"][data-status="ok"]').waitFor()
      await page.getByTestId('office-accept').click()
      await confirmBox(page, '受理（初审通过）')
      await stateIs(page, 'accepted')
      await page.getByTestId('wait-publish').waitFor()
    }))

  test('the office publishes the initial-review publicity from the campaign', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.getByTestId('menu-campaigns').click()
      await page.getByTestId(`campaign-office-${campaign.id}`).click()
      await page.waitForURL((url) => url.pathname === `/campaigns/${campaign.id}/office`)
      const card = page.getByTestId('initial-publicity')
      await card.getByTestId('initial-publicity-waiting').filter({ hasText: '已受理 1 份' }).waitFor()
      await card.getByTestId('initial-publicity-publish').click()
      await confirmBox(page, '发布初审结果公示')
      await card.getByTestId('initial-publicity-done').filter({ hasText: '已发布 1 份' }).waitFor()

      // The list cannot go out while the publicity runs; every open matter is named.
      await page.getByTestId('committee-list-publish').click()
      await confirmBox(page, '公布送评名单')
      await page.getByTestId('committee-list-refusal').locator('li[data-code="publicity_running"]').first().waitFor()
      assert.equal((await office.get(`/api/v1/dossiers/${dossierId}`)).data.state, 'office_publicity')
    }))

  test('the public initial-publicity page shows the name and unit, never the ID number or phone', () =>
    inSession(browser, server.baseUrl, null, async (page) => {
      await page.goto(`/publicity/campaigns/${campaign.id}/initial`)
      await page.getByTestId('public-list-campaign').filter({ hasText: campaign.name }).waitFor()
      const row = page.getByTestId('public-list-table').locator('tr', { hasText: applicant.name })
      await row.filter({ hasText: POWER }).filter({ hasText: '高级政工师' }).filter({ hasText: '通过' }).waitFor()
      await row.getByTestId(`object-${dossierId}`).waitFor()
      const text = await page.locator('body').innerText()
      assert.ok(!text.includes(applicant.residentId), 'no resident ID number on the public page')
      assert.ok(!text.includes(applicant.phone), 'no phone number on the public page')
      assert.ok(!text.includes(applicant.residentId.slice(-6)) && !text.includes(applicant.phone.slice(-4)), 'not even in part')
    }))

  test('the department forwards two dossiers to the office in one batch', () =>
    inSession(browser, server.baseUrl, 'dept1', async (page) => {
      await page.getByTestId('menu-dept-queue').click()
      await page.waitForURL((url) => url.pathname === '/review/dept')
      const table = page.getByTestId('queue-table')
      assert.ok(await page.getByTestId('dept-forward').isDisabled(), 'nothing chosen yet')
      for (const d of forwarded) await table.locator('tr', { hasText: d.name }).locator('.el-checkbox').click()
      await page.getByTestId('dept-forward').filter({ hasText: '（2）' }).click()
      await confirmBox(page, '报送职改办')
      const results = page.getByTestId('forward-results')
      for (const d of forwarded) await results.locator(`[data-testid="forward-result-${d.id}"][data-ok="1"]`).filter({ hasText: d.name }).waitFor()
      await results.getByRole('button', { name: '关闭', exact: true }).click()
      for (const d of forwarded) await table.getByTestId(`queue-open-${d.id}`).waitFor({ state: 'detached' })
      for (const d of forwarded) assert.equal((await office.get(`/api/v1/dossiers/${d.id}`)).data.state, 'office_review')
    }))
})
