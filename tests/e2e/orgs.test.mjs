import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { ensureArtifacts, launchBrowser, login, newSession, skipReason, startBackend } from './support.mjs'

const PROVINCE_OFFICE = '省职称改革工作领导小组办公室'
const server = await startBackend()

describe('organisation tree', { skip: server ? false : skipReason() }, () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('office1 sees the tree with the province office at the root (screenshot tests/artifacts/orgs.png)', async () => {
    const { context, page, problems } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'office1')
      await page.getByTestId('menu-orgs').click()
      await page.waitForURL((url) => url.pathname === '/orgs')
      const tree = page.getByTestId('org-tree')
      await tree.locator('.el-tree-node', { hasText: PROVINCE_OFFICE }).first().waitFor()
      // The root is selected and its details are shown with an edit form (office may edit).
      await page.getByTestId('org-details').getByText(PROVINCE_OFFICE).first().waitFor()
      await page.getByTestId('org-edit-form').waitFor()
      // Open every branch, then check that every kind of organisation of the demo data is there.
      for (let i = 0; i < 100; i++) {
        const closed = tree.locator('.el-tree-node__expand-icon:not(.expanded):not(.is-leaf):visible')
        if ((await closed.count()) === 0) break
        await closed.first().click()
      }
      const nodes = await tree.locator('.el-tree-node').count()
      assert.ok(nodes >= 9, `expected the demo tree (at least 9 nodes), saw ${nodes}`)
      const kinds = new Set(await tree.locator('.el-tree-node .kind').allTextContents())
      for (const kind of ['省职改办', '市职改办', '县职改办', '系列职改办/中评办', '主管部门', '用人单位', '评委会']) {
        assert.ok(kinds.has(kind), `no ${kind} in the tree (saw ${[...kinds].join(', ')})`)
      }

      // The add-child dialog validates before sending anything.
      await page.getByTestId('org-add-child').click()
      const dialog = page.getByTestId('add-child-dialog')
      await dialog.waitFor()
      await page.getByTestId('add-child-submit').click()
      await dialog.locator('.el-form-item.is-error').first().waitFor()
      await dialog.getByRole('button', { name: '取消' }).click()
      await dialog.waitFor({ state: 'hidden' })

      const file = join(await ensureArtifacts(), 'orgs.png')
      await page.screenshot({ path: file, fullPage: true })
      assert.ok((await stat(file)).size > 10000)
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  test('dept1 sees the tree read-only', async () => {
    const { context, page } = await newSession(browser, server.baseUrl)
    try {
      await login(page, 'dept1')
      await page.getByTestId('menu-orgs').click()
      await page.getByTestId('org-tree').locator('.el-tree-node').first().waitFor()
      assert.equal(await page.getByTestId('org-edit-form').count(), 0)
      assert.equal(await page.getByTestId('org-add-child').count(), 0)
    } finally {
      await context.close()
    }
  })
})
