import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { ensureArtifacts, launchBrowser, login, newSession, skipReason, startBackend } from './support.mjs'

const server = await startBackend()

describe('phone-width screen', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('at 375px the menu is behind a hamburger and opens in a drawer', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl, {
      viewport: { width: 375, height: 812 },
    })
    try {
      await login(page, 'office1')
      assert.equal(await page.locator('[data-testid="menu-home"]:visible').count(), 0)
      const toggle = page.getByTestId('nav-toggle')
      await toggle.waitFor()
      await toggle.click()
      await page.locator('[data-testid="menu-orgs"]:visible').waitFor()
      await page.waitForFunction(() => document.getAnimations().length === 0)
      await page.screenshot({ path: join(await ensureArtifacts(), 'mobile-menu.png') })
      await page.locator('[data-testid="menu-orgs"]:visible').click()
      await page.waitForURL((url) => url.pathname === '/orgs')
      // Choosing an entry closes the drawer.
      await page.locator('[data-testid="menu-orgs"]').waitFor({ state: 'hidden' })
      // Nothing is wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`)
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('at desktop width the menu is always shown and there is no hamburger', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      await page.locator('[data-testid="menu-orgs"]:visible').waitFor()
      assert.equal(await page.getByTestId('nav-toggle').count(), 0)
    } finally {
      await context.close()
    }
  })
})
