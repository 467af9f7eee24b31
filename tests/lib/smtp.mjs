// A small SMTP server for tests (node:net): greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT.
// It keeps every accepted mail, parsed: envelope, unfolded headers, decoded RFC 2047 words and base64 body.
// `refuse(recipient, attempt)` may return a reply (e.g. '550 …') to refuse a recipient; attempt counts from 1.
import net from 'node:net';

function decodeWords(text) {
  return text.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset, enc, data) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  });
}

export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers = {};
  const rawHeaders = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    rawHeaders[name] = line.slice(colon + 1).trim();
    headers[name] = decodeWords(rawHeaders[name]);
  }
  const encoded = raw.slice(split + 4);
  const body = /base64/i.test(headers['content-transfer-encoding'] || '') ? Buffer.from(encoded.replace(/\r\n/g, ''), 'base64').toString('utf8') : encoded;
  return { headers, rawHeaders, body, bodyLines: encoded.split('\r\n') };
}

export async function startSmtp({ refuse = () => null } = {}) {
  const mails = [];
  const rcptAttempts = new Map();
  const listeners = new Set();
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buffer = '';
    let envelope = null;
    let data = null;
    const reply = (line) => sock.write(line + '\r\n');
    reply('220 smtp.test ESMTP ready');
    sock.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === '.') {
            const raw = Buffer.from(data.join('\r\n'), 'latin1').toString('utf8');
            const mail = { from: envelope.from, to: envelope.to, raw, ...parseMail(raw) };
            mails.push(mail);
            for (const l of listeners) l(mail);
            data = null;
            envelope = null;
            reply('250 2.0.0 accepted');
          } else {
            data.push(line.startsWith('.') ? line.slice(1) : line);  // dot-stuffing
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        const address = (/<([^>]*)>/.exec(line) || [])[1];
        if (verb === 'EHLO') { reply('250-smtp.test'); reply('250 8BITMIME'); }
        else if (verb === 'HELO') reply('250 smtp.test');
        else if (verb === 'MAIL') { envelope = { from: address, to: [] }; reply('250 2.1.0 ok'); }
        else if (verb === 'RCPT') {
          const attempt = (rcptAttempts.get(address) || 0) + 1;
          rcptAttempts.set(address, attempt);
          const refusal = refuse(address, attempt);
          if (refusal) reply(refusal);
          else { envelope.to.push(address); reply('250 2.1.5 ok'); }
        }
        else if (verb === 'DATA') { data = []; reply('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'RSET') { envelope = null; reply('250 ok'); }
        else if (verb === 'NOOP') reply('250 ok');
        else if (verb === 'QUIT') { reply('221 bye'); sock.end(); }
        else reply('502 5.5.1 not implemented');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    mails,
    attempts: (address) => rcptAttempts.get(address) || 0,
    // The first mail (already received or still to come) that `match` accepts.
    waitFor(match, timeoutMs = 15000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = (mail) => {
          if (!match(mail)) return;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => { listeners.delete(listener); reject(new Error(`no matching mail in ${timeoutMs} ms; got ${mails.length}`)); }, timeoutMs);
        listeners.add(listener);
      });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
