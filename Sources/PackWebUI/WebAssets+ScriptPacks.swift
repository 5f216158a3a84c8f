// packs.js: the Packs panel: a table of packs with tier, health and grants, and a pack's install report.

extension WebAssets {
    static let packsJS = #"""
// Quiver web UI — Packs panel.
import { $, api, h, replace, describe, emit, on } from '/core.js';

let selected = null;

export function init() {
  $('packs-refresh').addEventListener('click', () => load());
  on('token', () => load());
}

function list(items) { return Array.isArray(items) ? items : []; }

function capabilities(items, denied) {
  const entries = list(items);
  if (entries.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('span', { class: 'caps' }, entries.map((item) => h('span', { class: denied ? 'cap denied' : 'cap' }, describe(item))));
}

function statusBadge(status) {
  const text = String(status || 'unknown');
  return h('span', { class: 'badge ' + text.replace(/[^a-z_]/g, ''), dataset: { testid: 'pack-status' } }, text);
}

export async function load() {
  const message = $('packs-message');
  message.textContent = 'Loading packs…';
  try {
    const data = await api('/api/v1/packs');
    const packs = list(data && data.packs);
    render(packs);
    message.textContent = packs.length === 0
      ? 'No packs. Start the server with --packs DIR, or install packs into the store.'
      : packs.length + (packs.length === 1 ? ' pack' : ' packs') + '. Select one for its install report.';
  } catch (error) {
    message.textContent = 'Could not load the packs: ' + error.message;
  }
}

function render(packs) {
  const rows = packs.map((pack) => {
    const name = String(pack.name);
    const version = String(pack.version || '');
    const open = () => showDetails(pack);
    const diagnostics = Number(pack.diagnostics || 0);
    return h('tr', {
      dataset: { testid: 'pack-row', pack: name, version },
      class: selected === name + '@' + version ? 'selected' : undefined,
      onclick: open,
    },
      h('td', {},
        h('button', { type: 'button', class: 'link', 'aria-label': 'Show the install report of ' + name + ' ' + version,
          onclick: (event) => { event.stopPropagation(); open(); } }, name),
        pack.default ? ' ' : null,
        pack.default ? h('span', { class: 'badge default', title: 'the default version, offered to agents' }, 'default') : null),
      h('td', { class: 'mono' }, version),
      h('td', {}, String(pack.tier || '')),
      h('td', {}, statusBadge(pack.status),
        diagnostics > 0 ? h('span', { class: 'muted' }, ' ' + diagnostics + (diagnostics === 1 ? ' diagnostic' : ' diagnostics')) : null),
      h('td', {}, capabilities(pack.granted, false)),
      h('td', {}, capabilities(pack.denied, true)),
      h('td', {}, String(list(pack.tools).length)),
      h('td', {}, String(list(pack.skills).length)));
  });
  replace($('packs-body'), rows.length ? rows : h('tr', {}, h('td', { colspan: '8', class: 'muted' }, 'No packs.')));
}

async function showDetails(pack) {
  const name = String(pack.name);
  const version = String(pack.version || '');
  selected = name + '@' + version;
  for (const row of document.querySelectorAll('#packs-body tr')) {
    row.classList.toggle('selected', row.dataset.pack === name && row.dataset.version === version);
  }
  const box = $('pack-details');
  box.hidden = false;
  replace(box, h('p', { class: 'muted' }, 'Loading ' + name + ' ' + version + '…'));
  const major = version.split('.')[0];
  const path = '/api/v1/packs/' + encodeURIComponent(name) + (pack.default || !major ? '' : '/v' + encodeURIComponent(major));
  try {
    renderDetails(await api(path));
  } catch (error) {
    replace(box, h('p', { class: 'error-text' }, 'Could not load ' + name + ': ' + error.message));
  }
}

function section(title, items, render, empty = 'none') {
  const entries = list(items);
  return h('div', {},
    h('h4', {}, title + ' (' + entries.length + ')'),
    entries.length ? h('ul', {}, entries.map((item) => h('li', {}, render(item)))) : h('p', { class: 'muted' }, empty));
}

function diagnostic(item) {
  if (!item || typeof item !== 'object') return describe(item);
  const severity = String(item.severity || 'note');
  const where = item.file ? String(item.file) + (item.line ? ':' + item.line + (item.column ? ':' + item.column : '') : '') + ': ' : '';
  return h('span', { class: 'diag-' + severity }, where + severity + ': ' + String(item.message || ''));
}

function renderDetails(data) {
  const box = $('pack-details');
  const pack = (data && data.pack) || {};
  const report = (data && data.report) || {};
  const tools = list(data && data.tools);
  const versions = list(data && data.versions);
  replace(box,
    h('h3', {}, String(pack.name) + ' ' + String(pack.version || '') + ' ', statusBadge(pack.status)),
    pack.description ? h('p', {}, String(pack.description)) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Tier'), h('dd', {}, String(pack.tier || '')),
      h('dt', {}, 'Versions'), h('dd', { class: 'mono' }, versions.map(String).join(', ') || String(pack.version || '')),
      h('dt', {}, 'Skills'), h('dd', {}, list(pack.skills).map(String).join(', ') || 'none')),
    h('h4', {}, 'Install report'),
    h('div', { class: 'details-grid', dataset: { testid: 'install-report' } },
      section('Granted', report.granted ?? pack.granted, describe),
      section('Denied', report.denied ?? pack.denied, describe),
      section('Installed', report.installed, describe),
      section('Skipped', report.skipped, describe),
      section('Diagnostics', report.diagnostics, diagnostic)),
    h('h4', {}, 'Tools (' + tools.length + ')'),
    tools.length
      ? h('ul', {}, tools.map((tool) => h('li', {},
          h('span', { class: 'mono' }, String(tool.id || tool.name)), ' ',
          tool.description ? h('span', { class: 'muted' }, '— ' + String(tool.description) + ' ') : null,
          h('button', { type: 'button', class: 'secondary', onclick: () => emit('open-tool', { tab: 'authoring', id: String(tool.id) }) }, 'Author'), ' ',
          h('button', { type: 'button', class: 'secondary', onclick: () => emit('open-tool', { tab: 'runner', id: String(tool.id) }) }, 'Run'))))
      : h('p', { class: 'muted' }, 'This pack offers no tools.'));
}
"""#
}
