// Delegation (委托评审) in the browser: the receiving committee's organiser lists what its committee received, with the
// delegating office, the letter and where each dossier is now; the delegating office lists what it sent over all
// campaigns. The delegation itself is made through the API, as the office's dialog would.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { loggedIn, staffAccount } from '../lib/server.mjs'
import { demoChain } from '../lib/dossiers.mjs'
import { inSession, knownApplicant, launchBrowser, skipReason, startBackend } from './support.mjs'

const POWER = '示范县供电有限公司'
const COMMITTEE = '示范市政工专业高级职务评审委员会'
const NUMBER = '示范政工职改〔2026〕9号'
const server = await startBackend()

describe('delegations received and sent', { skip: server ? false : skipReason() }, () => {
  let browser
  let demo
  let organiser // committee_admin of the city's committee, outside the campaign's office
  let delegation
  const applicants = []

  before(async () => {
    browser = await launchBrowser()
    demo = await demoChain(server)
    const city = demo.orgs.find((o) => o.kind === 'city_office')
    const committee = await demo.office.post('/api/v1/orgs', { parent_id: city.id, kind: 'committee', name: COMMITTEE })
    assert.equal(committee.status, 201, committee.text)
    organiser = await staffAccount(server, await loggedIn(server.baseUrl, 'secadmin'), 'committee_admin', committee.data.id)
    for (const name of ['覃志刚', '黄秀英']) {
      const a = await knownApplicant(server.baseUrl, demo.orgId(POWER), name, 'dl')
      applicants.push({ name, d: await demo.accepted(a.client, POWER) })
    }
    const r = await demo.office.post(`/api/v1/campaigns/${demo.campaign.id}/delegations`, {
      to_committee_id: committee.data.id,
      level: 'deputy_senior',
      reason: 'no_committee',
      number: NUMBER,
      contact_name: '陈静',
      contact_phone: '13800001005',
      dossier_ids: applicants.map((a) => a.d.id),
    })
    assert.equal(r.status, 201, r.text)
    delegation = r.data
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the committee’s organiser sees the delegation, each dossier’s state as it changes, and the letter', () =>
    inSession(browser, server.baseUrl, organiser, async (page) => {
      await page.getByTestId('menu-delegations-received').click()
      await page.waitForURL((url) => url.pathname === '/delegations/received')
      const card = page.getByTestId(`delegation-${delegation.id}`)
      await card.getByTestId('delegation-party').filter({ hasText: delegation.from_office_name }).waitFor()
      await card.getByTestId('delegation-meta').filter({ hasText: NUMBER }).filter({ hasText: '政工 · 高级政工师' }).waitFor()
      for (const a of applicants) {
        const row = card.locator('tr', { hasText: a.name })
        await row.filter({ hasText: POWER }).waitFor()
        await row.locator('[data-state="accepted"]').waitFor()
      }

      // The result comes back: the office voids one; after a refresh the organiser sees the new state.
      const [voided, kept] = applicants
      const v = await demo.office.post(`/api/v1/dossiers/${voided.d.id}/void`, { kind: 'other', reason: '本人书面申请放弃', evidence: '' })
      assert.equal(v.status, 200, v.text)
      await page.getByTestId('delegations-list').getByRole('button', { name: '刷新' }).click()
      await card.getByTestId(`delegated-state-${voided.d.id}`).and(page.locator('[data-state="void"]')).waitFor()
      await card.getByTestId(`delegated-state-${kept.d.id}`).and(page.locator('[data-state="accepted"]')).waitFor()

      const href = await card.getByTestId(`delegation-letter-${delegation.id}`).getAttribute('href')
      assert.equal(href, `/api/v1/delegations/${delegation.id}/letter.pdf`)
      const pdf = await page.request.get(href)
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
    }))

  test('another committee’s organiser sees nothing of it', () =>
    inSession(browser, server.baseUrl, 'committee1', async (page) => {
      await page.getByTestId('menu-delegations-received').click()
      await page.getByTestId('delegations-received').getByText('尚未收到委托评审').waitFor()
      assert.equal(await page.getByTestId(`delegation-${delegation.id}`).count(), 0)
    }))

  test('the office lists what it sent, with links to its dossiers', () =>
    inSession(browser, server.baseUrl, 'office1', async (page) => {
      await page.getByTestId('menu-delegations-sent').click()
      await page.waitForURL((url) => url.pathname === '/delegations/sent')
      const card = page.getByTestId(`delegation-${delegation.id}`)
      await card.getByTestId('delegation-party').filter({ hasText: COMMITTEE }).waitFor()
      await card.getByRole('link', { name: applicants[1].name }).click()
      await page.waitForURL((url) => url.pathname === `/review/office/dossiers/${applicants[1].d.id}`)
    }))
})
