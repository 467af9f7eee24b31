// Sessions end after the configured idle time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, expectError } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer({ args: ['--session-idle-seconds', '2'] }); });
after(async () => { await server.stop(); });

test('an idle session expires and answers 401', async () => {
  const c = await loggedIn(server.baseUrl, 'office1');
  assert.equal((await c.get('/api/v1/me')).status, 200);
  await new Promise((r) => setTimeout(r, 2600));
  expectError(assert, await c.get('/api/v1/me'), 401, 'not_authenticated');
});
