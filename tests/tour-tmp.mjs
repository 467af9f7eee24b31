import { launchBrowser, newSession, login } from './e2e/support.mjs'
const b = await launchBrowser()
const base = 'http://127.0.0.1:8090'
const shots = [
  ['office1', '/home'], ['office1', '/unit-registrations'], ['office1', '/reviewer-designations'],
  ['unitadmin1', '/unit/reviewer'], ['secadmin', '/users'], ['auditadmin', '/audit'], ['applicant1', '/account'],
  [null, '/register/unit'], [null, '/register/applicant'],
]
for (const width of [1366, 375]) {
  for (const [user, path] of shots) {
    const { context, page, problems } = await newSession(b, base, { viewport: { width, height: 800 } })
    if (user) await login(page, user)
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(300)
    const name = `/tmp/shots/${width}${path.replaceAll('/', '_')}.png`
    await page.screenshot({ path: name, fullPage: true })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    console.log(name, 'overflow', overflow, problems)
    await context.close()
  }
}
await b.close()
