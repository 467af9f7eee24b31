import { launchBrowser, newSession, login, chooseOption } from './e2e/support.mjs'
const b = await launchBrowser()
const { context, page, problems } = await newSession(b, 'http://127.0.0.1:8090')
await login(page, 'office1'); await page.goto('/orgs'); await page.getByText('省卫生健康委员会').first().click(); await page.getByTestId('org-add-child').click()
await chooseOption(page, 'add-child-kind', '用人单位');
console.log(await page.getByTestId('add-child-name').evaluate(e => e.outerHTML))
await page.getByTestId('add-child-name').fill('新医院');
console.log('val', await page.getByTestId('add-child-name').inputValue())
await page.getByTestId('add-child-credit-code').fill('12450000498500035X');
console.log('val', await page.getByTestId('add-child-name').inputValue())
await page.getByTestId('add-child-submit').click(); await page.waitForTimeout(300)
console.log('val', await page.getByTestId('add-child-name').inputValue())
console.log((await page.locator('[data-testid=add-child-dialog] .el-form-item__error').allTextContents()).join('|'))
await b.close()
