// The page and its icon. Text inside is static; everything from the server is inserted by the
// scripts as text nodes (never as HTML).

extension WebAssets {
    static let indexHTML = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quiver</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <div class="brand">
    <h1>Quiver</h1>
    <span id="server-version" data-testid="server-version" class="muted">version …</span>
  </div>
  <div id="health" data-testid="health" class="health" role="status" aria-live="polite">
    <span class="dot" aria-hidden="true"></span><span id="health-text">connecting…</span>
  </div>
  <details id="auth" class="auth">
    <summary><span id="auth-summary">Token: none</span></summary>
    <form id="auth-form" class="auth-form">
      <label for="auth-token">API token</label>
      <input id="auth-token" type="password" autocomplete="off" spellcheck="false" placeholder="from: quiver token create NAME">
      <button type="submit" id="auth-save">Save</button>
      <button type="button" id="auth-clear" class="secondary">Clear</button>
      <p class="hint">Kept in this browser only (localStorage) and sent as <code>Authorization: Bearer …</code>.</p>
    </form>
  </details>
</header>
<div id="auth-banner" class="banner error" role="alert" hidden></div>
<nav class="tabs" role="tablist" aria-label="Sections">
  <button role="tab" id="tab-packs" aria-controls="panel-packs" aria-selected="true" data-tab="packs">Packs</button>
  <button role="tab" id="tab-authoring" aria-controls="panel-authoring" aria-selected="false" tabindex="-1" data-tab="authoring">Authoring</button>
  <button role="tab" id="tab-runner" aria-controls="panel-runner" aria-selected="false" tabindex="-1" data-tab="runner">Test Runner</button>
  <button role="tab" id="tab-rates" aria-controls="panel-rates" aria-selected="false" tabindex="-1" data-tab="rates">Success Rates</button>
</nav>
<main id="main">

<section id="panel-packs" role="tabpanel" aria-labelledby="tab-packs" tabindex="0">
  <div class="panel-head">
    <h2>Packs</h2>
    <button type="button" id="packs-refresh" class="secondary">Refresh</button>
  </div>
  <p id="packs-message" class="muted" role="status"></p>
  <div class="table-wrap">
    <table id="packs-table" data-testid="packs-table">
      <caption class="visually-hidden">Packs offered by this server, with their tier, health and capabilities</caption>
      <thead>
        <tr><th scope="col">Name</th><th scope="col">Version</th><th scope="col">Tier</th><th scope="col">Status</th>
            <th scope="col">Granted</th><th scope="col">Denied</th><th scope="col">Tools</th><th scope="col">Skills</th></tr>
      </thead>
      <tbody id="packs-body"></tbody>
    </table>
  </div>
  <section id="pack-details" data-testid="pack-details" class="card" hidden aria-live="polite"></section>
</section>

<section id="panel-authoring" role="tabpanel" aria-labelledby="tab-authoring" tabindex="0" hidden>
  <div class="panel-head">
    <h2>Pack Authoring</h2>
    <label class="inline" for="author-tool">Tool</label>
    <select id="author-tool" data-testid="author-tool"></select>
    <label class="inline" for="author-test">Example from test</label>
    <select id="author-test"></select>
    <button type="button" id="author-reset" class="secondary">Reset to the pack's schemas</button>
  </div>
  <p class="note">Edit a contract and see at once whether the example values satisfy it. Nothing here is saved to
    the server: when the schema is right, press <strong>Copy schema</strong> and paste it into the tool's
    <code>input:</code> or <code>output:</code> (or its file under <code>schemas/</code>) in the pack's
    <code>PACK.yaml</code>, then run <code>quiver validate</code> and <code>quiver test</code>.</p>
  <div class="pairs">
    <fieldset class="pair" id="author-input">
      <legend>Input</legend>
      <div class="editors">
        <div class="editor">
          <label for="author-input-schema">Input schema (JSON)</label>
          <textarea id="author-input-schema" data-testid="input-schema" spellcheck="false" rows="16"></textarea>
          <p id="author-input-schema-syntax" class="syntax" role="status" aria-live="polite"></p>
        </div>
        <div class="editor">
          <label for="author-input-example">Example input (JSON)</label>
          <textarea id="author-input-example" data-testid="input-example" spellcheck="false" rows="16"></textarea>
          <p id="author-input-example-syntax" class="syntax" role="status" aria-live="polite"></p>
        </div>
      </div>
      <div class="validation" id="author-input-status" data-testid="input-validation" role="status" aria-live="polite"></div>
      <div class="actions">
        <button type="button" id="author-input-copy" data-testid="copy-input-schema">Copy schema</button>
        <span id="author-input-copied" class="muted" role="status"></span>
      </div>
    </fieldset>
    <fieldset class="pair" id="author-output">
      <legend>Output</legend>
      <div class="editors">
        <div class="editor">
          <label for="author-output-schema">Output schema (JSON)</label>
          <textarea id="author-output-schema" data-testid="output-schema" spellcheck="false" rows="16"></textarea>
          <p id="author-output-schema-syntax" class="syntax" role="status" aria-live="polite"></p>
        </div>
        <div class="editor">
          <label for="author-output-example">Example output (JSON)</label>
          <textarea id="author-output-example" data-testid="output-example" spellcheck="false" rows="16"></textarea>
          <p id="author-output-example-syntax" class="syntax" role="status" aria-live="polite"></p>
        </div>
      </div>
      <div class="validation" id="author-output-status" data-testid="output-validation" role="status" aria-live="polite"></div>
      <div class="actions">
        <button type="button" id="author-output-copy" data-testid="copy-output-schema">Copy schema</button>
        <button type="button" id="author-output-fill" class="secondary">Fill the example by running the tool</button>
        <span id="author-output-copied" class="muted" role="status"></span>
      </div>
    </fieldset>
  </div>
</section>

<section id="panel-runner" role="tabpanel" aria-labelledby="tab-runner" tabindex="0" hidden>
  <div class="panel-head"><h2>Test Runner</h2></div>
  <form id="runner-form" class="runner">
    <div class="row">
      <label for="runner-tool">Tool</label>
      <select id="runner-tool" data-testid="runner-tool"></select>
      <label for="runner-test">Input from test</label>
      <select id="runner-test"></select>
      <label for="runner-model">Model</label>
      <input id="runner-model" data-testid="runner-model" value="web-ui" spellcheck="false" autocomplete="off">
    </div>
    <p id="runner-description" class="muted"></p>
    <label for="runner-input">Input (JSON) <span class="muted">— Ctrl+Enter runs</span></label>
    <textarea id="runner-input" data-testid="runner-input" spellcheck="false" rows="10"></textarea>
    <p id="runner-input-syntax" class="syntax" role="status" aria-live="polite"></p>
    <div class="actions"><button type="submit" id="runner-run" data-testid="runner-run">Run</button></div>
  </form>
  <section id="runner-result" data-testid="runner-result" class="card result" aria-live="polite" hidden>
    <h3>Result</h3>
    <dl class="facts">
      <dt>Outcome</dt><dd><span id="runner-outcome" data-testid="outcome" class="badge"></span></dd>
      <dt>Latency</dt><dd id="runner-latency" data-testid="latency"></dd>
      <dt>Tool</dt><dd id="runner-ran"></dd>
    </dl>
    <div id="runner-error-box" hidden><h4>Error</h4><pre id="runner-error" data-testid="runner-error" class="error-text"></pre></div>
    <div id="runner-validation-box" hidden><h4>Validation errors</h4><ul id="runner-validation-errors" data-testid="validation-errors"></ul></div>
    <div id="runner-output-box" hidden><h4>Output</h4><pre id="runner-output" data-testid="runner-output"></pre></div>
    <div id="runner-diagnostics-box" hidden><h4>Diagnostics</h4><pre id="runner-diagnostics"></pre></div>
  </section>
  <section class="card">
    <h3 id="runner-history-title">History</h3>
    <p class="muted" id="runner-history-empty">No runs yet.</p>
    <ol id="runner-history" data-testid="runner-history" aria-labelledby="runner-history-title"></ol>
  </section>
</section>

<section id="panel-rates" role="tabpanel" aria-labelledby="tab-rates" tabindex="0" hidden>
  <div class="panel-head">
    <h2>Model Success Rates</h2>
    <button type="button" id="rates-refresh" class="secondary">Refresh</button>
    <span id="rates-updated" class="muted" role="status"></span>
  </div>
  <p class="note">Each bar is the share of a model's calls to a tool that ended <code>ok</code>, with its 95% interval;
    the dashed line is the <span id="rates-threshold">80%</span> threshold. Rates the server flags as below it are highlighted.</p>
  <p id="rates-empty" class="muted" hidden>No calls recorded yet. Run a tool in the Test Runner and its rate appears here.</p>
  <div id="rates-charts" data-testid="rates-charts" class="charts"></div>
</section>

</main>
<footer class="foot muted">Quiver web UI · REST API at <code>/api/v1</code></footer>
</body>
</html>
"""#

    static let faviconSVG = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/><path d="M8 24 L24 8 M18 8 H24 V14 M8 20 L12 24" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/></svg>
"""#
}
