// The stylesheet: system fonts only, light and dark schemes, no external resources.

extension WebAssets {
    static let appCSS = #"""
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --fg: #1b1f24; --muted: #5b6470; --card: #ffffff; --line: #d5dae0;
  --accent: #1f5fa8; --accent-fg: #ffffff; --ok: #17803d; --warn: #a35d00; --bad: #b3261e;
  --ok-bg: #e3f4e8; --warn-bg: #fdf0dc; --bad-bg: #fbe4e2; --code: #eef1f4;
  --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171b; --fg: #e6e9ed; --muted: #9aa4b0; --card: #1d2127; --line: #343a42;
    --accent: #6ea8fe; --accent-fg: #0b1220; --ok: #5cc784; --warn: #f0b35a; --bad: #ff8a80;
    --ok-bg: #16301f; --warn-bg: #3a2a12; --bad-bg: #3d1917; --code: #262b32;
  }
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
code, pre, textarea, .mono { font-family: var(--mono); font-size: 0.9rem; }
code { background: var(--code); padding: 0 0.25em; border-radius: 3px; }
pre { background: var(--code); padding: 0.6rem 0.8rem; border-radius: 6px; overflow: auto; max-height: 28rem; margin: 0.3rem 0 0.8rem; }
h1 { font-size: 1.35rem; margin: 0; }
h2 { font-size: 1.2rem; margin: 0; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
h4 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.hint { color: var(--muted); font-size: 0.85rem; margin: 0.3rem 0 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--card); padding: 0.4rem; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
[hidden] { display: none !important; }

.top { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; padding: 0.7rem 1.2rem;
  background: var(--card); border-bottom: 1px solid var(--line); }
.brand { display: flex; align-items: baseline; gap: 0.6rem; }
.health { display: flex; align-items: center; gap: 0.4rem; font-size: 0.9rem; }
.health .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--muted); display: inline-block; }
.health.ok .dot { background: var(--ok); }
.health.bad .dot { background: var(--bad); }
.auth { margin-left: auto; font-size: 0.9rem; }
.auth summary { cursor: pointer; }
.auth-form { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.4rem; max-width: 32rem; }
.auth-form input { flex: 1 1 14rem; }
.banner { margin: 0.6rem 1.2rem 0; padding: 0.6rem 0.8rem; border-radius: 6px; }
.banner.error { background: var(--bad-bg); color: var(--bad); border: 1px solid var(--bad); }

.tabs { display: flex; gap: 0.2rem; padding: 0.6rem 1.2rem 0; border-bottom: 1px solid var(--line); }
.tabs [role=tab] { border: 1px solid transparent; border-bottom: none; background: transparent; color: var(--fg);
  padding: 0.5rem 0.9rem; border-radius: 6px 6px 0 0; cursor: pointer; font: inherit; }
.tabs [role=tab][aria-selected=true] { background: var(--card); border-color: var(--line); font-weight: 600;
  position: relative; top: 1px; }
.tabs [role=tab]:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible,
textarea:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
main { padding: 1rem 1.2rem 2rem; }
.panel-head { display: flex; align-items: center; gap: 0.7rem; flex-wrap: wrap; margin-bottom: 0.7rem; }
.panel-head h2 { margin-right: 0.5rem; }
.note { background: var(--card); border-left: 3px solid var(--accent); padding: 0.5rem 0.8rem; margin: 0 0 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.9rem 1rem; margin-top: 1rem; }
.foot { padding: 0 1.2rem 1.5rem; font-size: 0.85rem; }

button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-fg); cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); }
button.link { border: none; background: none; color: var(--accent); padding: 0; text-decoration: underline; }
button:disabled { opacity: 0.55; cursor: default; }
select, input { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 6px;
  background: var(--card); color: var(--fg); }
label { font-weight: 600; font-size: 0.9rem; }
label.inline { font-weight: 600; }
textarea { width: 100%; padding: 0.5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card);
  color: var(--fg); resize: vertical; tab-size: 2; line-height: 1.35; }
textarea.invalid { border-color: var(--bad); }

.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
tbody tr { cursor: pointer; }
#packs-body td:first-child { white-space: nowrap; }
tbody tr:hover, tbody tr.selected { background: var(--code); }
.caps { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.cap { font-family: var(--mono); font-size: 0.78rem; padding: 0.05rem 0.35rem; border-radius: 4px; background: var(--ok-bg); color: var(--ok); }
.cap.denied { background: var(--bad-bg); color: var(--bad); }

.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600;
  background: var(--code); color: var(--fg); border: 1px solid var(--line); }
.badge.ok, .badge.installed { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
.badge.degraded, .badge.warn, .badge.timeout, .badge.resource_exhausted { background: var(--warn-bg); color: var(--warn); border-color: var(--warn); }
.badge.refused, .badge.bad, .badge.input_invalid, .badge.output_invalid, .badge.denied, .badge.handler_error
  { background: var(--bad-bg); color: var(--bad); border-color: var(--bad); }
.badge.default { margin-left: 0.3rem; }

.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.5rem; }
.facts dt { color: var(--muted); font-size: 0.9rem; }
.facts dd { margin: 0; }
.details-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.5rem 1.5rem; }
.details-grid ul { margin: 0.2rem 0; padding-left: 1.2rem; }
.diag-error { color: var(--bad); }
.diag-warning { color: var(--warn); }

.pairs { display: grid; gap: 1rem; }
.pair { border: 1px solid var(--line); border-radius: 8px; background: var(--card); padding: 0.6rem 1rem 0.8rem; margin: 0; }
.pair legend { font-weight: 700; padding: 0 0.3rem; }
.editors { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
@media (max-width: 900px) { .editors { grid-template-columns: 1fr; } }
.syntax { min-height: 1.2rem; margin: 0.2rem 0 0; font-size: 0.85rem; color: var(--bad); font-family: var(--mono); }
.validation { margin: 0.6rem 0; padding: 0.5rem 0.7rem; border-radius: 6px; background: var(--code); min-height: 2.2rem; }
.validation.valid { background: var(--ok-bg); color: var(--ok); font-weight: 600; }
.validation.invalid { background: var(--bad-bg); color: var(--bad); }
.validation ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
.validation .loc { font-family: var(--mono); font-weight: 600; }
.actions { display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }

.runner .row { display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.4rem; }
.result .error-text { color: var(--bad); white-space: pre-wrap; }
#runner-history { margin: 0; padding-left: 1.4rem; }
#runner-history li { padding: 0.2rem 0; }
#runner-history .when { color: var(--muted); font-size: 0.85rem; margin-right: 0.4rem; }

.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(30rem, 1fr)); gap: 1rem; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.8rem 1rem; margin: 0; }
.chart figcaption { font-weight: 700; margin-bottom: 0.4rem; font-family: var(--mono); }
.chart svg { width: 100%; height: auto; display: block; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 10px; }
.chart .track { fill: var(--code); }
.chart .bar { fill: var(--ok); }
.chart .flagged .bar { fill: var(--bad); }
.chart .interval { stroke: var(--fg); stroke-width: 1.5; }
.chart .threshold { stroke: var(--warn); stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart .threshold-label { fill: var(--warn); font-size: 10px; font-weight: 600; }
.chart .model { fill: var(--fg); font-size: 12px; font-weight: 600; }
.chart .value { fill: var(--muted); font-size: 11px; }
.chart .flagged .model { fill: var(--bad); }
.chart .flag-bg { fill: var(--bad-bg); }
.chart ul.legend { list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.85rem; }
.chart ul.legend li.flagged { color: var(--bad); font-weight: 600; }
"""#
}
