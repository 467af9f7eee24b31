// Starts the real `zhiping serve` on a fresh database (SQLite file, or a new PostgreSQL database when
// ZP_TEST_DB=postgresql) and a free loopback port. Used by the API and browser tests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.ZP_BIN || join(root, 'build', 'zhiping');
export const DEMO_PASSWORD = 'demo-2026';

export function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'zhiping-test-'));
  if (process.env.ZP_TEST_DB === 'postgresql') {
    const admin = process.env.ZP_PG_ADMIN_URL;
    if (!admin) throw new Error('ZP_PG_ADMIN_URL is not set (scripts/pg.sh start prints it)');
    const name = 'zp_' + randomBytes(6).toString('hex');
    execFileSync('psql', [admin, '-q', '-c', `CREATE DATABASE ${name}`]);
    return { url: admin.replace(/\/[^/]*$/, '/' + name), dir, drop: () => execFileSync('psql', [admin, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
  }
  return { url: `sqlite:${join(dir, 'zhiping.db')}`, dir, drop: () => {} };
}

export async function startServer({ demo = true, args = [], web = join(root, 'web', 'dist'), db, env } = {}) {
  const database = db || freshDatabase();
  const argv = ['serve', '--listen', '127.0.0.1:0', '--db', database.url, '--data', join(database.dir, 'data'), '--web', web, '--log-level', 'warn', ...args];
  if (demo) argv.push('--demo');
  const child = spawn(BIN, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s:\n' + output)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    baseUrl,
    database,
    child,
    output: () => output,
    async stop({ keepDatabase = false } = {}) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const result = await exited;
      if (!keepDatabase) {
        try { database.drop(); } catch { /* already gone */ }
        rmSync(database.dir, { recursive: true, force: true });
      }
      return result;
    },
  };
}

// A browser-like client: keeps the session cookie and sends the CSRF token on writes.
export class Client {
  constructor(baseUrl) { this.baseUrl = baseUrl; this.cookie = ''; this.csrf = ''; }

  async request(method, path, { body, json, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = this.csrf;
    let payload = body;
    if (json !== undefined) { payload = JSON.stringify(json); h['content-type'] = 'application/json'; }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /zp_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `zp_session=${m[1]}` : '';
    }
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    if (data && data.csrf_token) this.csrf = data.csrf_token;
    return { status: res.status, headers: res.headers, data, text };
  }
  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, { json, ...opts }); }
  patch(path, json, opts = {}) { return this.request('PATCH', path, { json, ...opts }); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  async login(login, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { login, password });
    if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${r.text}`);
    return r;
  }
}

export async function loggedIn(baseUrl, login, password = DEMO_PASSWORD) {
  const c = new Client(baseUrl);
  await c.login(login, password);
  return c;
}

// Checks the error shape of DESIGN.md §6 and returns the error object.
export function expectError(assert, res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.ok(res.data && res.data.error, 'error body');
  if (code) assert.equal(res.data.error.code, code);
  assert.ok(res.data.error.message, 'Chinese message');
  assert.ok(res.data.error.message_en, 'English message');
  assert.ok(Array.isArray(res.data.error.details));
  return res.data.error;
}

// Valid identifiers for test data.
export function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
  return first17 + '10X98765432'[sum % 11];
}
export function creditCode(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * w[i];
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}
let serial = 0;
export function uniqueDigits(n) {
  serial += 1;
  return (Date.now().toString() + process.pid + serial).slice(-n).padStart(n, '0');
}

// A valid resident ID no other call in this process returns: region 110105, a real birth date, a sequence.
let idSerial = 0;
export function newResidentId({ year, sex } = {}) {
  idSerial += 1;
  const n = idSerial + (process.pid % 1000) * 1000;
  const y = year ?? 1970 + (n % 25);
  const m = String(1 + (Math.floor(n / 25) % 12)).padStart(2, '0');
  const d = String(1 + (Math.floor(n / 300) % 28)).padStart(2, '0');
  // The 17th digit is odd for men: keep it free to choose and the rest unique.
  const parity = sex === 'M' ? 1 : sex === 'F' ? 0 : n % 2;
  const seq = String(((n % 500) * 2 + parity) % 1000).padStart(3, '0');
  return residentId(`110105${y}${m}${d}${seq}`);
}

// Runs one SQL statement against the server's database from outside, the way an operator would with sqlite3 or
// psql. Tests use it only to let time pass (e.g. move a publicity end into the past), never to build state the
// API could build.
export function runSql(server, statement) {
  const url = server.database.url;
  if (url.startsWith('sqlite:')) return execFileSync('sqlite3', ['-cmd', '.timeout 5000', url.slice('sqlite:'.length), statement]).toString();
  return execFileSync('psql', [url, '-q', '-At', '-c', statement]).toString();
}

// A staff account with `role` at `orgId`, made by the security administrator `sec`, password already changed; the
// client carries its `login` and `password` (for a browser to sign in with).
export async function staffAccount(server, sec, role, orgId) {
  const login = role.replace('_', '') + uniqueDigits(6);
  const u = await sec.post('/api/v1/users', { login, real_name: '测试' + role, phone: '13700000000', password: 'initial-pass-1' });
  if (u.status !== 201) throw new Error(u.text);
  const g = await sec.post(`/api/v1/users/${u.data.id}/roles`, { role, org_id: orgId });
  if (g.status !== 201) throw new Error(g.text);
  const c = await loggedIn(server.baseUrl, login, 'initial-pass-1');
  const p = await c.post('/api/v1/me/password', { old_password: 'initial-pass-1', new_password: 'changed-pass-2' });
  if (p.status !== 200) throw new Error(p.text);
  return Object.assign(c, { login, password: 'changed-pass-2' });
}
