// app.js: the page's entry point: header (version, health, token), tabs, and start-up of the panels.

extension WebAssets {
    static let appJS = #"""
// Quiver web UI — entry point.
import { $, api, emit, on, getToken, setToken, loadTools, store, replace } from '/core.js';
import * as packs from '/packs.js';
import * as authoring from '/authoring.js';
import * as runner from '/runner.js';
import * as rates from '/rates.js';

const TABS = ['packs', 'authoring', 'runner', 'rates'];

function selectTab(name, { focus = false, updateHash = true } = {}) {
  if (!TABS.includes(name)) name = 'packs';
  for (const tab of TABS) {
    const button = $('tab-' + tab);
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $('panel-' + tab).hidden = !selected;
    if (selected && focus) button.focus();
  }
  if (updateHash && location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  emit('tab', name);
}

function setUpTabs() {
  const list = document.querySelector('[role=tablist]');
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[role=tab]');
    if (button) selectTab(button.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const current = TABS.indexOf(document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.tab : '');
    if (current < 0) return;
    let next = null;
    if (event.key === 'ArrowRight') next = (current + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (current - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    selectTab(TABS[next], { focus: true });
  });
  window.addEventListener('hashchange', () => selectTab(location.hash.slice(1), { updateHash: false }));
  on('open-tool', ({ tab }) => selectTab(tab));
}

function showBanner(message) {
  const banner = $('auth-banner');
  if (!message) { banner.hidden = true; banner.textContent = ''; return; }
  banner.textContent = message;
  banner.hidden = false;
}

function updateTokenSummary() {
  $('auth-summary').textContent = getToken() ? 'Token: set' : 'Token: none';
}

function setUpAuth() {
  $('auth-token').value = getToken();
  updateTokenSummary();
  $('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken($('auth-token').value.trim());
    updateTokenSummary();
    showBanner('');
    $('auth').open = false;
    emit('token');
    refreshAll();
  });
  $('auth-clear').addEventListener('click', () => {
    $('auth-token').value = '';
    setToken('');
    updateTokenSummary();
    emit('token');
  });
  on('unauthorized', () => {
    showBanner(getToken()
      ? 'The server refused the token (401 Unauthorized). Check it and save it again in the Token field above.'
      : 'This server requires an API token (401 Unauthorized). Create one with: quiver token create NAME — then paste it into the Token field above and press Save.');
    $('auth').open = true;
    $('auth-token').focus();
  });
}

async function refreshHealth() {
  const box = $('health');
  try {
    const health = await api('/api/v1/health');
    store.health = health;
    $('server-version').textContent = health.version ? 'version ' + health.version : '';
    const ok = health.status === 'ok';
    box.className = 'health ' + (ok ? 'ok' : 'bad');
    replace($('health-text'),
      (ok ? 'healthy' : String(health.status)) + ' · ' + Number(health.packs || 0) + ' packs · ' + Number(health.tools || 0) + ' tools'
      + (health.auth_required ? ' · token required' : ''));
    if (health.auth_required && !getToken()) {
      showBanner('This server requires an API token to run tools. Create one with: quiver token create NAME — then paste it into the Token field above and press Save.');
      $('auth').open = true;
    }
  } catch (error) {
    box.className = 'health bad';
    $('health-text').textContent = 'unreachable: ' + error.message;
  }
}

async function refreshAll() {
  await Promise.allSettled([refreshHealth(), loadTools().catch((error) => emit('tools-error', error)), packs.load(), rates.load()]);
}

function start() {
  setUpTabs();
  setUpAuth();
  packs.init();
  authoring.init();
  runner.init();
  rates.init();
  selectTab(location.hash.slice(1) || 'packs', { updateHash: false });
  refreshAll();
  setInterval(() => { if (!document.hidden) refreshHealth(); }, 10000);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
"""#
}
