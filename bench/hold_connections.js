// Opens N keep-alive connections to HOST:PORT, sends one `GET /healthz` on each, keeps them all open, and writes
// `ready ok=N failed=M` to stdout once every connection has answered (or failed). It then holds the connections
// until it is sent SIGTERM or HOLD_SECONDS pass, whichever comes first, and exits.
// Usage: node hold_connections.js HOST PORT N HOLD_SECONDS
'use strict';
const net = require('net');

const [host, portText, countText, holdText] = process.argv.slice(2);
const port = Number(portText);
const count = Math.min(Number(countText) || 1000, 10000);
const holdMs = Math.min(Number(holdText) || 25, 120) * 1000;
if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
  console.error('hold_connections: loopback addresses only');
  process.exit(2);
}

const sockets = [];
let ok = 0;
let failed = 0;
let reported = false;

function report() {
  if (reported || ok + failed < count) return;
  reported = true;
  process.stdout.write(`ready ok=${ok} failed=${failed}\n`);
}

function finish(code) {
  for (const s of sockets) s.destroy();
  process.exit(code);
}

for (let i = 0; i < count; i++) {
  const s = net.connect({ host, port });
  let answered = false;
  let buffered = '';
  sockets.push(s);
  s.setNoDelay(true);
  s.on('connect', () => s.write(`GET /healthz HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\n\r\n`));
  s.on('data', (chunk) => {
    if (answered) return;
    buffered += chunk.toString('latin1');
    if (!buffered.includes('\r\n\r\n')) return;
    answered = true;
    if (buffered.startsWith('HTTP/1.1 200')) ok++;
    else failed++;
    report();
  });
  const fail = () => {
    if (answered) return;
    answered = true;
    failed++;
    report();
  };
  s.on('error', fail);
  s.on('close', fail);
}

// Bounded: report whatever we have after 20 s, exit after the hold time.
setTimeout(() => {
  if (!reported) {
    reported = true;
    process.stdout.write(`ready ok=${ok} failed=${count - ok}\n`);
  }
}, 20000).unref();
setTimeout(() => finish(0), holdMs);
process.on('SIGTERM', () => finish(0));
process.on('SIGINT', () => finish(0));
