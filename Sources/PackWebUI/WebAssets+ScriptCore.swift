// core.js: the REST client, DOM builders that only ever create text nodes, local JSON syntax
// checking with line and column, and a small event bus shared by the panels.

extension WebAssets {
    static let coreJS = #"""
// Quiver web UI — shared helpers. No build step: this file is served as written.

/** What the panels share: the tool list, keyed by id ("pack/tool"). */
export const store = { tools: [], toolsById: new Map(), health: null };

/** The element with `id`. */
export const $ = (id) => document.getElementById(id);

const bus = new EventTarget();
/** Announce something to the other panels ("tools", "invoked", "open-tool", "unauthorized", "token"). */
export function emit(name, detail) { bus.dispatchEvent(new CustomEvent(name, { detail })); }
export function on(name, handler) { bus.addEventListener(name, (event) => handler(event.detail)); }

const TOKEN_KEY = 'quiver.token';
export function getToken() {
  try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}
export function setToken(token) {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY);
  } catch { /* storage disabled: the token lasts for this page only */ }
  memoryToken = token;
}
let memoryToken = '';

/** An error answer from the server ({"error":{"code","message"}}), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status; this.code = code; this.body = body;
  }
}

/**
 * Calls the REST API. `json` is sent with JSON.stringify; `raw` is a request body already in JSON
 * text (used to send what a person typed byte for byte, so large numbers keep their digits).
 */
export async function api(path, { method = 'GET', json, raw, headers = {} } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  let body;
  if (raw !== undefined) { body = raw; sent['Content-Type'] = 'application/json'; }
  else if (json !== undefined) { body = JSON.stringify(json); sent['Content-Type'] = 'application/json'; }
  const token = getToken() || memoryToken;
  if (token) sent.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body, cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, 'network', 'cannot reach the server (' + error.message + '); is quiver serve running?');
  }
  const text = await response.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (response.status === 401) emit('unauthorized', { path });
  if (!response.ok) {
    const error = data && typeof data === 'object' ? data.error : null;
    const code = error && error.code ? String(error.code) : 'http_' + response.status;
    const message = error && error.message ? String(error.message) : response.status + ' ' + response.statusText;
    throw new ApiError(response.status, code, message, data);
  }
  return data;
}

/** The API path of a tool id "pack/tool" (each part encoded). */
export function toolPath(id) {
  const slash = id.indexOf('/');
  const pack = slash < 0 ? id : id.slice(0, slash);
  const tool = slash < 0 ? '' : id.slice(slash + 1);
  return '/api/v1/tools/' + encodeURIComponent(pack) + '/' + encodeURIComponent(tool);
}

/** Loads GET /api/v1/tools into the store and tells the panels. */
export async function loadTools() {
  const data = await api('/api/v1/tools');
  const tools = Array.isArray(data && data.tools) ? data.tools : [];
  tools.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  store.tools = tools;
  store.toolsById = new Map(tools.map((tool) => [String(tool.id), tool]));
  emit('tools', tools);
  return tools;
}

/**
 * Builds an element. Children that are strings or numbers become text nodes; attributes named
 * onX become listeners; `dataset` and `text` are shorthands. Nothing is ever parsed as HTML.
 */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}
const SVG = 'http://www.w3.org/2000/svg';
/** Builds an SVG element, like `h`. */
export function s(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}
function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}
function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}
/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function pretty(value) { return JSON.stringify(value, null, 2); }

export function debounce(fn, milliseconds) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), milliseconds); };
}

/** Renders a list item of an install report or capability list, whatever its shape. */
export function describe(item) {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  if (typeof item.contribution === 'string' && typeof item.reason === 'string') return item.contribution + ': ' + item.reason;
  if (typeof item.kind === 'string') {
    // A capability decision: {"kind", "scopes", "reason"?}.
    const scopes = Array.isArray(item.scopes) && item.scopes.length ? ' ' + item.scopes.map(String).join(', ') : '';
    return item.kind + scopes + (typeof item.reason === 'string' && item.reason ? ' (' + item.reason + ')' : '');
  }
  for (const key of ['capability', 'contribution', 'name', 'id', 'message']) {
    if (typeof item[key] === 'string') return item[key];
  }
  return JSON.stringify(item);
}

/**
 * Parses JSON text. On a syntax error, finds where it is with a strict scanner (the browser's
 * own message differs between engines) and returns the 1-based line and column.
 */
export function parseJSON(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, ...locateSyntaxError(text) };
  }
}

function locateSyntaxError(text) {
  let i = 0;
  const n = text.length;
  const fail = (message) => {
    const error = new Error(i >= n ? 'unexpected end of the text; ' + message : message);
    error.offset = i;
    throw error;
  };
  const space = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const string = () => {
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c === '\\') {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) { i += 2; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 6; continue; }
        fail('invalid escape in a string; use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
      }
      if (c < ' ') fail('a control character inside a string; write it as an escape such as \\n');
      i++;
    }
    fail('the string is not closed; add the closing "');
  };
  const value = () => {
    space();
    if (i >= n) fail('expected a value');
    const c = text[i];
    if (c === '{') {
      i++; space();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        space();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before \'}\'; remove it' : 'expected a property name in double quotes');
        string(); space();
        if (text[i] !== ':') fail('expected \':\' after the property name');
        i++; value(); space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('expected \',\' or \'}\' after a property value');
      }
    }
    if (c === '[') {
      i++; space();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        space();
        if (text[i] === ']') fail('a comma before \']\'; remove it');
        value(); space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('expected \',\' or \']\' after an array element');
      }
    }
    if (c === '"') { string(); return; }
    if (c === '-' || (c >= '0' && c <= '9')) {
      number.lastIndex = i;
      const match = number.exec(text);
      if (!match) fail('not a valid number');
      i += match[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    if (c === '\'') fail('strings take double quotes in JSON, not single quotes');
    fail('unexpected \'' + c + '\'; expected a value (object, array, string, number, true, false or null)');
  };
  let message = 'not valid JSON';
  try {
    value(); space();
    if (i < n) fail('unexpected text after the JSON value');
  } catch (error) {
    message = error.message;
  }
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  const column = i - (before.lastIndexOf('\n') + 1) + 1;
  return { message, line, column, offset: i };
}

/** Shows a local JSON syntax result under an editor; returns the parsed value or undefined. */
export function checkSyntax(textarea, output, { allowEmpty = false } = {}) {
  const text = textarea.value;
  if (allowEmpty && text.trim() === '') {
    textarea.classList.remove('invalid'); textarea.removeAttribute('aria-invalid'); output.textContent = '';
    return { empty: true };
  }
  const result = parseJSON(text);
  if (result.ok) {
    textarea.classList.remove('invalid'); textarea.removeAttribute('aria-invalid'); output.textContent = '';
    return { value: result.value };
  }
  textarea.classList.add('invalid');
  textarea.setAttribute('aria-invalid', 'true');
  output.textContent = 'JSON syntax error at line ' + result.line + ', column ' + result.column + ': ' + result.message;
  return { error: result };
}

/** Fills a <select> with the tools, grouped by pack, keeping `selected` when it is present. */
export function fillToolSelect(select, tools, selected) {
  const groups = new Map();
  for (const tool of tools) {
    const pack = String(tool.pack || String(tool.id).split('/')[0]);
    if (!groups.has(pack)) groups.set(pack, []);
    groups.get(pack).push(tool);
  }
  const children = [];
  for (const [pack, list] of groups) {
    children.push(h('optgroup', { label: pack },
      list.map((tool) => h('option', { value: String(tool.id) },
        String(tool.id) + (tool.name && tool.name !== String(tool.id).split('/').pop() ? ' (as ' + tool.name + ')' : '')))));
  }
  replace(select, children);
  if (tools.length === 0) replace(select, h('option', { value: '' }, 'no tools'));
  if (selected && tools.some((tool) => String(tool.id) === selected)) select.value = selected;
}

/**
 * Wires a panel's tool picker: choosing a tool or one of its tests, the tool list changing, and
 * another panel asking this `tab` to open a tool. `current()` is the panel's tool; `load(id)`
 * shows a tool; `onTest(test)` takes a chosen test case.
 */
export function bindToolPicker({ tab, select, testSelect, current, load, onTest }) {
  select.addEventListener('change', () => load(select.value));
  testSelect.addEventListener('change', () => {
    const index = testSelect.value;
    const tool = current();
    const tests = tool && Array.isArray(tool.tests) ? tool.tests : [];
    if (index === '' || !tests[Number(index)]) return;
    onTest(tests[Number(index)]);
  });
  on('tools', (tools) => {
    const tool = current();
    fillToolSelect(select, tools, tool ? String(tool.id) : null);
    if (!tool || !store.toolsById.has(String(tool.id))) load(select.value);
  });
  on('open-tool', ({ tab: target, id }) => {
    if (target !== tab) return;
    select.value = id;
    load(id);
  });
}

/** Fills a <select> with a tool's tests ("name" or "test N"); values are indexes. */
export function fillTestSelect(select, tool, placeholder) {
  const tests = tool && Array.isArray(tool.tests) ? tool.tests : [];
  replace(select,
    h('option', { value: '' }, tests.length ? placeholder : 'no tests'),
    tests.map((test, index) => h('option', { value: String(index) }, test && test.name ? String(test.name) : 'test ' + (index + 1))));
  select.disabled = tests.length === 0;
}

/** The first test input of a tool, as pretty JSON, or "{}". */
export function firstTestInput(tool) {
  const tests = tool && Array.isArray(tool.tests) ? tool.tests : [];
  const first = tests.find((test) => test && test.input !== undefined);
  return first ? pretty(first.input) : '{}';
}

/** Copies text to the clipboard, with a fallback for pages that are not a secure context. */
export async function copyText(text, textarea) {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch { /* fall back below */ }
  }
  if (!textarea) return false;
  textarea.focus();
  textarea.select();
  try { return document.execCommand('copy'); } catch { return false; }
}

export function formatLatency(milliseconds) {
  const value = Number(milliseconds);
  if (!Number.isFinite(value)) return '—';
  return (value < 10 ? value.toFixed(2) : value.toFixed(1)) + ' ms';
}

export function percent(fraction, digits = 1) {
  const value = Number(fraction);
  return Number.isFinite(value) ? (value * 100).toFixed(digits) + '%' : '—';
}
"""#
}
