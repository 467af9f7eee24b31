// A lean HTTP/1.1 client for load generation: one keep-alive TCP connection per simulated user, one request at a
// time, answers read by Content-Length. fetch() costs the generator several times the server's own CPU per request,
// and the generator shares the cores with the server, so the benchmarks' journeys use this instead.
import net from 'node:net';

export class WireClient {
  constructor(port, { cookie = '', csrf = '' } = {}) {
    this.port = port;
    this.cookie = cookie;
    this.csrf = csrf;
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    this.pending = null;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const s = net.connect({ port: this.port, host: '127.0.0.1', noDelay: true }, () => { s.off('error', reject); resolve(); });
      s.once('error', reject);
      s.on('data', (chunk) => this.#received(chunk));
      s.on('error', (e) => this.#fail(e));
      s.on('close', () => this.#fail(new Error('the server closed the connection')));
      this.socket = s;
    });
  }

  close() { this.socket?.destroy(); }

  // body: a Buffer, or an array of Buffers sent one after the other as one body (with contentType); or json: any
  // value sent as JSON.
  request(method, path, { json, body, contentType = 'application/octet-stream' } = {}) {
    if (this.pending) return Promise.reject(new Error('one request at a time'));
    // A connection the server closed while idle (its keep-alive timeout) would swallow the request silently.
    if (!this.socket || this.socket.destroyed) return Promise.reject(new Error('the connection is closed'));
    const payload = json !== undefined ? Buffer.from(JSON.stringify(json)) : body;
    const parts = payload === undefined ? [] : Array.isArray(payload) ? payload : [payload];
    let head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;
    if (this.cookie) head += `Cookie: ${this.cookie}\r\n`;
    if (this.csrf && method !== 'GET') head += `X-CSRF-Token: ${this.csrf}\r\n`;
    if (payload) head += `Content-Type: ${json !== undefined ? 'application/json' : contentType}\r\nContent-Length: ${parts.reduce((n, p) => n + p.length, 0)}\r\n`;
    head += '\r\n';
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.cork();
      this.socket.write(head);
      for (const p of parts) this.socket.write(p);
      this.socket.uncork();
    });
  }
  get(path) { return this.request('GET', path); }
  post(path, json) { return this.request('POST', path, json === undefined ? {} : { json }); }

  #received(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buffer.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.#fail(new Error(`an answer without Content-Length: ${head.slice(0, 200)}`));
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const text = this.buffer.toString('utf8', end + 4, total);
    this.buffer = this.buffer.subarray(total);
    const { resolve } = this.pending;
    this.pending = null;
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    resolve({ status: Number(head.slice(9, 12)), data, text });
  }

  #fail(error) {
    if (!this.pending) return;
    const { reject } = this.pending;
    this.pending = null;
    reject(error);
  }
}
