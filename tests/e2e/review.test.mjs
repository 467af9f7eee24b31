// The unit review in the browser: the reviewer's queue, a return with two comments, the applicant fixing exactly
// those and resubmitting, the reviewer seeing the changes and approving, messages, the public publicity page and an
// objection whose handling is recorded. Real server, real Chromium; only the dossier's preparation goes through the API.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { loggedIn } from '../lib/server.mjs'
import { dossierKit } from '../lib/dossiers.mjs'
import {
  ROOT,
  ensureArtifacts,
  fillInput,
  inputOf,
  knownApplicant,
  launchBrowser,
  login,
  logout,
  markProblem,
  newSession,
  returnWithProblems,
  resubmit,
  fixSection,
  uploadReturnedItem,
  skipReason,
  startBackend,
  stateIs,
} from './support.mjs'

const SAMPLE_PDF = join(ROOT, 'tests', 'fixtures', 'sample.pdf')
const HOSPITAL = '示范市第一人民医院'
const server = await startBackend()

const fill = fillInput

async function badgeCount(page) {
  return Number(await page.getByTestId('message-badge').getAttribute('data-count'))
}

describe('unit review, returns, messages and unit publicity in the browser', { skip: server ? false : skipReason() }, () => {
  let browser
  let applicant // { login, password, name, residentId, phone }
  let dossierId
  let unitId
  const workComment = '工作经历中的现任职务与任职文件不一致，请更正'
  const papersComment = '论文须补充期刊封面和目录页'
  const objectionText = '该同志代表性论文与他人论文内容高度雷同，请核查'

  before(async () => {
    browser = await launchBrowser()
    const office = await loggedIn(server.baseUrl, 'office1')
    const orgs = (await office.get('/api/v1/orgs')).data.items
    const campaign = (await office.get('/api/v1/campaigns')).data.items[0]
    const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work')
    const kit = dossierKit(server, { orgs, campaign, pw })
    unitId = orgs.find((o) => o.name === HOSPITAL).id

    // An applicant whose resident ID and phone are known, to prove the public page shows neither.
    applicant = await knownApplicant(server.baseUrl, unitId, '林晓峰', 'rv')
    dossierId = (await kit.submitted(applicant.client)).id
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the unit reviewer starts the review and returns the dossier with two comments', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'unitreviewer1')
      await page.getByTestId('menu-review-queue').click()
      await page.waitForURL((url) => url.pathname === '/review/unit')
      await page.getByTestId('queue-tab-submitted').click()
      await page.waitForURL((url) => url.searchParams.get('state') === 'submitted')
      assert.ok(Number(await page.locator('[data-testid="queue-tab-submitted"] [data-count]').getAttribute('data-count')) >= 1)
      await page.getByTestId(`queue-days-${dossierId}`).filter({ hasText: '0 天' }).waitFor()
      await page.getByTestId(`queue-open-${dossierId}`).click()
      await page.waitForURL((url) => url.pathname === `/review/unit/dossiers/${dossierId}`)
      await page.getByTestId('review-applicant').filter({ hasText: applicant.name }).waitFor()
      await page.getByTestId('signals-panel').waitFor()

      // Nothing can be marked before the review starts.
      assert.ok(await page.locator('[data-testid="mark-section-work-problem"] input').isDisabled())
      await page.getByTestId('review-start').click()
      await stateIs(page, 'unit_review')

      await markProblem(page, 'mark-section-work', workComment)
      await markProblem(page, 'mark-item-papers', papersComment)
      await page.getByTestId('mark-section-education-ok').click()
      await page.locator('[data-testid="mark-section-education"][data-status="ok"]').waitFor()
      assert.ok(await page.getByTestId('review-approve').isDisabled(), 'open problems block the approval')

      // The return lists every problem before it is confirmed.
      const listed = [['section-work', workComment], ['item-papers', papersComment]]
      await returnWithProblems(page, 'review-return', listed, 'returned_to_applicant')
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the applicant reads the return, fixes exactly the two named parts and resubmits', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, applicant.login, applicant.password)
      // Two messages: the review started, the dossier was returned.
      await page.waitForFunction(() => document.querySelector('[data-testid="message-badge"]')?.getAttribute('data-count') === '2')
      await page.getByTestId('message-bell').click()
      await page.waitForURL((url) => url.pathname === '/messages')
      const returned = page.locator('[data-testid^="message-"][data-unread="1"]', { hasText: '退回' }).first()
      await returned.locator('[data-testid^="message-open-"]').click()
      await page.waitForURL((url) => url.pathname === `/dossiers/${dossierId}`)
      assert.equal(await badgeCount(page), 1, 'opening the message marks it read')

      const notice = page.getByTestId('return-notice')
      await notice.getByTestId('return-mark-section-work').filter({ hasText: workComment }).waitFor()
      await notice.getByTestId('return-mark-item-papers').filter({ hasText: papersComment }).waitFor()
      await stateIs(page, 'returned_to_applicant')
      await page.getByTestId('tab-returned-work').waitFor()
      await page.getByTestId('tab-returned-checklist').waitFor()
      assert.equal(await page.getByTestId('tab-returned-basic').count(), 0)

      // What was not returned stays read-only.
      assert.ok(await inputOf(page, 'basic-current_post').isDisabled(), 'the basic section is locked')
      await page.getByTestId('tab-education').click()
      assert.equal(await page.getByTestId('edu-add').count(), 0)

      // The work section: its comment is shown and it can be changed.
      await fixSection(page, notice, 'work', workComment, 'work-0-post', '党委办公室主任')

      // The checklist: only the papers take a new file.
      await uploadReturnedItem(page, 'papers', papersComment, SAMPLE_PDF, '已传 2/')

      await resubmit(page, 'unit_review')
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the reviewer sees what changed and approves with the recommendation (screenshot tests/artifacts/unit-review.png)', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'unitreviewer1')
      await page.goto(`/review/unit/dossiers/${dossierId}`)
      await stateIs(page, 'unit_review')
      await page.getByTestId('changes-banner').waitFor()
      await page.getByTestId('changes-sections').filter({ hasText: '工作经历' }).waitFor()
      await page.getByTestId('changes-attachments').waitFor()
      await page.getByTestId('changed-work').waitFor()
      await page.getByTestId('changed-item-papers').waitFor()
      assert.equal(await page.getByTestId('changed-education').count(), 0)
      assert.equal(await page.getByTestId('changed-basic').count(), 0)
      assert.equal(await page.getByTestId('review-section-work').locator('td', { hasText: '党委办公室主任' }).count(), 1)

      await page.getByTestId('review-section-work').scrollIntoViewIfNeeded()
      await page.waitForFunction(() => document.getAnimations().length === 0)
      const shot = join(await ensureArtifacts(), 'unit-review.png')
      await page.screenshot({ path: shot, fullPage: true })
      assert.ok((await stat(shot)).size > 20000)

      // The new round starts unmarked; mark everything fine at once and approve.
      await page.getByTestId('mark-rest-ok').click()
      await page.locator('[data-testid="mark-item-papers"][data-status="ok"]').waitFor()
      await page.getByTestId('review-approve').click()
      const dialog = page.getByTestId('approve-dialog')
      await dialog.waitFor()
      await page.getByTestId('approve-confirm').click()
      await dialog.locator('.el-form-item__error', { hasText: '单位推荐意见' }).waitFor()
      await fill(page, 'approve-opinion', '该同志思想政治素质好，业绩突出，申报材料真实完整，同意推荐。')
      await page.getByTestId('approve-confirm').click()
      await stateIs(page, 'unit_publicity')
      await page.getByTestId('publicity-card').waitFor()
      await page.getByTestId('approve-opinion-shown').filter({ hasText: '同意推荐' }).waitFor()
      assert.equal(await page.getByTestId('publicity-link').getAttribute('href'), `/publicity/units/${unitId}`)
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the applicant is told of the approval and marks all messages read', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, applicant.login, applicant.password)
      await page.waitForFunction(() => document.querySelector('[data-testid="message-badge"]')?.getAttribute('data-count') === '2')
      await page.getByTestId('menu-messages').click()
      await page.locator('[data-testid^="message-"][data-unread="1"]', { hasText: '已通过单位审核' }).waitFor()
      await page.getByTestId('messages-read-all').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="message-badge"]')?.getAttribute('data-count') === '0')
      assert.equal(await page.locator('[data-testid^="message-"][data-unread="1"]').count(), 0)
      await page.getByTestId('message-badge').locator('.el-badge__content').waitFor({ state: 'hidden' })
      await logout(page)
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the public publicity page shows name and level, never the ID number or phone, and takes a named objection', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await page.goto(`/publicity/units/${unitId}`)
      await page.getByTestId('publicity-unit').filter({ hasText: HOSPITAL }).waitFor()
      const row = page.getByTestId('publicity-table').locator('tr', { hasText: applicant.name })
      await row.filter({ hasText: '政工 · 高级政工师' }).waitFor()
      const text = await page.locator('body').innerText()
      assert.ok(!text.includes(applicant.residentId), 'no resident ID number on the public page')
      assert.ok(!text.includes(applicant.phone), 'no phone number on the public page')
      assert.ok(!text.includes(applicant.residentId.slice(-6)) && !text.includes(applicant.phone.slice(-4)), 'not even in part')

      await page.getByTestId(`object-${dossierId}`).click()
      const dialog = page.getByTestId('objection-dialog')
      await dialog.getByTestId('objection-about').filter({ hasText: applicant.name }).waitFor()
      // Empty and bad input: each field says what is wrong.
      await page.getByTestId('objection-submit').click()
      await dialog.locator('.el-form-item__error', { hasText: '您的姓名' }).waitFor()
      await dialog.locator('.el-form-item__error', { hasText: '手机号码' }).waitFor()
      await dialog.locator('.el-form-item__error', { hasText: '反映内容' }).waitFor()
      await fill(page, 'objection-name', '赵建华')
      await fill(page, 'objection-phone', '12345')
      await fill(page, 'objection-content', '太短')
      await page.getByTestId('objection-submit').click()
      await dialog.locator('.el-form-item__error', { hasText: '11' }).waitFor()
      await dialog.locator('.el-form-item__error', { hasText: '至少 10 个字' }).waitFor()
      await fill(page, 'objection-phone', '13912345678')
      await fill(page, 'objection-content', objectionText)
      await page.getByTestId('objection-submit').click()
      await page.locator('.el-message-box', { hasText: '已收到您的反映' }).waitFor()
      await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('the objection reaches the reviewer, who records its handling', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'unitreviewer1')
      await page.getByTestId('message-bell').click()
      const message = page.locator('[data-testid^="message-"][data-unread="1"]', { hasText: '异议' }).first()
      await message.locator('[data-testid^="message-open-"]').click()
      await page.waitForURL((url) => url.pathname === `/review/unit/dossiers/${dossierId}`)
      const panel = page.getByTestId('objections-panel')
      const objection = panel.locator('[data-testid^="objection-"]', { hasText: objectionText }).first()
      await objection.waitFor()
      await objection.filter({ hasText: '139****5678' }).waitFor()
      assert.equal(await panel.getByText('13912345678').count(), 0, 'the objector\'s phone is masked')
      const id = (await objection.getAttribute('data-testid')).slice('objection-'.length)

      await page.getByTestId(`objection-save-${id}`).click()
      await objection.locator('.el-form-item__error', { hasText: '核查和处理情况' }).waitFor()
      await fill(page, `objection-handling-${id}`, '经核查，两篇论文主题相近但内容和数据不同，不存在抄袭。')
      await page.getByTestId(`objection-dismissed-${id}`).click()
      await page.getByTestId(`objection-save-${id}`).click()
      await page.getByTestId(`objection-handled-${id}`).filter({ hasText: '不存在抄袭' }).waitFor()
      await objection.locator('.el-tag', { hasText: '反映不属实' }).waitFor()

      await page.waitForFunction(() => document.getAnimations().length === 0)
      await page.screenshot({ path: join(await ensureArtifacts(), 'unit-review-publicity.png'), fullPage: true })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })
})
