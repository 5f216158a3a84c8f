// authoring.js: the Pack Authoring panel: edit a tool's input and output schemas and check example
// values against them as you type (POST /api/v1/validate, debounced).

extension WebAssets {
    static let authoringJS = #"""
// Quiver web UI — Pack Authoring panel.
import {
  $, api, h, replace, on, store, pretty, debounce, checkSyntax, fillTestSelect, bindToolPicker,
  firstTestInput, copyText, toolPath, ApiError,
} from '/core.js';

const KINDS = ['input', 'output'];
const DEBOUNCE_MS = 200;
const sequence = { input: 0, output: 0 };
let currentTool = null;

function editors(kind) {
  return {
    schema: $('author-' + kind + '-schema'),
    example: $('author-' + kind + '-example'),
    schemaSyntax: $('author-' + kind + '-schema-syntax'),
    exampleSyntax: $('author-' + kind + '-example-syntax'),
    status: $('author-' + kind + '-status'),
    copied: $('author-' + kind + '-copied'),
  };
}

export function init() {
  const select = $('author-tool');
  bindToolPicker({
    tab: 'authoring', select, testSelect: $('author-test'), current: () => currentTool, load: (id) => loadTool(id),
    onTest: (test) => {
      editors('input').example.value = pretty(test.input ?? {});
      validate('input');
    },
  });
  $('author-reset').addEventListener('click', () => loadTool(select.value, { force: true }));
  $('author-output-fill').addEventListener('click', fillOutputByRunning);
  for (const kind of KINDS) {
    const e = editors(kind);
    const later = debounce(() => validate(kind), DEBOUNCE_MS);
    e.schema.addEventListener('input', later);
    e.example.addEventListener('input', later);
    $('author-' + kind + '-copy').addEventListener('click', async () => {
      const text = e.schema.value;
      const ok = await copyText(text, e.schema);
      e.copied.textContent = ok
        ? 'Copied ' + text.length + ' characters; paste them into PACK.yaml (YAML accepts JSON).'
        : 'Could not copy: the schema is selected, press Ctrl+C.';
    });
  }
  on('token', () => { for (const kind of KINDS) validate(kind); });
}

function loadTool(id, { force = false } = {}) {
  const tool = store.toolsById.get(String(id));
  if (!tool) return;
  if (!force && currentTool && String(currentTool.id) === String(tool.id)) return;
  currentTool = tool;
  fillTestSelect($('author-test'), tool, 'choose a test…');
  const input = editors('input');
  input.schema.value = pretty(tool.input_schema ?? {});
  input.example.value = firstTestInput(tool);
  const output = editors('output');
  output.schema.value = tool.output_schema === null || tool.output_schema === undefined ? '' : pretty(tool.output_schema);
  output.schema.placeholder = 'This tool declares no output schema; write one here to try it.';
  output.example.value = '{}';
  for (const kind of KINDS) { editors(kind).copied.textContent = ''; validate(kind); }
}

function setStatus(kind, state, ...children) {
  const status = editors(kind).status;
  status.className = 'validation' + (state ? ' ' + state : '');
  status.dataset.state = state || 'idle';
  replace(status, ...children);
}

/** Checks both editors of a kind locally, then asks the server whether the example satisfies the schema. */
export async function validate(kind) {
  const e = editors(kind);
  const schema = checkSyntax(e.schema, e.schemaSyntax, { allowEmpty: kind === 'output' });
  const example = checkSyntax(e.example, e.exampleSyntax);
  const mine = ++sequence[kind];
  if (schema.empty) { setStatus(kind, '', 'No ' + kind + ' schema: any value is accepted.'); return; }
  if (schema.error || example.error) {
    setStatus(kind, 'invalid', 'Fix the JSON syntax ' + (schema.error ? 'of the schema' : 'of the example') + ' to validate.');
    return;
  }
  e.status.setAttribute('aria-busy', 'true');
  try {
    // Sent as the text typed (already known to be JSON), so numbers keep every digit.
    const raw = '{"schema":' + e.schema.value + ',"instance":' + e.example.value + '}';
    const result = await api('/api/v1/validate', { method: 'POST', raw });
    if (mine !== sequence[kind]) return;
    const errors = Array.isArray(result && result.errors) ? result.errors : [];
    if (result && result.valid) {
      setStatus(kind, 'valid', 'Valid: the example ' + kind + ' satisfies the schema.');
    } else {
      setStatus(kind, 'invalid',
        h('span', {}, 'Invalid: ' + errors.length + (errors.length === 1 ? ' error' : ' errors')),
        h('ul', { dataset: { testid: kind + '-errors' } }, errors.map((error) => h('li', {},
          h('span', { class: 'loc' }, String(error.instanceLocation || '') || '(root)'), ': ',
          String(error.error ?? error.message ?? ''),
          error.keywordLocation ? h('span', { class: 'muted' }, ' (' + String(error.keywordLocation) + ')') : null))));
    }
  } catch (error) {
    if (mine !== sequence[kind]) return;
    if (error instanceof ApiError && error.status === 422) {
      // 422 schema_invalid: the server's message already says what is wrong with the schema.
      const message = String(error.message);
      setStatus(kind, 'invalid', /^the schema/i.test(message)
        ? message.charAt(0).toUpperCase() + message.slice(1)
        : 'The schema does not compile: ' + message);
    } else {
      setStatus(kind, 'invalid', 'Could not validate: ' + error.message);
    }
  } finally {
    if (mine === sequence[kind]) e.status.removeAttribute('aria-busy');
  }
}

/** Runs the tool on the example input and puts its real output into the output example. */
async function fillOutputByRunning() {
  if (!currentTool) return;
  const input = editors('input');
  const output = editors('output');
  const parsed = checkSyntax(input.example, input.exampleSyntax);
  if (parsed.error) { output.copied.textContent = 'Fix the example input first.'; return; }
  output.copied.textContent = 'Running ' + String(currentTool.id) + '…';
  try {
    const result = await api(toolPath(String(currentTool.id)) + '/invoke', {
      method: 'POST', raw: '{"input":' + input.example.value + '}', headers: { 'X-Quiver-Model': 'web-ui' },
    });
    if (result && result.output !== undefined) {
      output.example.value = pretty(result.output);
      output.copied.textContent = 'Filled from a real run (' + String(result.outcome) + ').';
      validate('output');
    } else {
      output.copied.textContent = 'The run ended ' + String(result && result.outcome) + (result && result.error ? ': ' + result.error : '') + '; no output to fill.';
    }
  } catch (error) {
    output.copied.textContent = 'Could not run the tool: ' + error.message;
  }
}
"""#
}
