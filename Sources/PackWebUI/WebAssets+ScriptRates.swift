// rates.js: the Model Success Rates panel: an inline SVG chart per tool with one bar per model,
// its 95% interval and a dashed threshold line (80% unless the server says otherwise).

extension WebAssets {
    static let ratesJS = #"""
// Quiver web UI — Model Success Rates panel.
import { $, api, h, s, replace, on, percent, formatLatency } from '/core.js';

const REFRESH_MS = 5000;
const WIDTH = 560, LEFT = 170, RIGHT = 24, TOP = 22, ROW = 40, BOTTOM = 22, BAR = 14;
let loading = false;
let chartCount = 0;

export function init() {
  $('rates-refresh').addEventListener('click', () => load());
  // Each load flushes the server's records and queries SQLite: only while the panel is shown.
  const shown = () => !document.hidden && !$('panel-rates').hidden;
  on('invoked', () => { if (shown()) load(); });
  on('tab', (name) => { if (name === 'rates') load(); });
  setInterval(() => { if (shown()) load(); }, REFRESH_MS);
}

export async function load() {
  if (loading) return;
  loading = true;
  try {
    const data = await api('/api/v1/stats');
    const threshold = Number.isFinite(Number(data && data.threshold)) ? Number(data.threshold) : 0.8;
    render(Array.isArray(data && data.rates) ? data.rates : [], threshold);
    $('rates-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    $('rates-updated').textContent = 'Could not load the rates: ' + error.message;
  } finally {
    loading = false;
  }
}

function clamp(value) {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(1, Math.max(0, number)) : null;
}

function render(rates, threshold) {
  $('rates-threshold').textContent = percent(threshold, 0);
  $('rates-empty').hidden = rates.length > 0;
  const groups = new Map();
  for (const rate of rates) {
    const key = String(rate.tool) + '\u0000' + String(rate.version || '');
    if (!groups.has(key)) groups.set(key, { tool: String(rate.tool), version: String(rate.version || ''), rows: [] });
    groups.get(key).rows.push(rate);
  }
  const charts = [...groups.values()]
    .sort((a, b) => a.tool.localeCompare(b.tool) || a.version.localeCompare(b.version))
    .map((group) => chart(group, threshold));
  replace($('rates-charts'), charts);
}

function chart(group, threshold) {
  const rows = group.rows.slice().sort((a, b) => String(a.model).localeCompare(String(b.model)));
  const id = 'rate-chart-' + (++chartCount);
  const plot = WIDTH - LEFT - RIGHT;
  const height = TOP + rows.length * ROW + BOTTOM;
  const x = (fraction) => LEFT + plot * fraction;
  const thresholdX = x(clamp(threshold) ?? 0.8);
  const svg = s('svg', { viewBox: '0 0 ' + WIDTH + ' ' + height, role: 'img', 'aria-labelledby': id + '-title ' + id + '-desc' },
    s('title', { id: id + '-title' }, 'Success rate of ' + group.tool + ' by model'),
    s('desc', { id: id + '-desc' }, rows.map(summary).join('; ') + '. Threshold ' + percent(threshold, 0) + '.'),
    rows.map((rate, index) => row(rate, index, x)),
    // Axis with ticks at 0, 50 and 100 percent.
    s('line', { class: 'axis', x1: x(0), x2: x(1), y1: height - BOTTOM + 2, y2: height - BOTTOM + 2 }),
    [0, 0.5, 1].map((tick) => s('text', { class: 'tick', x: x(tick), y: height - 6, 'text-anchor': 'middle' }, percent(tick, 0))),
    s('line', { class: 'threshold', x1: thresholdX, x2: thresholdX, y1: TOP - 6, y2: height - BOTTOM + 2,
      'data-testid': 'threshold-line' }),
    s('text', { class: 'threshold-label', x: thresholdX, y: TOP - 9, 'text-anchor': 'middle' }, percent(threshold, 0) + ' threshold'));
  return h('figure', { class: 'chart', dataset: { testid: 'rate-chart', tool: group.tool, version: group.version } },
    h('figcaption', {}, group.tool + (group.version ? ' ' + group.version : '')),
    svg,
    h('ul', { class: 'legend' }, rows.map((rate) => h('li', {
      class: rate.flagged ? 'flagged' : undefined, dataset: { testid: 'rate-legend', model: String(rate.model) },
    }, summary(rate) + (rate.flagged ? ' — flagged: below the ' + percent(threshold, 0) + ' threshold' : '')))));
}

function summary(rate) {
  const calls = Number(rate.calls || 0);
  const successes = Number(rate.successes || 0);
  const ci = rate.ci95 || {};
  const interval = clamp(ci.lower) !== null && clamp(ci.upper) !== null
    ? ', 95% interval ' + percent(ci.lower) + '–' + percent(ci.upper) : '';
  const latency = Number.isFinite(Number(rate.mean_latency_ms)) && rate.mean_latency_ms !== null
    ? ', mean latency ' + formatLatency(rate.mean_latency_ms) : '';
  return String(rate.model) + ': ' + successes + ' of ' + calls + (calls === 1 ? ' call' : ' calls') + ' ok (' + percent(rate.rate) + interval + ')' + latency;
}

function row(rate, index, x) {
  const top = TOP + index * ROW;
  const middle = top + ROW / 2;
  const value = clamp(rate.rate) ?? 0;
  const lower = clamp((rate.ci95 || {}).lower);
  const upper = clamp((rate.ci95 || {}).upper);
  const calls = Number(rate.calls || 0);
  return s('g', { class: rate.flagged ? 'flagged' : undefined, 'data-testid': 'rate-row', 'data-model': String(rate.model) },
    rate.flagged ? s('rect', { class: 'flag-bg', x: 0, y: top + 2, width: WIDTH, height: ROW - 4, rx: 4 }) : null,
    s('text', { class: 'model', x: 8, y: middle - 3 }, truncate(String(rate.model), 22)),
    s('text', { class: 'value', x: 8, y: middle + 11 }, percent(rate.rate) + ' · ' + calls + (calls === 1 ? ' call' : ' calls')),
    s('rect', { class: 'track', x: x(0), y: middle - BAR / 2, width: x(1) - x(0), height: BAR, rx: 3 }),
    s('rect', { class: 'bar', x: x(0), y: middle - BAR / 2, width: Math.max(0, x(value) - x(0)), height: BAR, rx: 3,
      'data-testid': 'rate-bar' }),
    lower !== null && upper !== null ? [
      s('line', { class: 'interval', x1: x(lower), x2: x(upper), y1: middle, y2: middle }),
      s('line', { class: 'interval', x1: x(lower), x2: x(lower), y1: middle - 5, y2: middle + 5 }),
      s('line', { class: 'interval', x1: x(upper), x2: x(upper), y1: middle - 5, y2: middle + 5 }),
    ] : null);
}

function truncate(text, length) { return text.length > length ? text.slice(0, length - 1) + '…' : text; }
"""#
}
