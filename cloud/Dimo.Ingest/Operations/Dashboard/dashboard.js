// Dimo operator dashboard: hand-written, no libraries. Live figures arrive as server-sent events (/api/operator/live):
// one "history" event with the last minutes of samples, then one "sample" a second. Counters arrive as totals and are
// turned into rates here. Charts are plain canvas line charts over the last five minutes.
'use strict';

const WINDOW_SECONDS = 300;
const REASONS = ['malformed', 'badSignature', 'forged', 'unknownDevice', 'unpaired', 'replay', 'future', 'tooLarge'];
const COLORS = ['#4fc3f7', '#ffb74d', '#ef5350', '#ba68c8', '#81c784', '#f06292', '#fff176', '#90a4ae', '#4db6ac'];
const samples = [];

const $ = id => document.getElementById(id);
const fmt = n => n == null ? '–' : n >= 1e6 ? (n / 1e6).toFixed(2) + ' M' : n >= 1e4 ? (n / 1e3).toFixed(1) + ' k' : (Math.round(n * 10) / 10).toLocaleString();
const bytes = n => n == null ? '–' : n >= 1 << 30 ? (n / (1 << 30)).toFixed(2) + ' GiB' : n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + ' MiB' : (n / 1024).toFixed(0) + ' KiB';
const ms = v => v == null ? '–' : v < 10 ? v.toFixed(2) + ' ms' : v.toFixed(0) + ' ms';

// Per-second rate of a counter between consecutive samples.
function rate(get) {
  return samples.map((s, i) => i === 0 ? null : Math.max(0, get(s) - get(samples[i - 1])) / Math.max(0.001, (s.t - samples[i - 1].t) / 1000));
}
const field = name => samples.map(s => s[name]);

const charts = [
  { title: 'Accepted per second', series: () => [['batches', rate(s => s.accepted)]] },
  { title: 'Readings per second', series: () => [['readings', rate(s => s.readings)]] },
  { title: 'Rejects per second by reason', series: () => REASONS.map(r => [r, rate(s => s.rejected[r] || 0)]).concat([['duplicates', rate(s => s.duplicates)]]) },
  { title: 'Devices connected · logins refused per second', series: () => [['connected', field('connected')], ['logins refused/s', rate(s => s.loginsRefused)]] },
  { title: 'Verification and commit latency (ms)', series: () => [['verify p50', field('verifyP50')], ['verify p99', field('verifyP99')], ['commit p50', field('commitP50')], ['commit p99', field('commitP99')]] },
  { title: 'Acknowledgement lag (ms)', series: () => [['p50', field('ackP50')], ['p99', field('ackP99')]] },
  { title: 'Queue depths', series: () => [['verification', field('verifyQueue')], ['group commit', field('commitQueue')]] },
  { title: 'Sequence gaps · missing batches (per minute)', series: () => [['gaps/min', rate(s => s.gaps).map(v => v == null ? null : v * 60)], ['missing/min', rate(s => s.missing).map(v => v == null ? null : v * 60)]] },
  { title: 'Storage size (MiB) · growth (KiB/s)', series: () => [['size MiB', samples.map(s => s.storageBytes ? s.storageBytes / 1048576 : null)], ['growth KiB/s', growth()]] },
];

// Storage is measured every few seconds (and not before the first measurement), so growth is taken over 10 s.
function growth() {
  return samples.map((s, i) => {
    const before = samples[Math.max(0, i - 10)];
    return i === 0 || before.storageBytes === 0 ? null : Math.max(0, s.storageBytes - before.storageBytes) / 1024 / Math.max(0.001, (s.t - before.t) / 1000);
  });
}

function buildCharts() {
  const holder = $('charts');
  for (const chart of charts) {
    const figure = document.createElement('figure');
    chart.caption = document.createElement('figcaption');
    chart.canvas = document.createElement('canvas');
    figure.append(chart.caption, chart.canvas);
    holder.append(figure);
  }
}

function draw(chart) {
  const series = chart.series();
  chart.caption.innerHTML = '<b>' + chart.title + '</b>' + series.map(([name, values], i) =>
    `<span class="key" style="--c:${COLORS[i % COLORS.length]}">${name} ${fmt(values[values.length - 1])}</span>`).join('');
  const canvas = chart.canvas, ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== width * ratio) { canvas.width = width * ratio; canvas.height = height * ratio; }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const now = samples.length ? samples[samples.length - 1].t : Date.now();
  const from = now - WINDOW_SECONDS * 1000;
  let max = 0;
  for (const [, values] of series)
    values.forEach((v, i) => { if (v != null && samples[i].t >= from) max = Math.max(max, v); });
  max = niceCeiling(max);
  const left = 44, right = width - 6, top = 6, bottom = height - 18;
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#8a96a3'; g.strokeStyle = '#2a3540'; g.lineWidth = 1;
  for (let k = 0; k <= 2; k++) {
    const y = bottom - (bottom - top) * k / 2;
    g.beginPath(); g.moveTo(left, y + 0.5); g.lineTo(right, y + 0.5); g.stroke();
    g.fillText(fmt(max * k / 2), 2, y + 4);
  }
  g.fillText('−5 min', left, height - 4);
  g.fillText('now', right - 22, height - 4);
  const x = t => left + (right - left) * (t - from) / (WINDOW_SECONDS * 1000);
  const y = v => bottom - (bottom - top) * v / max;
  series.forEach(([, values], i) => {
    g.strokeStyle = COLORS[i % COLORS.length]; g.lineWidth = 1.5; g.beginPath();
    let pen = false;
    values.forEach((v, j) => {
      if (v == null || samples[j].t < from) { pen = false; return; }
      if (pen) g.lineTo(x(samples[j].t), y(v)); else g.moveTo(x(samples[j].t), y(v));
      pen = true;
    });
    g.stroke();
  });
}

function niceCeiling(v) {
  if (v <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(v)));
  for (const step of [1, 2, 2.5, 5, 10]) if (v <= step * power) return step * power;
  return 10 * power;
}

function updateFigures() {
  const last = samples[samples.length - 1];
  if (!last) return;
  // Tiles average the last 10 seconds (charts show each second): one quiet second should not read as an outage.
  const tenAgo = samples.find(s => s.t >= last.t - 10000) || samples[0];
  const seconds = Math.max(1, (last.t - tenAgo.t) / 1000);
  $('accepted-total').textContent = last.accepted.toLocaleString();
  $('accepted-rate').textContent = fmt((last.accepted - tenAgo.accepted) / seconds);
  $('readings-rate').textContent = fmt((last.readings - tenAgo.readings) / seconds);
  $('rejected-total').textContent = Object.values(last.rejected).reduce((a, b) => a + b, 0).toLocaleString();
  $('connected').textContent = last.connected.toLocaleString();
  const recentAck = samples.filter(s => s.t >= last.t - 10000 && s.ackP99 != null);
  $('ack-p99').textContent = ms(recentAck.length ? Math.max(...recentAck.map(s => s.ackP99)) : null);
  $('storage').textContent = bytes(last.storageBytes);
  const minuteAgo = samples.find(s => s.t >= last.t - 60000) || samples[0];
  const rows = REASONS.map(r => [r, last.rejected[r] || 0, (last.rejected[r] || 0) - (minuteAgo.rejected[r] || 0)])
    .concat([['duplicates', last.duplicates, last.duplicates - minuteAgo.duplicates]]);
  $('reasons').innerHTML = rows.map(([r, total, minute]) =>
    `<tr ${r === 'duplicates' ? '' : `data-reason="${r}"`} id="reason-${r}" class="${r === selectedReason ? 'selected' : ''}"><td>${r}</td><td class="num">${total.toLocaleString()}</td><td class="num">${minute.toLocaleString()}</td></tr>`).join('');
  if (!$('overview').hidden) charts.forEach(draw);
}

let selectedReason = null;
$('reasons').addEventListener('click', e => {
  const row = e.target.closest('tr[data-reason]');
  if (row) { selectedReason = row.dataset.reason; showRejects(); updateFigures(); }
});

async function showRejects() {
  const response = await fetch('/api/operator/rejects/' + encodeURIComponent(selectedReason));
  if (response.status === 401) { location.href = '/login'; return; }
  const body = await response.json();
  $('rejects-title').textContent = `Latest rejected publishes: ${body.reason} (${body.latest.length}, newest first, at most ${body.capacity})`;
  $('rejects-hint').hidden = body.latest.length > 0;
  $('rejects-hint').textContent = 'None since the ingestor started.';
  const table = $('rejects-table');
  table.hidden = body.latest.length === 0;
  table.tBodies[0].innerHTML = body.latest.map(r =>
    `<tr><td>${new Date(r.timeMs).toLocaleTimeString()}</td><td>${escapeHtml(r.device)}</td><td>${escapeHtml(r.detail)}</td></tr>`).join('');
}

const escapeHtml = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function connect() {
  const source = new EventSource('/api/operator/live');
  source.addEventListener('open', () => { $('live').className = 'on'; $('live').textContent = 'live'; });
  source.addEventListener('error', async () => {
    $('live').className = 'off'; $('live').textContent = 'reconnecting';
    // A lost session shows as an error too: go to the login page instead of retrying forever.
    const probe = await fetch('/api/operator/rejects/forged').catch(() => null);
    if (probe && probe.status === 401) location.href = '/login';
  });
  source.addEventListener('history', e => {
    samples.length = 0;
    samples.push(...JSON.parse(e.data));
    updateFigures();
  });
  source.addEventListener('sample', e => {
    samples.push(JSON.parse(e.data));
    if (samples.length > 600) samples.shift();
    updateFigures();
  });
}

// Devices view: every query goes to the server, which searches, sorts and pages (100,000 devices stay there).
const devices = { q: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 50 };
async function loadDevices() {
  const query = new URLSearchParams({ q: devices.q, sort: devices.sort, order: devices.order, offset: devices.offset, limit: devices.limit });
  const response = await fetch('/api/operator/devices?' + query);
  if (response.status === 401) { location.href = '/login'; return; }
  const page = await response.json();
  const time = t => t == null ? '–' : new Date(t).toLocaleString();
  $('devices-table').tBodies[0].innerHTML = page.rows.map(d =>
    `<tr><td>${d.device}${d.revoked ? ' <span class="dim">(revoked)</span>' : ''}</td><td class="num">${d.node}</td><td>${escapeHtml(d.vin ?? '–')}</td>` +
    `<td>${time(d.lastSeenMs)}</td><td class="num">${d.batchesToday.toLocaleString()}</td>` +
    `<td>${d.lastReject ? escapeHtml(d.lastReject) + ' <span class="dim">' + time(d.lastRejectMs) + '</span>' : '–'}</td></tr>`).join('');
  const end = Math.min(page.offset + page.rows.length, page.total);
  $('device-count').textContent = page.total.toLocaleString() + ' devices' + (devices.q ? ' match' : '');
  $('page-info').textContent = page.total ? `${(page.offset + 1).toLocaleString()}–${end.toLocaleString()} of ${page.total.toLocaleString()}` : 'none';
  $('page-prev').disabled = page.offset === 0;
  $('page-next').disabled = end >= page.total;
  for (const th of document.querySelectorAll('#devices-table th[data-sort]'))
    th.setAttribute('aria-sort', th.dataset.sort === devices.sort ? (devices.order === 'desc' ? 'descending' : 'ascending') : 'none');
}

document.querySelector('#devices-table thead').addEventListener('click', e => {
  const th = e.target.closest('th[data-sort]');
  if (!th) return;
  devices.order = devices.sort === th.dataset.sort && devices.order === 'asc' ? 'desc' : 'asc';
  devices.sort = th.dataset.sort; devices.offset = 0; loadDevices();
});
let searchTimer;
$('device-search').addEventListener('input', e => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { devices.q = e.target.value; devices.offset = 0; loadDevices(); }, 250);
});
$('page-prev').addEventListener('click', () => { devices.offset = Math.max(0, devices.offset - devices.limit); loadDevices(); });
$('page-next').addEventListener('click', () => { devices.offset += devices.limit; loadDevices(); });

// A computed week's anomaly flags and late batches; the week defaults to the last one that has ended
// (issuance week 0 starts 2022-01-31 05:00 UTC).
function lastEndedWeek() {
  return Math.floor((Date.now() - Date.UTC(2022, 0, 31, 5)) / (7 * 86400000)) - 1;
}

function fillRows(table, rows) {
  const body = $(table).querySelector('tbody');
  body.replaceChildren(...rows.map(cells => {
    const tr = document.createElement('tr');
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 0) td.className = 'num';
      tr.appendChild(td);
    });
    return tr;
  }));
}

async function loadRewards() {
  if ($('reward-week').value === '') $('reward-week').value = lastEndedWeek();
  const week = $('reward-week').value;
  const response = await fetch('/api/operator/rewards/weeks/' + encodeURIComponent(week) + '/flags');
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('reward-status').textContent = body.message || ('week ' + week + ': HTTP ' + response.status);
    fillRows('flags-table', []);
    fillRows('late-table', []);
    return;
  }
  $('reward-status').textContent = body.flags.length + ' flags, ' + body.lateBatches.length + ' late batches';
  fillRows('flags-table', body.flags.map(f => [String(f.vehicleId), f.flag, f.detail]));
  fillRows('late-table', body.lateBatches.map(l => [String(l.vehicleId), l.batchHash, new Date(l.receivedMs).toISOString()]));
}
$('reward-week').addEventListener('change', loadRewards);

function show(tab) {
  for (const name of ['overview', 'devices', 'rewards']) {
    $(name).hidden = tab !== name;
    $('tab-' + name).setAttribute('aria-selected', tab === name);
  }
  if (tab === 'devices') loadDevices(); else if (tab === 'rewards') loadRewards(); else updateFigures();
}
$('tab-overview').addEventListener('click', () => show('overview'));
$('tab-devices').addEventListener('click', () => show('devices'));
$('tab-rewards').addEventListener('click', () => show('rewards'));
$('logout').addEventListener('click', async () => { await fetch('/api/operator/session', { method: 'DELETE' }); location.href = '/login'; });
window.addEventListener('resize', () => charts.forEach(draw));

buildCharts();
connect();
