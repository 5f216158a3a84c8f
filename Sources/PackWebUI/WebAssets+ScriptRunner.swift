// runner.js: the Test Runner panel: run a tool on an input and show outcome, latency, raw output,
// error and validation errors, with a short history of runs.

extension WebAssets {
    static let runnerJS = #"""
// Quiver web UI — Test Runner panel.
import {
  $, api, h, replace, emit, store, pretty, checkSyntax, fillTestSelect, firstTestInput, bindToolPicker,
  toolPath, describe, formatLatency,
} from '/core.js';

const HISTORY_LIMIT = 20;
const history = [];
let currentTool = null;
let running = false;

export function init() {
  bindToolPicker({
    tab: 'runner', select: $('runner-tool'), testSelect: $('runner-test'), current: () => currentTool,
    load: (id) => loadTool(id),
    onTest: (test) => {
      $('runner-input').value = pretty(test.input ?? {});
      checkSyntax($('runner-input'), $('runner-input-syntax'));
    },
  });
  $('runner-input').addEventListener('input', () => checkSyntax($('runner-input'), $('runner-input-syntax')));
  $('runner-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  $('runner-form').addEventListener('submit', (event) => { event.preventDefault(); run(); });
}

function loadTool(id) {
  const tool = store.toolsById.get(String(id));
  if (!tool) return;
  currentTool = tool;
  fillTestSelect($('runner-test'), tool, 'choose a test…');
  $('runner-description').textContent = [tool.description, tool.handler ? 'handler: ' + tool.handler : null,
    tool.name ? 'model-visible name: ' + tool.name : null].filter(Boolean).map(String).join(' · ');
  $('runner-input').value = firstTestInput(tool);
  checkSyntax($('runner-input'), $('runner-input-syntax'));
}

function show(box, visible) { $(box).hidden = !visible; }

function renderResult(toolId, model, result) {
  $('runner-result').hidden = false;
  const outcome = String(result.outcome || 'error');
  const badge = $('runner-outcome');
  badge.textContent = outcome;
  badge.className = 'badge ' + (outcome === 'error' ? 'bad' : outcome.replace(/[^a-z_]/g, ''));
  $('runner-latency').textContent = result.latency_ms === undefined ? '—' : formatLatency(result.latency_ms);
  $('runner-ran').textContent = toolId + (result.version ? ' ' + result.version : '') + ' as model ' + model;
  const hasError = result.error !== undefined && result.error !== null && result.error !== '';
  $('runner-error').textContent = hasError ? String(result.error) : '';
  show('runner-error-box', hasError);
  const errors = Array.isArray(result.validation_errors) ? result.validation_errors : [];
  replace($('runner-validation-errors'), errors.map((error) => h('li', {}, describe(error))));
  show('runner-validation-box', errors.length > 0);
  const hasOutput = Object.prototype.hasOwnProperty.call(result, 'output');
  $('runner-output').textContent = hasOutput ? pretty(result.output) : '';
  show('runner-output-box', hasOutput);
  const diagnostics = result.diagnostics === undefined || result.diagnostics === null ? '' : String(result.diagnostics);
  $('runner-diagnostics').textContent = diagnostics;
  show('runner-diagnostics-box', diagnostics !== '');
}

function addHistory(entry) {
  history.unshift(entry);
  history.length = Math.min(history.length, HISTORY_LIMIT);
  $('runner-history-empty').hidden = history.length > 0;
  replace($('runner-history'), history.map((item) => h('li', { dataset: { testid: 'history-item', outcome: item.outcome } },
    h('span', { class: 'when' }, item.when.toLocaleTimeString()),
    h('span', { class: 'mono' }, item.tool), ' · ', item.model, ' · ',
    h('span', { class: 'badge ' + item.outcome.replace(/[^a-z_]/g, '') }, item.outcome),
    item.latency === undefined ? '' : ' · ' + formatLatency(item.latency), ' ',
    h('button', { type: 'button', class: 'link', onclick: () => restore(item) , 'aria-label': 'Use the input of this run again' }, 'use input'))));
}

function restore(item) {
  if (store.toolsById.has(item.tool)) { $('runner-tool').value = item.tool; loadTool(item.tool); }
  $('runner-input').value = item.input;
  checkSyntax($('runner-input'), $('runner-input-syntax'));
  $('runner-input').focus();
}

export async function run() {
  if (running || !currentTool) return;
  const toolId = String(currentTool.id);
  const input = $('runner-input').value;
  const parsed = checkSyntax($('runner-input'), $('runner-input-syntax'));
  if (parsed.error) { $('runner-input').focus(); return; }
  const model = $('runner-model').value.trim() || 'web-ui';
  running = true;
  $('runner-run').disabled = true;
  $('runner-run').textContent = 'Running…';
  let result;
  try {
    result = await api(toolPath(toolId) + '/invoke', {
      method: 'POST', raw: '{"input":' + input + '}', headers: { 'X-Quiver-Model': model },
    });
  } catch (error) {
    result = { outcome: 'error', error: error.message + (error.code ? ' (' + error.code + ')' : '') };
  } finally {
    running = false;
    $('runner-run').disabled = false;
    $('runner-run').textContent = 'Run';
  }
  renderResult(toolId, model, result || {});
  addHistory({ when: new Date(), tool: toolId, model, input, outcome: String(result.outcome || 'error'), latency: result.latency_ms });
  emit('invoked', { tool: toolId, model });
}
"""#
}
