import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { randomFillSync } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import {
  ROOT,
  chooseOption,
  ensureArtifacts,
  fillInput,
  inputOf,
  launchBrowser,
  login,
  newSession,
  skipReason,
  startBackend,
  uniqueSuffix,
} from './support.mjs'

const SAMPLE_PDF = join(ROOT, 'tests', 'fixtures', 'sample.pdf')
const SAMPLE_JPG = join(ROOT, 'tests', 'fixtures', 'sample.jpg')
const CAMPAIGN = '示范省政工专业职务评审'
const server = await startBackend()

/** A valid 18-character resident ID (GB 11643) of a man born in `year`. */
function residentIdOfMan(year) {
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')
  const seq = String(Math.floor(Math.random() * 50) * 2 + 1 + Math.floor(Math.random() * 9) * 100).padStart(3, '0')
  const first17 = `110105${year}${month}${day}${seq}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[sum % 11]
}

async function registerApplicant(baseUrl) {
  const units = await (await fetch(`${baseUrl}/api/v1/public/units?q=${encodeURIComponent('医院')}`)).json()
  const unit = units.find((u) => u.name === '示范市第一人民医院')
  assert.ok(unit, 'the demo hospital is listed')
  const suffix = uniqueSuffix()
  const account = { login: `app_${suffix}`, password: `Applicant-${suffix}` }
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(`${baseUrl}/api/v1/register/applicant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: account.login,
        password: account.password,
        real_name: '周建国',
        phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        resident_id: residentIdOfMan(1982),
        unit_id: unit.id,
      }),
    })
    if (res.status === 201) return account
    if (res.status !== 409) assert.fail(`registration: ${res.status} ${await res.text()}`)
  }
  assert.fail('could not register a fresh applicant')
}

/** An RGB PNG of random pixels: it does not compress, so it is large (about 3 bytes a pixel). */
function noisePng(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  randomFillSync(raw)
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0 // filter: none
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const fill = fillInput

async function fillDate(page, testId, value) {
  const input = inputOf(page, testId)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.keyboard.press('Escape')
  assert.equal(await input.inputValue(), value)
}

async function pick(page, testId, optionText) {
  await page.getByTestId(testId).locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click()
}

async function waitSaved(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="save-status"]')
    return s && s.getAttribute('data-status') === 'saved'
  }, undefined, { timeout: 15000 })
}

async function violationCodes(page) {
  return page.locator('[data-testid^="violation-"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-testid')).filter((id) => id !== 'violation-count'),
  )
}

async function waitViolationGone(page, code) {
  await page.locator(`[data-testid="violation-${code}"]`).first().waitFor({ state: 'detached', timeout: 15000 })
}

describe('dossiers, catalog and campaigns in the browser', { skip: server ? false : skipReason() }, () => {
  let browser
  let account
  let dossierPath
  before(async () => {
    browser = await launchBrowser()
    account = await registerApplicant(server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('a new applicant fills every section, uploads the checklist, and submits (screenshot tests/artifacts/checklist.png)', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, account.login, account.password)
      await page.getByTestId('menu-dossiers').click()
      await page.waitForURL((url) => url.pathname === '/dossiers')

      // Start: 政工, 高级政工师 (deputy_senior) in the demo campaign.
      const open = page.getByTestId('open-campaigns')
      await open.getByText(CAMPAIGN).waitFor()
      await open.locator('[data-testid^="start-"]').first().click()
      const dialog = page.getByTestId('start-dialog')
      await dialog.waitFor()
      await dialog.getByText('政工', { exact: true }).first().waitFor()
      await chooseOption(page, 'start-level', '高级政工师')
      await page.getByTestId('start-submit').click()
      await page.waitForURL((url) => /^\/dossiers\/\d+$/.test(url.pathname))
      dossierPath = new URL(page.url()).pathname

      // A fresh dossier breaks several rules, all listed at once.
      await page.getByTestId('violations').waitFor()
      const initial = await violationCodes(page)
      for (const code of ['violation-education', 'violation-continuing_education', 'violation-checklist_missing']) {
        assert.ok(initial.includes(code), `expected ${code} among ${initial.join(', ')}`)
      }
      assert.ok(await page.getByTestId('dossier-submit').isDisabled(), 'submit is disabled while rules are broken')

      // 基本信息: the current title 政工师 (intermediate) since 2019-06-01.
      await fill(page, 'basic-current_title-name', '政工师')
      await pick(page, 'basic-current_title-level', '中级')
      await fillDate(page, 'basic-current_title-obtained_on', '2019-06-01')
      await fill(page, 'basic-current_post', '党委办公室主任')
      await waitSaved(page)

      // 学历: a regular bachelor's degree with a 12-character CHSI code.
      await page.getByTestId('tab-education').click()
      await page.getByTestId('edu-add').click()
      await pick(page, 'edu-0-level', '大学本科')
      await fill(page, 'edu-0-school', '示范大学')
      await fill(page, 'edu-0-major', '思想政治教育')
      await fillDate(page, 'edu-0-graduated_on', '2006-06-30')
      await fill(page, 'edu-0-degree', '法学学士')
      await fill(page, 'edu-0-chsi_code', `A1B2C3${String(Date.now()).slice(-6)}`)
      await waitSaved(page)
      await waitViolationGone(page, 'education')

      // 工作经历: professional work since 2006-07-01.
      await page.getByTestId('tab-work').click()
      await page.getByTestId('work-add').click()
      await fillDate(page, 'work-0-from', '2006-07-01')
      await fill(page, 'work-0-unit', '示范市第一人民医院')
      await fill(page, 'work-0-post', '政工干事')
      await waitSaved(page)

      // 继续教育: the five years before the campaign year, 30 public + 60 professional hours each.
      await page.getByTestId('tab-continuing_education').click()
      await page.getByTestId('ce-fill-years').click()
      for (let i = 0; i < 5; i++) {
        await fill(page, `ce-${i}-public_hours`, 30)
        await fill(page, `ce-${i}-professional_hours`, 60)
      }
      await waitSaved(page)
      await waitViolationGone(page, 'continuing_education')

      // 业绩成果: one paper.
      await page.getByTestId('tab-achievements').click()
      await page.getByTestId('paper-add').click()
      await fill(page, 'paper-0-title', `新时代医院思想政治工作创新研究${uniqueSuffix()}`)
      await fill(page, 'paper-0-journal', '思想政治工作研究')
      await fill(page, 'paper-0-issn', '1002-0047')
      await fillDate(page, 'paper-0-published_on', '2022-03-15')
      await waitSaved(page)

      const left = await violationCodes(page)
      for (const code of ['violation-education', 'violation-continuing_education', 'violation-tenure', 'violation-lower_title_years']) {
        assert.ok(!left.includes(code), `${code} should be gone; left: ${left.join(', ')}`)
      }

      // 材料清单: the violation about the photo links to its checklist item.
      await page
        .locator('[data-testid="violation-checklist_missing"][data-item="photo"]')
        .getByRole('button', { name: '去上传' })
        .click()
      await page.getByTestId('checklist').waitFor()
      await page.locator('[data-testid="checklist-item-photo"].highlighted').waitFor()

      // Every required item through the real file inputs; the photo takes JPEG only.
      const required = await page
        .locator('[data-testid^="checklist-item-"]')
        .filter({ has: page.locator('.el-tag', { hasText: '必传' }) })
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('checklist-item-'.length)))
      assert.ok(required.includes('photo') && required.length >= 7, `required items: ${required.join(', ')}`)

      // Hold the first two uploads (the JPEG photo, then a PDF) for a moment so that their progress bars are seen.
      let held = 0
      await page.route(
        (url) => /\/api\/v1\/dossiers\/\d+\/attachments\/[^/]+$/.test(url.pathname),
        async (route) => {
          if (route.request().method() === 'PUT' && held < 2) {
            held += 1
            await new Promise((resolve) => setTimeout(resolve, 1500))
          }
          await route.continue()
        },
      )
      const inOrder = ['photo', ...required.filter((code) => code !== 'photo')]
      for (const [i, code] of inOrder.entries()) {
        await page.getByTestId(`upload-input-${code}`).setInputFiles(code === 'photo' ? SAMPLE_JPG : SAMPLE_PDF)
        if (i < 2) await page.getByTestId(`upload-progress-${code}`).waitFor({ state: 'visible' })
        await page.getByTestId(`checklist-count-${code}`).filter({ hasText: /已传 1\// }).waitFor()
      }
      await page.unroute((url) => /\/api\/v1\/dossiers\/\d+\/attachments\/[^/]+$/.test(url.pathname))
      assert.equal(held, 2, 'the progress bars were shown during a JPEG and a PDF upload')

      // Previews: the photo in the image viewer, a PDF framed in a dialog (same origin).
      await page.getByTestId('checklist-item-photo').locator('[data-testid="attachment-preview"] img').click()
      await page.locator('.el-image-viewer__wrapper').waitFor()
      await page.locator('.el-image-viewer__close').click()
      await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' })
      await page.getByTestId('checklist-item-id_card').locator('[data-testid^="attachment-pdf-"]').click()
      const pdf = page.getByTestId('pdf-preview')
      const frame = pdf.locator('iframe')
      await frame.waitFor()
      assert.match(await frame.getAttribute('src'), /^\/api\/v1\/attachments\/\d+$/)
      await pdf.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click()
      await pdf.waitFor({ state: 'hidden' })

      // A second paper, then put it first (papers are ordered by quality).
      await page.getByTestId('upload-input-papers').setInputFiles(SAMPLE_JPG)
      await page.getByTestId('checklist-count-papers').filter({ hasText: '已传 2/' }).waitFor()
      const papers = page.getByTestId('checklist-item-papers').locator('[data-testid^="attachment-up-"]')
      const second = await papers.nth(1).getAttribute('data-testid')
      await papers.nth(1).click()
      await page.waitForFunction(
        (id) => document.querySelector('[data-testid="checklist-item-papers"] [data-testid^="attachment-up-"]')?.getAttribute('data-testid') === id,
        second,
      )

      // Every rule is met now.
      await page.getByTestId('violation-count').filter({ hasText: '全部符合' }).waitFor({ timeout: 15000 })
      assert.deepEqual(await violationCodes(page), [])
      await page.getByTestId('checklist-summary').filter({ hasText: `${required.length}/${required.length}` }).waitFor()

      await page.waitForFunction(() => document.getAnimations().length === 0)
      const shot = join(await ensureArtifacts(), 'checklist.png')
      await page.screenshot({ path: shot, fullPage: true })
      assert.ok((await stat(shot)).size > 20000)

      // Submit, confirm, and the dossier is read-only with a withdraw button.
      const submit = page.getByTestId('dossier-submit')
      assert.ok(await submit.isEnabled())
      await submit.click()
      await page.locator('.el-message-box').getByRole('button', { name: '提交申报' }).click()
      await page.locator('[data-testid="dossier-state"][data-state="submitted"]').waitFor()
      await page.getByTestId('submitted-banner').waitFor()
      await page.getByTestId('dossier-withdraw').waitFor()
      assert.equal(await page.getByTestId('dossier-submit').count(), 0)
      await page.getByTestId('tab-basic').click()
      assert.ok(await inputOf(page, 'basic-current_title-name').isDisabled(), 'inputs are read-only after submitting')
      assert.equal(await page.getByTestId('upload-input-photo').count(), 0)

      // The printable preview lists the sections and the attachments.
      await page.getByTestId('dossier-print').click()
      await page.waitForURL((url) => url.pathname === `${dossierPath}/print`)
      await page.getByTestId('print-attachments').waitFor()
      await page.getByTestId('print-page').getByText('示范大学').waitFor()
      assert.ok(await page.getByTestId('print-button').isVisible())
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  for (const reviewer of ['office1', 'unitreviewer1', 'dept1']) {
    test(`${reviewer} opens the submitted dossier read-only with the signals panel`, async (t) => {
      if (!dossierPath) return t.skip('no dossier from the previous test')
      const { context, page, problems } = await newSession(browser, server.baseUrl)
      try {
        await login(page, reviewer)
        await page.goto(dossierPath)
        await page.getByTestId('reviewer-banner').waitFor()
        await page.getByTestId('signals-panel').waitFor()
        await page.locator('[data-testid="dossier-state"][data-state="submitted"]').waitFor()
        assert.equal(await page.getByTestId('dossier-submit').count(), 0)
        assert.equal(await page.getByTestId('dossier-withdraw').count(), 0)
        assert.equal(await page.getByTestId('edu-add').count(), 0)
        assert.deepEqual(problems, [])
      } finally {
        await context.close()
      }
    })
  }

  test('the applicant does not see the signals panel', async (t) => {
    if (!dossierPath) return t.skip('no dossier from the previous test')
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await login(page, account.login, account.password)
      await page.goto(dossierPath)
      await page.getByTestId('check-panel').waitFor()
      await page.getByTestId('timeline').waitFor()
      assert.equal(await page.getByTestId('signals-panel').count(), 0)
    } finally {
      await context.close()
    }
  })

  test('at 375px the dossier editor fits the screen', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl, { viewport: { width: 375, height: 812 } })
    try {
      await login(page, 'applicant1')
      await page.goto('/dossiers')
      await page.getByTestId('open-campaigns').locator('[data-testid^="start-"]').first().click()
      await page.getByTestId('start-dialog').waitFor()
      await chooseOption(page, 'start-level', '高级政工师')
      await page.getByTestId('start-submit').click()
      await page.waitForURL((url) => /^\/dossiers\/\d+$/.test(url.pathname))
      await page.getByTestId('violations').waitFor()
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok((await overflow()) <= 1, `basic tab is ${await overflow()}px wider than the screen`)
      await page.getByTestId('tab-education').click()
      await page.getByTestId('edu-add').click()
      await page.getByTestId('edu-0-chsi_code').waitFor()
      assert.ok((await overflow()) <= 1, `education tab is ${await overflow()}px wider than the screen`)
      await page.getByTestId('tab-checklist').click()
      await page.getByTestId('checklist-item-photo').waitFor()
      assert.ok((await overflow()) <= 1, `checklist is ${await overflow()}px wider than the screen`)
      // The check panel is below the tabs, not beside them.
      const tabs = await page.getByTestId('dossier-tabs').boundingBox()
      const check = await page.getByTestId('check-panel').boundingBox()
      assert.ok(check.y > tabs.y, 'the check panel follows the editor')
      await page.screenshot({ path: join(await ensureArtifacts(), 'dossier-mobile.png'), fullPage: true })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('a section changed elsewhere opens the conflict dialog; server field errors show under the input', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'applicant1')
      await page.goto('/dossiers')
      await page.locator('[data-testid^="open-dossier-"]').first().click()
      await page.waitForURL((url) => /^\/dossiers\/\d+$/.test(url.pathname))
      const id = Number(new URL(page.url()).pathname.split('/').pop())
      await page.getByTestId('check-panel').waitFor()

      // Another tab saves the basic section first (same session, its own copy of the version).
      const me = await (await page.request.get('/api/v1/me')).json()
      const view = await (await page.request.get(`/api/v1/dossiers/${id}`)).json()
      const res = await page.request.put(`/api/v1/dossiers/${id}/sections/basic`, {
        headers: { 'X-CSRF-Token': me.csrf_token },
        data: { version: view.sections.basic.version, data: { current_post: '其他页面填写的职务' } },
      })
      assert.equal(res.status(), 200)

      // This page still has the old version: its save is refused and nothing is overwritten silently.
      await fill(page, 'basic-former_names', '张小明')
      const dialog = page.getByTestId('stale-dialog')
      await dialog.getByText('此栏目已在其他页面修改').waitFor()
      await page.locator('[data-testid="save-status"][data-status="failed"]').waitFor()
      await page.getByTestId('stale-load').click()
      await dialog.waitFor({ state: 'hidden' })
      assert.equal(await inputOf(page, 'basic-current_post').inputValue(), '其他页面填写的职务')
      assert.equal(await inputOf(page, 'basic-former_names').inputValue(), '')

      // Overlapping work periods pass the form's checks but not the server's: the message sits under the input.
      await page.getByTestId('tab-work').click()
      await page.getByTestId('work-add').click()
      await fillDate(page, 'work-0-from', '2010-01-01')
      await fill(page, 'work-0-unit', '示范市第一人民医院')
      await page.getByTestId('work-add').click()
      await fillDate(page, 'work-1-from', '2012-01-01')
      await fill(page, 'work-1-unit', '示范建设工程有限公司')
      const item = page.getByTestId('work-1-from')
      await item.locator('.el-form-item__error', { hasText: '重叠' }).waitFor({ timeout: 15000 })
      assert.match(await item.getAttribute('class'), /is-error/)
      await page.locator('[data-testid="save-status"][data-status="failed"]').waitFor()

      // Closing the first period before the second starts fixes it.
      await fillDate(page, 'work-0-to', '2011-12-31')
      await waitSaved(page)
      await item.locator('.el-form-item__error').waitFor({ state: 'detached' })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('a photo over the size limit is converted and compressed in the browser; a large PDF is refused with advice', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'applicant1')
      await page.goto('/dossiers')
      await page.locator('[data-testid^="open-dossier-"]').first().click()
      await page.waitForURL((url) => /^\/dossiers\/\d+$/.test(url.pathname))
      await page.getByTestId('tab-checklist').click()

      const png = noisePng(1400, 1000)
      assert.ok(png.length > 2 * 1024 * 1024, 'the test image is over the 2 MB limit')
      await page.getByTestId('upload-input-photo').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: png })
      const box = page.locator('.el-message-box')
      await box.getByText('scan.png').waitFor()
      await box.getByRole('button', { name: '压缩并上传' }).click()
      await page.getByTestId('checklist-count-photo').filter({ hasText: '已传 1/1' }).waitFor({ timeout: 30000 })
      const photo = page.getByTestId('checklist-item-photo')
      await photo.getByText('scan.jpg').waitFor()
      await photo.locator('[data-testid="attachment-preview"] img').waitFor()
      const attachments = (await (await page.request.get(new URL(page.url()).pathname.replace('/dossiers/', '/api/v1/dossiers/'))).json()).attachments
      const uploaded = attachments.find((a) => a.item_code === 'photo')
      assert.ok(uploaded, 'the photo is stored')
      assert.equal(uploaded.content_type, 'image/jpeg')
      assert.ok(uploaded.size <= 2 * 1024 * 1024, `compressed to ${uploaded.size} bytes`)

      // A PDF over the limit is not sent at all; the message says to compress or split it.
      let sent = false
      page.on('request', (r) => {
        if (r.method() === 'PUT' && r.url().includes('/attachments/id_card')) sent = true
      })
      const bigPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024 + 10, 0x20)])
      await page.getByTestId('upload-input-id_card').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: bigPdf })
      await page.locator('.el-message--error', { hasText: '压缩或拆分' }).waitFor()
      assert.equal(sent, false)
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('office1 sees the demo campaign, the 政工 series with its checklist, and the calendar', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      await page.getByTestId('menu-campaigns').click()
      await page.waitForURL((url) => url.pathname === '/campaigns')
      await page.locator('[data-testid^="campaign-name-"]', { hasText: CAMPAIGN }).first().waitFor()
      // The demo campaign is published: it can be extended, and its extensions listed.
      await page.locator('[data-testid^="campaign-extend-"]').first().waitFor()
      await page.locator('[data-testid^="campaign-extensions-"]').first().click()
      await page.getByTestId('extensions-dialog').getByText('没有延期记录').waitFor()
      await page.keyboard.press('Escape')

      await page.getByTestId('menu-catalog').click()
      await page.waitForURL((url) => url.pathname === '/catalog')
      await page.getByTestId('series-political_work').waitFor()
      await page.getByTestId('series-political_work').click()
      const detail = page.getByTestId('series-detail')
      await detail.getByText('政工', { exact: true }).first().waitFor()
      assert.equal(await inputOf(page, 'level-name-deputy_senior').inputValue(), '高级政工师')
      await page.getByTestId('catalog-tab-requirements').click()
      // office1 may edit the table: its cells are inputs.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="requirements-table"] input')].some((i) => i.value === '本科，任政工师5年'),
      )
      await page.getByTestId('catalog-tab-checklist').click()
      await page.getByTestId('checklist-table').getByText('2寸彩色照片').waitFor()

      await page.getByTestId('menu-calendar').click()
      await page.waitForURL((url) => url.pathname === '/calendar')
      await page.getByTestId('calendar-working-days').waitFor()
      await page.getByTestId('calc-run').click()
      await page.getByTestId('calc-result').waitFor()
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('when the application window has closed the editor is read-only with a banner giving the closing time', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'applicant1')
      // The campaign as if its application phase had closed yesterday.
      const closed = '2020-01-01T00:00:00+08:00'
      await page.route(/\/api\/v1\/campaigns\/\d+$/, async (route) => {
        const res = await route.fetch()
        const campaign = await res.json()
        campaign.phases = campaign.phases.map((p) => (p.phase === 'application' ? { ...p, opens_at: '2019-12-01T00:00:00+08:00', closes_at: closed } : p))
        await route.fulfill({ response: res, json: campaign })
      })
      await page.goto('/dossiers')
      await page.locator('[data-testid^="open-dossier-"]').first().click()
      const banner = page.getByTestId('window-banner')
      await banner.getByText('2020-01-01 00:00').waitFor()
      assert.ok(await inputOf(page, 'basic-former_names').isDisabled())
      assert.ok(await page.getByTestId('dossier-submit').isDisabled())
      await page.getByTestId('tab-checklist').click()
      assert.equal(await page.getByTestId('upload-input-photo').count(), 0)

      // A write the server refuses (its clock decides) turns the editor read-only with the server's message.
      await page.unroute(/\/api\/v1\/campaigns\/\d+$/)
      await page.route(/\/api\/v1\/dossiers\/\d+\/sections\/basic$/, (route) =>
        route.fulfill({
          status: 409,
          json: {
            error: {
              code: 'window_closed',
              message: '个人申报阶段已于 2026-12-23 00:00:00 截止，不能再办理；如有特殊情况请联系职改部门。',
              message_en: 'The application phase closed at 2026-12-23 00:00:00.',
              details: [{ code: 'window_closed', message: '已截止。', message_en: 'Closed.', phase: 'application', closes_at: '2026-12-23 00:00:00' }],
            },
          },
        }),
      )
      await page.reload()
      await page.getByTestId('check-panel').waitFor()
      await fill(page, 'basic-former_names', '张小明')
      await page.getByTestId('window-banner').getByText('2026-12-23 00:00:00 截止').waitFor({ timeout: 10000 })
      assert.ok(await inputOf(page, 'basic-former_names').isDisabled())
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  // Date pickers animate their popups closed; wait until none is shown before clicking elsewhere.
  const pickersClosed = (page) =>
    page.waitForFunction(() =>
      [...document.querySelectorAll('.el-picker__popper')].every((e) => getComputedStyle(e).display === 'none'),
    )

  test('office1 creates a draft campaign with phase times, publishes it, and extends a phase with a reason', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      await page.getByTestId('menu-campaigns').click()
      await page.getByTestId('campaign-create').click()
      const dialog = page.getByTestId('campaign-dialog')
      await dialog.waitFor()
      const name = `2030年度测试评审${uniqueSuffix()}`
      await fill(page, 'campaign-year', 2030)
      await fill(page, 'campaign-name', name)
      await page.getByTestId('campaign-series').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '政工' }).first().click()
      await dialog.locator('.el-dialog__title').click() // closes the multiple select's list
      // Without the application phase the form says what is missing.
      await page.getByTestId('campaign-submit').click()
      await dialog.getByText('请填写个人申报阶段的起止时间').waitFor()
      for (const [id, value] of [
        ['phase-application-opens', '2030-08-30 00:00:00'],
        ['phase-application-closes', '2030-10-01 00:00:00'],
      ]) {
        const input = inputOf(page, id)
        await input.click()
        await input.fill(value)
        await input.press('Enter')
        await pickersClosed(page)
        assert.equal(await input.inputValue(), value)
      }
      await page.getByTestId('campaign-submit').click()
      await dialog.waitFor({ state: 'hidden' })

      const row = page.locator('.el-table__row', { hasText: name })
      await row.getByText('草稿').waitFor()
      await row.getByText('2030-10-01 00:00').waitFor()
      await row.locator('[data-testid^="campaign-publish-"]').click()
      await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click()
      await row.getByText('已发布').waitFor()

      await row.locator('[data-testid^="campaign-extend-"]').click()
      const extend = page.getByTestId('extend-dialog')
      await extend.getByText('2030-10-01 00:00:00').waitFor()
      const closes = inputOf(page, 'extend-closes')
      await closes.click()
      await closes.fill('2030-10-08 00:00:00')
      await closes.press('Enter')
      await pickersClosed(page)
      await fill(page, 'extend-reason', '国庆假期顺延')
      await page.getByTestId('extend-submit').click()
      await extend.waitFor({ state: 'hidden' })
      await row.getByText('2030-10-08 00:00').waitFor()

      await row.locator('[data-testid^="campaign-extensions-"]').click()
      const history = page.getByTestId('extensions-dialog')
      await history.getByText('国庆假期顺延').waitFor()
      await history.getByText('2030-10-01 00:00:00').waitFor()
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('office1 marks a date on the working-day calendar and resets it; an unpublished year is flagged provisional', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      await page.getByTestId('menu-calendar').click()
      await page.getByTestId('calendar-working-days').waitFor()
      const date = inputOf(page, 'calendar-date')
      await date.click()
      await date.fill('2031-06-03')
      await date.press('Enter')
      await pickersClosed(page)
      await page.getByTestId('calendar-working').getByText('休息').click()
      await fill(page, 'calendar-note', '测试休息日')
      await page.getByTestId('calendar-save').click()
      // The page moves to 2031, which has no official calendar yet.
      await page.getByTestId('calendar-provisional').waitFor()
      const row = page.getByTestId('calendar-table').locator('.el-table__row', { hasText: '2031-06-03' })
      await row.getByText('测试休息日').waitFor()
      await row.getByText('周二').waitFor()
      await row.getByRole('button', { name: '恢复' }).click()
      await page.locator('.el-popconfirm:visible').getByRole('button', { name: /确定|Yes|OK/ }).click()
      await row.waitFor({ state: 'detached' })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('at 375px the catalog, campaign and calendar pages fit the screen', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl, { viewport: { width: 375, height: 812 } })
    try {
      await login(page, 'office1')
      for (const [path, ready] of [
        ['/catalog', 'series-detail'],
        ['/campaigns', 'campaign-table'],
        ['/calendar', 'calendar-table'],
      ]) {
        await page.goto(path)
        await page.getByTestId(ready).waitFor()
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the screen`)
      }
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })
})
