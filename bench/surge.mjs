// The deadline surge (issue: dossier): N generated applicants, all at once, each: sign in, save every section,
// upload three 200 KB files, check, submit — on SQLite with synchronous=FULL, against the real server.
// Prints journeys/s, p50/p99 per request kind, errors, and the upload rate against the disk's own write rate
// measured in the same run (dd with fdatasync into the same folder). Loopback only; every loop is bounded.
import { execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync, writeFileSync, mkdirSync, statfsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, Client, newResidentId } from '../tests/lib/server.mjs';
import { WireClient } from './lib/wire.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clamp = (v, lo, hi, d) => { const n = Number(v); return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : d; };
const N = clamp(process.env.SURGE_APPLICANTS ?? 500, 10, 2000, 500);
// The paced round: N other applicants, each pausing between steps so that together they offer RATE journeys/s.
const RATE = clamp(process.env.SURGE_RATE ?? 300, 10, 2000, 300);
const FILE_BYTES = 200 * 1024;
const SUSTAINED_MIB = 2048;  // the disk's probe (below)

// A distinct, well-formed 200 KB PDF per upload: one page, and the payload as a binary stream object (like a scan's
// image), with a correct cross-reference table, so deduplication does not hide the writes. Each file is three
// pieces sent back to back: its own head (with 64 random bytes of its own at the start of the stream, so every
// file has another hash), a payload shared by all files, and its own tail. 1,500 separate 200 KB files would be
// cold in the generator's memory cache and cost it more CPU to send than the server spends receiving them; the
// server cannot tell, since it hashes, checks and stores every byte of every file.
const SHARED_PAYLOAD = randomBytes(FILE_BYTES - 700 - 64);
function uniquePdf() {
  const text = Buffer.from('BT /F1 24 Tf 72 760 Td (Zhiping surge) Tj ET');
  const small = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${text.length} >>\nstream\n`), text, Buffer.from('\nendstream')]),
  ];
  const own = randomBytes(64);
  const streamLength = own.length + SHARED_PAYLOAD.length;
  const head = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets = [];
  let length = head[0].length;
  small.forEach((o, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    head.push(chunk);
    length += chunk.length;
  });
  offsets.push(length);
  const open = Buffer.from(`${small.length + 1} 0 obj\n<< /Length ${streamLength} >>\nstream\n`);
  head.push(open, own);
  length += open.length + streamLength;
  const close = Buffer.from('\nendstream\nendobj\n');
  length += close.length;
  let xref = `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return [Buffer.concat(head), SHARED_PAYLOAD, Buffer.concat([close, Buffer.from(xref)])];
}
const byteLength = (parts) => parts.reduce((sum, p) => sum + p.length, 0);

// The server's own CPU time (user + system) in seconds, from /proc: steadier than wall time when the load
// generator shares the cores.
function serverCpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in clock ticks (100 per second)
}

// The server's own counters from /metrics: statements compiled, use cases committed, and database commits
// (each a flush to disk; use cases that write at the same time share one).
async function dbCounters(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const read = (name) => Number((new RegExp(`^${name} (\\S+)$`, 'm').exec(text) || [])[1] ?? NaN);
  return { prepared: read('zhiping_db_statements_prepared_total'), commits: read('zhiping_db_write_commits_total'),
    flushes: read('zhiping_db_write_flushes_total'), writerHeld: read('zhiping_db_writer_held_seconds_total') };
}

const timings = new Map();  // kind → [ms]
let errors = 0;
const errorSamples = [];
async function timed(kind, fn, ok = (r) => r.status < 300, into = timings) {
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  if (!into.has(kind)) into.set(kind, []);
  into.get(kind).push(ms);
  if (!ok(r)) {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(`${kind}: ${r.status} ${r.text?.slice(0, 200)}`);
  }
  return r;
}
const pct = (arr, p) => { if (!arr.length) return 0; const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
async function pool(items, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; await fn(items[i], i); }
  }));
}

function diskRate(dir, mib) {
  // The disk's own sequential write rate in the same folder: `mib` MiB written with dd and flushed.
  const file = join(dir, 'dd-probe');
  const m = /(\d+) bytes.*?, ([\d.]+) s,/.exec(execFileSync('sh', ['-c', `dd if=/dev/zero of=${file} bs=1M count=${mib} conv=fdatasync 2>&1; rm -f ${file}`]).toString());
  return m ? Number(m[1]) / Number(m[2]) : 0;
}

const server = await startServer({ args: (process.env.SURGE_SERVER_ARGS || '').split(' ').filter(Boolean) });
const log = (s) => process.stderr.write(`surge: ${s}\n`);
let wires = [];
try {
  const office = new Client(server.baseUrl);
  await office.login('office1');
  const pw = (await office.get('/api/v1/series')).data.items.find((s) => s.code === 'political_work');
  const campaign = (await office.get('/api/v1/campaigns')).data.items[0];
  // The surge's checklist for 政工师: three files, all papers.
  for (const item of (await office.get(`/api/v1/series/${pw.id}/checklist?level=intermediate`)).data.items)
    if (item.code !== 'papers') await office.patch(`/api/v1/checklist-items/${item.id}`, { required: false });
  const units = (await new Client(server.baseUrl).get('/api/v1/public/units?q=医院')).data;

  log(`registering ${4 * N} applicants`);
  const everyone = Array.from({ length: 4 * N }, (_, i) => ({ login: `surge${String(i).padStart(5, '0')}`, password: 'surge-pass-1' }));
  const people = everyone.slice(0, N), warmPeople = everyone.slice(N, 2 * N), pacedPeople = everyone.slice(2 * N);
  const anon = new Client(server.baseUrl);
  await pool(everyone, 8, async (p) => {
    const r = await anon.post('/api/v1/register/applicant', { real_name: '压测申报人', resident_id: newResidentId({ year: 1985 }), phone: '13900000000', login: p.login, password: p.password, unit_id: units[0].id });
    if (r.status !== 201) throw new Error(`registration failed: ${r.status} ${r.text}`);
  });

  const dataDir = join(server.database.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  // The disk's own write rate is its sustained rate: dd writing 2 GiB, far more than the virtual disk's host takes
  // into its cache. Smaller volumes measure that cache, and how full it happens to be: 128 MiB went at 1.2–2.1 GB/s
  // here, and the 293 MiB the upload stage stores (1,500 files of 200 KB) at 0.5 to 2.3 GB/s within one morning,
  // while 2 GiB went at 0.53–0.59 GB/s. Both smaller figures are printed beside it, with the share against the
  // stage's volume.
  const stageMiB = Math.ceil((N * 3 * FILE_BYTES) / 1048576);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 3000));  // the host's cache empties between probes
  const burstBytesPerSec = diskRate(dataDir, 128);
  await pause();
  const stageVolumeBytesPerSec = diskRate(dataDir, stageMiB);
  await pause();
  // On a disk with less room, the largest volume that leaves half of it free (printed).
  const { bavail, bsize } = statfsSync(dataDir);
  const sustainedMiB = Math.max(stageMiB, Math.min(SUSTAINED_MIB, Math.floor((bavail * bsize) / 2 / 1048576)));
  const diskBytesPerSec = diskRate(dataDir, sustainedMiB);
  await pause();

  const y = campaign.year;
  const sectionData = {
    basic: { current_post: '政工干事', current_title: { name: '助理政工师', level: 'assistant', obtained_on: '2018-06-01' } },
    education: { entries: [{ level: 'bachelor', school: '示范大学', major: '思想政治教育', graduated_on: '2008-06-30', kind: 'regular', chsi_code: 'B1C2D3E4F5G6' }] },
    work: { entries: [{ from: '2008-07-01', to: null, unit: '示范市第一人民医院', post: '政工干事', professional: true }] },
    continuing_education: { years: [1, 2, 3, 4, 5].map((k) => ({ year: y - k, public_hours: 30, professional_hours: 60 })) },
    achievements: { papers: [{ title: '基层思想政治工作方法研究', journal: '政工研究', published_on: '2022-03-01', author_rank: 1 }] },
    route: {},
  };

  // The all-at-once round for one group of applicants: every applicant sends its next request as soon as the last
  // is answered, stage by stage. Returns the stages' instants, CPU readings and the server's counters.
  async function allAtOnce(group, into) {
    // Made before the clock starts, so that neither the journeys' time nor the load generator's CPU includes them.
    const files = group.map(() => [uniquePdf(), uniquePdf(), uniquePdf()]);
    const clients = group.map(() => new Client(server.baseUrl));
    const t0 = performance.now();
    // Stage 1: sign in (Argon2id, deliberately slow).
    await Promise.all(group.map((p, i) => timed('login', () => clients[i].post('/api/v1/auth/login', { login: p.login, password: p.password }), undefined, into)));
    // From here each applicant's browser keeps one connection open, as browsers do (opened before the clock restarts).
    const groupWires = clients.map((c) => new WireClient(port, { cookie: c.cookie, csrf: c.csrf }));
    wires.push(...groupWires);
    await pool(groupWires, 50, (w) => w.connect());
    log('stage: sections');
    const t1 = performance.now();
    const cpu1 = serverCpuSeconds(server.child.pid);
    const client1 = process.cpuUsage();
    const db1 = await dbCounters(server.baseUrl);
    // Stage 2: start the dossier and save every section.
    const dossiers = new Array(group.length);
    await Promise.all(groupWires.map(async (c, i) => {
      const d = await timed('create', () => c.post('/api/v1/dossiers', { campaign_id: campaign.id, series_id: pw.id, level: 'intermediate' }), undefined, into);
      dossiers[i] = d.data;
      const view = await timed('read', () => c.get(`/api/v1/dossiers/${d.data.id}`), undefined, into);
      for (const [name, data] of Object.entries(sectionData))
        await timed('section', () => c.request('PUT', `/api/v1/dossiers/${d.data.id}/sections/${name}`, { json: { version: view.data.sections[name].version, data } }), undefined, into);
    }));
    const t2 = performance.now();
    const cpu2 = serverCpuSeconds(server.child.pid);
    // Stage 3: three 200 KB uploads each.
    log('stage: uploads');
    const t3a = performance.now();
    await Promise.all(groupWires.map(async (c, i) => {
      for (const body of files[i])
        await timed('upload', () => c.request('PUT', `/api/v1/dossiers/${dossiers[i].id}/attachments/papers?name=paper.pdf`, { body }), undefined, into);
    }));
    const t3 = performance.now();
    const cpu3 = serverCpuSeconds(server.child.pid);
    // Stage 4: check and submit.
    log('stage: check and submit');
    await Promise.all(groupWires.map(async (c, i) => {
      await timed('check', () => c.get(`/api/v1/dossiers/${dossiers[i].id}/check`), (r) => r.status === 200 && r.data.ok, into);
      await timed('submit', () => c.post(`/api/v1/dossiers/${dossiers[i].id}/submit`), undefined, into);
    }));
    const t4 = performance.now();
    const cpu4 = serverCpuSeconds(server.child.pid);
    const client4 = process.cpuUsage(client1);
    const db4 = await dbCounters(server.baseUrl);
    const uploadBytes = files.flat().reduce((sum, f) => sum + byteLength(f), 0);
    return { t0, t1, t2, t3a, t3, t4, cpu1, cpu2, cpu3, cpu4, client4, db1, db4, uploadBytes };
  }

  const port = Number(new URL(server.baseUrl).port);
  // Warm-up: another N applicants run the same round first, untimed, so that the measured round meets a server that
  // has been serving for a while, as at a real deadline, rather than one started seconds ago (its heap, caches,
  // statements and pack file are then in use already). Its figures are printed as the cold start.
  log(`warm-up: ${N} other applicants at once`);
  const warm = await allAtOnce(warmPeople, new Map());
  log(`journeys: ${N} applicants at once`);
  const { t0, t1, t2, t3a, t3, t4, cpu1, cpu2, cpu3, cpu4, client4, db1, db4, uploadBytes } = await allAtOnce(people, timings);

  // The paced round: N applicants in their journeys at the same time, each at its own step, as at a real deadline
  // where people are spread over the steps of their journeys rather than all uploading in the same second. Each
  // of N slots runs two journeys back to back (a new applicant each), pausing between steps so that together they
  // offer RATE journeys/s: slot i sends step k at start_i + k·P, P = N / RATE / 14, with start_i spread evenly
  // at random over one journey (14·P); a late answer makes the next step go at once. From 14·P to 28·P every slot
  // is busy, each at a different step: the figures of this round are the requests sent in that window and the
  // journeys that ended in it. If the server keeps up, N journeys end in the window (RATE journeys/s) and the
  // latency is what an applicant meets at that load; if not, fewer end and the latency shows the queue.
  const JOURNEYS_PER_SLOT = 2;
  const pacedFiles = pacedPeople.map(() => [uniquePdf(), uniquePdf(), uniquePdf()]);
  const pacedClients = pacedPeople.map(() => new Client(server.baseUrl));
  await pool(pacedPeople, 8, (p, i) => pacedClients[i].login(p.login, p.password));
  const pacedWires = pacedClients.map((c) => new WireClient(port, { cookie: c.cookie, csrf: c.csrf }));
  wires.push(...pacedWires);
  await pool(pacedWires, 50, (w) => w.connect());
  const STEPS = 13;
  const period = N / RATE / (STEPS + 1) * 1000;  // ms between a slot's steps
  const cycle = period * (STEPS + 1);  // one journey
  const sent = [];  // [kind, sent at, ms]
  const ended = [];  // when each journey's last answer came
  const lateSteps = { server: 0, generator: 0 };
  const sleepUntil = (t) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));
  log(`paced: ${N} applicants offering ${RATE} journeys/s (a step every ${period.toFixed(0)} ms each)`);
  const p0 = performance.now();
  const pacedCpu0 = serverCpuSeconds(server.child.pid);
  let pacedCpu1 = 0, pacedCpu2 = 0, clientCpu1 = null, clientCpu2 = null;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const windowStart = p0 + cycle, windowEnd = p0 + 2 * cycle;
  // The server's CPU over the window, read at its edges.
  const cpuAtEdges = Promise.all([
    sleepUntil(windowStart).then(() => { pacedCpu1 = serverCpuSeconds(server.child.pid); clientCpu1 = process.cpuUsage(); loopDelay.enable(); }),
    sleepUntil(windowEnd).then(() => { pacedCpu2 = serverCpuSeconds(server.child.pid); clientCpu2 = process.cpuUsage(clientCpu1); loopDelay.disable(); }),
  ]);
  const pacedTimed = async (kind, fn, ok) => {
    const at = performance.now();
    const r = await timed(kind, fn, ok, new Map());
    sent.push([kind, at, performance.now() - at]);
    return r;
  };
  await Promise.all(Array.from({ length: N }, async (_, slot) => {
    const start = p0 + Math.random() * cycle;
    let step = 0;
    // Why a step in the window goes late, if it does: its previous answer came after the step's time (the server),
    // or the generator's own timer fired more than 10 ms after it.
    const next = async () => {
      const due = start + period * step++;
      const ready = performance.now();
      if (ready > due) {
        if (due >= windowStart && due < windowEnd) lateSteps.server += 1;
        return;
      }
      await sleepUntil(due);
      if (due >= windowStart && due < windowEnd && performance.now() - due > 10) lateSteps.generator += 1;
    };
    for (let j = 0; j < JOURNEYS_PER_SLOT; j++) {
      const who = slot * JOURNEYS_PER_SLOT + j;
      const c = pacedWires[who];
      await next();
      const d = await pacedTimed('create', () => c.post('/api/v1/dossiers', { campaign_id: campaign.id, series_id: pw.id, level: 'intermediate' }));
      await next();
      const view = await pacedTimed('read', () => c.get(`/api/v1/dossiers/${d.data.id}`));
      for (const [name, data] of Object.entries(sectionData)) {
        await next();
        await pacedTimed('section', () => c.request('PUT', `/api/v1/dossiers/${d.data.id}/sections/${name}`, { json: { version: view.data.sections[name].version, data } }));
      }
      for (const body of pacedFiles[who]) {
        await next();
        await pacedTimed('upload', () => c.request('PUT', `/api/v1/dossiers/${d.data.id}/attachments/papers?name=paper.pdf`, { body }));
      }
      await next();
      await pacedTimed('check', () => c.get(`/api/v1/dossiers/${d.data.id}/check`), (r) => r.status === 200 && r.data.ok);
      await next();
      await pacedTimed('submit', () => c.post(`/api/v1/dossiers/${d.data.id}/submit`));
      ended.push(performance.now());
      step++;  // the pause before the slot's next journey
    }
  }));
  await cpuAtEdges;
  const windowSeconds = (windowEnd - windowStart) / 1000;
  const inWindow = sent.filter(([, at]) => at >= windowStart && at < windowEnd);
  const pacedAll = inWindow.map(([, , ms]) => ms);
  const paced = new Map();
  for (const [kind, , ms] of inWindow) {
    if (!paced.has(kind)) paced.set(kind, []);
    paced.get(kind).push(ms);
  }
  const endedInWindow = ended.filter((t) => t >= windowStart && t < windowEnd).length;
  // On time, every slot sends exactly 13 requests (one journey's) in the window, whatever step it is at, and a slot
  // sends its next request only after the answer to its last: a server that falls behind makes the sends late, and
  // fewer fall in the window. The rate is judged on them. The requests answered in the window are printed too, but
  // they also move with the answers that cross its edges: a 20 ms pause of either process at its end moves about
  // 80 answers (1.2%) out of it. The journeys that end in it are N only on average (a slot whose last answer of one
  // journey came later than that of the other ends two in the window, or none).
  const answeredInWindow = sent.filter(([, at, ms]) => at + ms >= windowStart && at + ms < windowEnd).length;
  const pacedCpu = pacedCpu2 - pacedCpu1;

  const uploadRate = uploadBytes / ((t3 - t3a) / 1000);
  const all = [...timings.entries()].filter(([k]) => k !== 'login').flatMap(([, v]) => v);
  const result = {
    date: new Date().toISOString(), applicants: N, errors, error_samples: errorSamples,
    journeys_per_s: N / ((t4 - t0) / 1000),
    journeys_per_s_signed_in: N / ((t4 - t1) / 1000),
    server_cpu_ms_per_journey_signed_in: ((cpu4 - cpu1) * 1000) / N,
    // The load generator's own CPU (this process): it shares the two cores with the server.
    client_cpu_ms_per_journey_signed_in: (client4.user + client4.system) / 1000 / N,
    server_cpu_ms_per_journey_by_stage: { sections: ((cpu2 - cpu1) * 1000) / N, uploads: ((cpu3 - cpu2) * 1000) / N, check_submit: ((cpu4 - cpu3) * 1000) / N },
    statements_prepared_per_journey: (db4.prepared - db1.prepared) / N,
    write_commits_per_journey: (db4.commits - db1.commits) / N,
    write_flushes_per_journey: (db4.flushes - db1.flushes) / N,
    // SQLite has one writer: the time use cases held it bounds the journeys per second at 1000 / this.
    writer_held_ms_per_journey: ((db4.writerHeld - db1.writerHeld) * 1000) / N,
    stage_seconds: { login: (t1 - t0) / 1000, sections: (t2 - t1) / 1000, uploads: (t3 - t3a) / 1000, check_submit: (t4 - t3) / 1000 },
    requests_without_login: { count: all.length, p50_ms: pct(all, 50), p99_ms: pct(all, 99) },
    by_kind: Object.fromEntries([...timings.entries()].map(([k, v]) => [k, { count: v.length, p50_ms: pct(v, 50), p99_ms: pct(v, 99) }])),
    paced: {
      offered_journeys_per_s: RATE, window_seconds: windowSeconds, journeys_ended_in_window: endedInWindow,
      requests_sent_in_window: inWindow.length, requests_answered_in_window: answeredInWindow, late_steps_in_window: lateSteps,
      journeys_per_s: inWindow.length / STEPS / windowSeconds, server_cpu_share_of_two_cores: pacedCpu / windowSeconds / 2,
      client_cpu_share_of_two_cores: (clientCpu2.user + clientCpu2.system) / 1e6 / windowSeconds / 2,
      // How late the generator's own timers ran (its event loop busy): steps sent late make the rate fall short.
      generator_loop_delay_p99_ms: loopDelay.percentile(99) / 1e6,
      requests: { count: pacedAll.length, p50_ms: pct(pacedAll, 50), p99_ms: pct(pacedAll, 99) },
      by_kind: Object.fromEntries([...paced.entries()].map(([k, v]) => [k, { count: v.length, p50_ms: pct(v, 50), p99_ms: pct(v, 99) }])),
    },
    // The warm-up round: the same round on the server just started.
    cold_start: {
      journeys_per_s_signed_in: N / ((warm.t4 - warm.t1) / 1000),
      server_cpu_ms_per_journey_signed_in: ((warm.cpu4 - warm.cpu1) * 1000) / N,
      upload_mib_per_s: warm.uploadBytes / ((warm.t3 - warm.t3a) / 1000) / 1048576,
    },
    upload_mib_per_s: uploadRate / 1048576, disk_mib_per_s: diskBytesPerSec / 1048576, disk_written_mib: sustainedMiB,
    upload_share_of_disk: diskBytesPerSec ? uploadRate / diskBytesPerSec : 0,
    // The disk's cache: the same dd writing the stage's volume, and 128 MiB.
    disk_stage_volume_mib: stageMiB, disk_stage_volume_mib_per_s: stageVolumeBytesPerSec / 1048576,
    upload_share_of_disk_stage_volume: stageVolumeBytesPerSec ? uploadRate / stageVolumeBytesPerSec : 0,
    disk_128_mib_per_s: burstBytesPerSec / 1048576,
  };
  const f = (n, d = 1) => Number(n).toFixed(d);
  console.log(`\nDeadline surge  ${result.date.slice(0, 10)}  ${N} applicants at once, SQLite synchronous=FULL`);
  console.log(`journeys/s (sign-in included)        ${f(result.journeys_per_s)}`);
  console.log(`journeys/s (already signed in)       ${f(result.journeys_per_s_signed_in)}   target >= 300: ${result.journeys_per_s_signed_in >= 300 ? 'PASS' : 'FAIL'}`);
  console.log(`server CPU per signed-in journey       ${f(result.server_cpu_ms_per_journey_signed_in, 2)} ms (13 requests; 2 cores = ${f(2000 / result.server_cpu_ms_per_journey_signed_in, 0)} journeys/s if the server had them alone)`);
  console.log(`  by stage: ${Object.entries(result.server_cpu_ms_per_journey_by_stage).map(([k, v]) => `${k} ${f(v, 2)} ms`).join(', ')}`);
  console.log(`load generator CPU per signed-in journey ${f(result.client_cpu_ms_per_journey_signed_in, 2)} ms (it runs on the same cores)`);
  console.log(`per journey: statements prepared ${f(result.statements_prepared_per_journey)}, writes committed ${f(result.write_commits_per_journey)}, flushes to disk ${f(result.write_flushes_per_journey)}`);
  console.log(`  the one SQLite writer held ${f(result.writer_held_ms_per_journey, 2)} ms per journey (alone it allows ${f(1000 / result.writer_held_ms_per_journey, 0)} journeys/s)`);
  // With 500 requests always in flight the wait is 500 / requests per second (Little's law): the p99 target is judged
  // in the paced round below.
  console.log(`requests without sign-in: p50 ${f(result.requests_without_login.p50_ms)} ms, p99 ${f(result.requests_without_login.p99_ms)} ms   (500 always in flight: the p99 target is judged in the paced round)`);
  for (const [k, v] of Object.entries(result.by_kind)) console.log(`  ${k.padEnd(8)} ${String(v.count).padStart(6)}  p50 ${f(v.p50_ms).padStart(7)} ms  p99 ${f(v.p99_ms).padStart(7)} ms`);
  console.log(`stages (s): ${Object.entries(result.stage_seconds).map(([k, v]) => `${k} ${f(v, 2)}`).join(', ')}`);
  const pr = result.paced;
  console.log(`paced: ${N} applicants in their journeys at once, each at its own step, offering ${RATE} journeys/s (figures from the ${f(pr.window_seconds, 2)} s when all are busy)`);
  // A server that keeps up lets the slots send exactly the offered load, give or take the few sends that a late
  // answer or timer moves across the window's edges: 300 offered is met when at least 99% of it is sent.
  console.log(`  journeys/s achieved                 ${f(pr.journeys_per_s)} (${pr.requests_sent_in_window} requests sent in the window / 13; ${pr.requests_answered_in_window} answered in it, ${pr.journeys_ended_in_window} journeys ended in it)   target >= 300: ${pr.journeys_per_s >= 0.99 * 300 ? 'PASS' : 'FAIL'}`);
  console.log(`  steps due in the window sent late: ${pr.late_steps_in_window.server} after a late answer, ${pr.late_steps_in_window.generator} on the generator's timers (> 10 ms), of ${STEPS * N}`);
  console.log(`  requests p50 ${f(pr.requests.p50_ms)} ms, p99 ${f(pr.requests.p99_ms)} ms   target p99 < 100 ms: ${pr.requests.p99_ms < 100 ? 'PASS' : 'FAIL'}`);
  console.log(`  server CPU: ${f(pr.server_cpu_share_of_two_cores * 100, 0)}% of the two cores; load generator ${f(pr.client_cpu_share_of_two_cores * 100, 0)}%, its timers late by up to ${f(pr.generator_loop_delay_p99_ms)} ms (p99)`);
  for (const [k, v] of Object.entries(pr.by_kind)) console.log(`  ${k.padEnd(8)} ${String(v.count).padStart(6)}  p50 ${f(v.p50_ms).padStart(7)} ms  p99 ${f(v.p99_ms).padStart(7)} ms`);
  const cold = result.cold_start;
  console.log(`cold start (the warm-up round, on the server just started): ${f(cold.journeys_per_s_signed_in)} journeys/s signed in, server CPU ${f(cold.server_cpu_ms_per_journey_signed_in, 2)} ms per journey, uploads ${f(cold.upload_mib_per_s)} MiB/s (share ${f(cold.upload_mib_per_s * 1048576 / diskBytesPerSec, 2)})`);
  console.log(`uploads ${f(result.upload_mib_per_s)} MiB/s; disk ${f(result.disk_mib_per_s)} MiB/s (dd of ${sustainedMiB} MiB, its sustained rate); share ${f(result.upload_share_of_disk, 2)}   target >= 0.5: ${result.upload_share_of_disk >= 0.5 ? 'PASS' : 'FAIL'}`);
  console.log(`  the disk's host cache: dd of ${stageMiB} MiB (as much as the stage stores) went at ${f(result.disk_stage_volume_mib_per_s)} MiB/s (uploads' share of it ${f(result.upload_share_of_disk_stage_volume, 2)}), 128 MiB at ${f(result.disk_128_mib_per_s)}`);
  console.log(`errors ${errors}   target 0: ${errors === 0 ? 'PASS' : 'FAIL'}${errorSamples.length ? '\n  ' + errorSamples.join('\n  ') : ''}`);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'surge.json'), JSON.stringify(result, null, 2));
} finally {
  for (const w of wires) w.close();
  await server.stop();
}
