import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CSP, ROOT, launchBrowser, login, newSession, skipReason, startBackend } from './support.mjs'

const server = await startBackend()

test('the built index.html has no inline script or style and loads nothing from outside', async () => {
  const html = await readFile(join(ROOT, 'web', 'dist', 'index.html'), 'utf8')
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1], /\bsrc="\/assets\//, `script without src: ${m[0]}`)
    assert.equal(m[2].trim(), '', 'inline script body')
  }
  assert.doesNotMatch(html, /\bon[a-z]+="/i, 'inline event handler')
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'external resource')
})

describe('the app under the production Content-Security-Policy', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('pages render with no CSP violation, whatever headers the server sends', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      // Enforce exactly the policy the deployment uses on every HTML document.
      await context.route('**/*', async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue()
        const response = await route.fetch()
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } })
      })
      const external = []
      page.on('request', (r) => {
        if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) external.push(r.url())
      })
      await login(page, 'office1')
      for (const name of ['orgs', 'unit-registrations', 'reviewer-designations', 'account', 'home']) {
        await page.getByTestId(`menu-${name}`).click()
        await page.waitForLoadState('networkidle')
      }
      await page.getByTestId('locale-toggle').click()
      await page.getByTestId('menu-home').getByText('Home').waitFor()
      assert.deepEqual(problems, [])
      assert.deepEqual(external, [])
    } finally {
      await context.close()
    }
  })

  test('the server answers the app with a Content-Security-Policy header', async () => {
    const res = await fetch(`${server.baseUrl}/login`)
    assert.equal(res.status, 200)
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /script-src 'self'/)
    assert.match(csp, /frame-ancestors 'none'/)
  })
})
