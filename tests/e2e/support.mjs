// Shared helpers for the browser tests: backend, Chromium, login, menus.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import assert from 'node:assert/strict'
import { after, before } from 'node:test'
import { chromium } from 'playwright-core'
import { Client, loggedIn, newResidentId, uniqueDigits } from '../lib/server.mjs'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts')
export const PASSWORD = 'demo-2026'
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'"

/** Menu entries (route names) each role gives; the union over a user's roles is what the side menu shows. */
export const ROLE_MENUS = {
  applicant: ['dossiers'],
  unit_admin: ['unit-reviewer'],
  unit_reviewer: ['review-queue'],
  dept_reviewer: ['dept-queue', 'orgs'],
  office: ['office-queue', 'orgs', 'unit-registrations', 'reviewer-designations', 'catalog', 'campaigns', 'calendar', 'integrity', 'delegations-sent'],
  committee_admin: ['orgs', 'delegations-received'],
  expert: [],
  monitor: [],
  sys_admin: ['orgs', 'catalog', 'calendar', 'mail-outbox'],
  sec_admin: ['users'],
  audit_admin: ['audit'],
}
const MENU_ORDER = [
  'home',
  'messages',
  'account',
  'dossiers',
  'review-queue',
  'dept-queue',
  'office-queue',
  'orgs',
  'unit-registrations',
  'reviewer-designations',
  'unit-reviewer',
  'catalog',
  'campaigns',
  'calendar',
  'integrity',
  'delegations-sent',
  'delegations-received',
  'users',
  'audit',
  'mail-outbox',
]

export function menusFor(roles) {
  const names = new Set(['home', 'messages', 'account'])
  for (const r of roles) for (const m of ROLE_MENUS[r] ?? []) names.add(m)
  return MENU_ORDER.filter((m) => names.has(m)).map((m) => `menu-${m}`)
}

/**
 * Starts the real server (tests/lib/server.mjs) on a fresh database with the demo data,
 * or uses ZP_BASE_URL when set (a server started by hand). Returns null when neither is available.
 */
export async function startBackend() {
  if (process.env.ZP_BASE_URL) return { baseUrl: process.env.ZP_BASE_URL.replace(/\/$/, ''), stop: async () => {} }
  const harness = join(ROOT, 'tests', 'lib', 'server.mjs')
  if (!existsSync(harness)) return null
  const { startServer } = await import(pathToFileURL(harness).href)
  return startServer({ demo: true })
}

/**
 * Registers an applicant of `unitId` whose name, resident ID and phone the test knows (to prove public pages show
 * neither of the last two); returns them with the login, the password and an API client logged in as them.
 */
export async function knownApplicant(baseUrl, unitId, name, loginPrefix) {
  const suffix = uniqueDigits(8)
  const a = {
    login: `${loginPrefix}${suffix}`,
    password: 'review-pass-1',
    name,
    residentId: newResidentId({ year: 1981, sex: 'M' }),
    phone: `137${suffix}`,
  }
  const r = await new Client(baseUrl).post('/api/v1/register/applicant', {
    real_name: a.name,
    resident_id: a.residentId,
    phone: a.phone,
    login: a.login,
    password: a.password,
    unit_id: unitId,
  })
  if (r.status !== 201) throw new Error(`register ${a.login}: ${r.status} ${r.text}`)
  return { ...a, client: await loggedIn(baseUrl, a.login, a.password) }
}

export function skipReason() {
  return 'no backend: build/zhiping and tests/lib/server.mjs are needed (or set ZP_BASE_URL)'
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.ZP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A fresh browser context (own cookies and storage) whose pages record CSP violations,
 * uncaught errors and console errors in `problems`.
 */
export async function newSession(browser, baseUrl, { viewport = { width: 1366, height: 900 }, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale, timezoneId: 'Asia/Shanghai' })
  const problems = []
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    const text = m.text()
    if (m.type() === 'error' && /CSP violation|Content Security Policy|Refused to|EvalError/.test(text)) {
      problems.push(`console: ${text}`)
    }
  })
  page.setDefaultTimeout(15000)
  return { context, page, problems }
}

/** Runs `fn(page)` in a fresh session (optionally logged in as `user`), then checks nothing broke the page's rules. */
export async function inSession(browser, baseUrl, user, fn, opts) {
  const { context, page, problems } = await newSession(browser, baseUrl, opts)
  try {
    if (user) await login(page, user.login ?? user, user.password)
    await fn(page)
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
  }
}

/**
 * Inside a describe(): one Chromium shared by its tests, closed together with the server after them.
 * Returns { server, browser } (browser set once the tests start).
 */
export function useBrowser(server) {
  const shared = { server, browser: null }
  before(async () => {
    shared.browser = await launchBrowser()
  })
  after(async () => {
    await shared.browser?.close()
    await server?.stop()
  })
  return shared
}

/** Runs fn({ context, page, problems }) in a fresh session logged in as loginName (or nobody when null), then closes it. */
export async function asUser(shared, loginName, fn, options) {
  const session = await newSession(shared.browser, shared.server.baseUrl, options)
  try {
    if (loginName) await login(session.page, loginName)
    await fn(session)
  } finally {
    await session.context.close()
  }
}

export async function login(page, loginName, password = PASSWORD) {
  await page.goto('/login')
  await page.getByTestId('login-name').fill(loginName)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  if (new URL(page.url()).pathname === '/account') {
    throw new Error(`${loginName} must change the password first; demo users should not need to`)
  }
}

export async function logout(page) {
  await page.getByTestId('logout').click()
  await page.waitForURL((url) => url.pathname.startsWith('/login'))
}

/** data-testid values of the visible side-menu entries, in menu order. */
export async function visibleMenus(page) {
  await page.locator('[data-testid="menu-home"]').first().waitFor({ state: 'visible' })
  return page
    .locator('[data-testid^="menu-"]:visible')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
}

/** The roles the server says the logged-in user has (same session as the page). */
export async function sessionRoles(page) {
  const res = await page.request.get('/api/v1/me')
  if (!res.ok()) throw new Error(`GET /api/v1/me: ${res.status()}`)
  const body = await res.json()
  return [...new Set(body.roles.map((r) => r.role))]
}

/** Chooses an option of an el-select found by its data-testid. */
export async function chooseOption(page, testId, optionText) {
  await page.getByTestId(testId).click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first()
  await option.click()
}

/** The text input (or textarea) found by data-testid: the element itself or the first one inside it. */
export const inputOf = (page, testId) =>
  page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first()

/** Types into a text input found by data-testid and leaves it (so blur validation and saving run). */
export async function fillInput(page, testId, value) {
  const input = inputOf(page, testId)
  await input.fill(String(value))
  await input.press('Tab')
}

/** Types a date (YYYY-MM-DD) into an el-date-picker found by data-testid and waits for its popup to close. */
export async function pickDate(page, testId, value) {
  const input = inputOf(page, testId)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-picker__popper')].every((e) => getComputedStyle(e).display === 'none'),
  )
}

/** Waits for the dossier state tag to show `state`. */
export const stateIs = (page, state) => page.locator(`[data-testid="dossier-state"][data-state="${state}"]`).first().waitFor()

/** Marks a section or item as a problem with a comment, through a review page's mark control. */
export async function markProblem(page, testId, comment) {
  await page.getByTestId(`${testId}-problem`).click()
  await fillInput(page, `${testId}-comment`, comment)
  await page.getByTestId(`${testId}-save`).click()
  await page.locator(`[data-testid="${testId}"][data-status="problem"]`).waitFor()
}

/**
 * Returns a dossier through a review page: `button` opens the return dialog, which must list exactly `problems`
 * ([data-testid suffix, comment] pairs); `inspect(dialog)` may check more before it is confirmed; then the state tag
 * shows `state` and the page says it was returned.
 */
export async function returnWithProblems(page, button, problems, state, inspect = async () => {}) {
  await page.getByTestId(button).click()
  const dialog = page.getByTestId('return-dialog')
  for (const [target, comment] of problems) await dialog.getByTestId(`return-problem-${target}`).filter({ hasText: comment }).waitFor()
  assert.equal(await dialog.locator('[data-testid^="return-problem-"]').count(), problems.length)
  await inspect(dialog)
  await page.getByTestId('return-confirm').click()
  await stateIs(page, state)
  await page.getByTestId('returned-banner').waitFor()
}

/** On the applicant's returned dossier: follows a notice's "fix" link to a section, checks its comment, changes a field. */
export async function fixSection(page, notice, section, comment, field, value) {
  await notice.getByTestId(`return-mark-section-${section}`).getByRole('button', { name: '去修改' }).click()
  await page.getByTestId('section-comment').filter({ hasText: comment }).waitFor()
  await fillInput(page, field, value)
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved', undefined, {
    timeout: 15000,
  })
}

/** On the checklist: only `item` takes a file (the photo stays locked); uploads one and waits for the new count. */
export async function uploadReturnedItem(page, item, comment, file, countText) {
  await page.getByTestId('tab-checklist').click()
  await page.getByTestId(`item-comment-${item}`).filter({ hasText: comment }).waitFor()
  assert.equal(await page.getByTestId('upload-input-photo').count(), 0)
  await page.getByTestId(`upload-input-${item}`).setInputFiles(file)
  await page.getByTestId(`checklist-count-${item}`).filter({ hasText: countText }).waitFor()
}

/** The applicant resubmits a returned dossier; it goes back to `state`, the banner says where, the notice is gone. */
export async function resubmit(page, state, bannerText = '') {
  await page.getByTestId('dossier-resubmit').click()
  await confirmBox(page, '重新提交')
  await stateIs(page, state)
  await page.getByTestId('state-banner').filter({ hasText: bannerText }).waitFor()
  assert.equal(await page.getByTestId('return-notice').count(), 0)
}

/** Clicks the confirming button of the open ElMessageBox. */
export async function confirmBox(page, buttonName) {
  await page.locator('.el-message-box').getByRole('button', { name: buttonName }).click()
}

export async function ensureArtifacts() {
  await mkdir(ARTIFACTS, { recursive: true })
  return ARTIFACTS
}

const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A random unified social credit code with a correct GB 32100 check character. */
export function randomCreditCode() {
  let s = '91450100'
  while (s.length < 17) s += CC_ALPHABET[1 + Math.floor(Math.random() * (CC_ALPHABET.length - 1))]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CC_ALPHABET.indexOf(s[i]) * CC_WEIGHTS[i]
  return s + CC_ALPHABET[(31 - (sum % 31)) % 31]
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
}
