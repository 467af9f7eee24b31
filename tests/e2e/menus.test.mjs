import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  launchBrowser,
  login,
  logout,
  menusFor,
  newSession,
  sessionRoles,
  skipReason,
  startBackend,
  visibleMenus,
} from './support.mjs'

// Each demo user and the role that user is there for.
const DEMO_USERS = [
  ['applicant1', 'applicant'],
  ['unitadmin1', 'unit_admin'],
  ['unitreviewer1', 'unit_reviewer'],
  ['dept1', 'dept_reviewer'],
  ['office1', 'office'],
  ['committee1', 'committee_admin'],
  ['expert1', 'expert'],
  ['monitor1', 'monitor'],
  ['sysadmin', 'sys_admin'],
  ['secadmin', 'sec_admin'],
  ['auditadmin', 'audit_admin'],
]

const server = await startBackend()

describe('side menu per demo user', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  for (const [user, role] of DEMO_USERS) {
    test(`${user} (${role}) sees exactly the menus of their roles`, async () => {
      const { context, page, problems } = await newSession(browser, server.baseUrl)
      try {
        await login(page, user)
        assert.equal(new URL(page.url()).pathname, '/home')
        const roles = await sessionRoles(page)
        assert.ok(roles.includes(role), `${user} should have role ${role}, has ${roles.join(', ')}`)
        assert.deepEqual(await visibleMenus(page), menusFor(roles))
        await page.getByTestId('home-roles').waitFor()
        await logout(page)
        assert.deepEqual(problems, [])
      } finally {
        await context.close()
      }
    })
  }

  // The entries of the application, catalog and campaign pages, spelled out.
  const NEW_ENTRIES = [
    ['applicant1', ['menu-dossiers'], ['menu-catalog', 'menu-campaigns', 'menu-calendar']],
    ['office1', ['menu-catalog', 'menu-campaigns', 'menu-calendar'], ['menu-dossiers']],
    ['sysadmin', ['menu-catalog', 'menu-calendar'], ['menu-campaigns', 'menu-dossiers']],
    ['unitreviewer1', [], ['menu-dossiers', 'menu-catalog', 'menu-campaigns', 'menu-calendar']],
  ]
  for (const [user, shown, hidden] of NEW_ENTRIES) {
    test(`${user} sees ${shown.join(', ') || 'none of the new entries'}`, async () => {
      const { context, page } = await newSession(browser, server.baseUrl)
      try {
        await login(page, user)
        const menus = await visibleMenus(page)
        for (const m of shown) assert.ok(menus.includes(m), `${user} should see ${m}; sees ${menus.join(', ')}`)
        for (const m of hidden) assert.ok(!menus.includes(m), `${user} should not see ${m}`)
      } finally {
        await context.close()
      }
    })
  }

  test('a role without a menu entry is sent back to /home', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'applicant1')
      for (const path of ['/users', '/audit', '/orgs', '/unit-registrations', '/unit/reviewer', '/catalog', '/campaigns', '/calendar', '/integrity', '/mail/outbox']) {
        await page.goto(path)
        await page.waitForURL((url) => url.pathname === '/home')
      }
      await logout(page)
      await login(page, 'sysadmin')
      for (const path of ['/campaigns', '/dossiers', '/integrity']) {
        await page.goto(path)
        await page.waitForURL((url) => url.pathname === '/home')
      }
    } finally {
      await context.close()
    }
  })

  test('a page opened without a session goes to /login and back after login', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await page.goto('/orgs')
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/orgs')
      await page.getByTestId('login-name').fill('office1')
      await page.getByTestId('login-password').fill('demo-2026')
      await page.getByTestId('login-submit').click()
      await page.waitForURL((url) => url.pathname === '/orgs')
    } finally {
      await context.close()
    }
  })

  test('a wrong password shows an error and stays on /login', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await page.goto('/login')
      await page.getByTestId('login-name').fill('office1')
      await page.getByTestId('login-password').fill('not-the-password')
      await page.getByTestId('login-submit').click()
      await page.getByTestId('login-error').waitFor()
      assert.equal(new URL(page.url()).pathname, '/login')
    } finally {
      await context.close()
    }
  })
})
