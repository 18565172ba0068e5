/**
 * The panel's stylesheet, injected into its shadow root: the host page's rules cannot reach in, and
 * these cannot leak out. `:host { all: initial }` also stops inherited properties (font, color,
 * line-height, text-align) of the page from flowing into the panel.
 *
 * @internal
 */
export const styles = `
:host { all: initial; }
.vx-root, .vx-root * { box-sizing: border-box; }
.vx-root {
  --vx-bg: #0f172a; --vx-bg2: #1e293b; --vx-bg3: #334155; --vx-fg: #f1f5f9; --vx-muted: #94a3b8;
  --vx-accent: #a78bfa; --vx-accent-strong: #7c3aed; --vx-ok: #34d399; --vx-warn: #fbbf24; --vx-err: #f87171;
  font: 13px/1.4 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--vx-fg); text-align: left; letter-spacing: normal; text-transform: none;
}
.vx-mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.vx-toggle {
  position: fixed; z-index: 2147483000; display: inline-flex; align-items: center; gap: 6px;
  height: 40px; padding: 0 14px; border-radius: 20px; border: 1px solid var(--vx-accent-strong);
  background: var(--vx-bg); color: var(--vx-fg); font: inherit; font-weight: 600; cursor: pointer;
  box-shadow: 0 4px 14px rgba(15, 23, 42, .35);
}
.vx-toggle:hover { background: var(--vx-bg2); }
.vx-toggle svg { width: 16px; height: 16px; fill: var(--vx-accent); }
.vx-count { min-width: 18px; height: 18px; padding: 0 5px; border-radius: 9px; background: var(--vx-accent-strong);
  color: #fff; font-size: 11px; line-height: 18px; text-align: center; }
.vx-bottom-right { right: 16px; bottom: 16px; } .vx-bottom-left { left: 16px; bottom: 16px; }
.vx-top-right { right: 16px; top: 16px; } .vx-top-left { left: 16px; top: 16px; }
.vx-panel {
  position: fixed; z-index: 2147483001; display: flex; flex-direction: column;
  width: min(460px, calc(100vw - 32px)); height: min(640px, calc(100vh - 88px));
  background: var(--vx-bg); border: 1px solid var(--vx-bg3); border-radius: 10px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(15, 23, 42, .45);
}
.vx-panel[hidden] { display: none; }
.vx-panel.vx-bottom-right { right: 16px; bottom: 64px; } .vx-panel.vx-bottom-left { left: 16px; bottom: 64px; }
.vx-panel.vx-top-right { right: 16px; top: 64px; } .vx-panel.vx-top-left { left: 16px; top: 64px; }
.vx-header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid var(--vx-bg3); }
.vx-title { margin: 0; font-size: 14px; font-weight: 700; flex: 1; }
.vx-status { font-size: 11px; padding: 2px 8px; border-radius: 10px; background: var(--vx-bg3); }
.vx-status-ready { color: var(--vx-ok); } .vx-status-loading, .vx-status-stale { color: var(--vx-warn); } .vx-status-error { color: var(--vx-err); }
.vx-tabs { display: flex; gap: 2px; padding: 0 8px; border-bottom: 1px solid var(--vx-bg3); background: var(--vx-bg); }
.vx-tab { padding: 8px 10px; border: 0; border-bottom: 2px solid transparent; background: none; color: var(--vx-muted);
  font: inherit; cursor: pointer; }
.vx-tab[aria-selected="true"] { color: var(--vx-fg); border-bottom-color: var(--vx-accent); }
.vx-body { flex: 1; overflow: auto; padding: 10px 12px; }
.vx-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 10px; }
.vx-input, .vx-select, .vx-textarea {
  background: var(--vx-bg2); color: var(--vx-fg); border: 1px solid var(--vx-bg3); border-radius: 6px;
  padding: 5px 8px; font: inherit;
}
.vx-input { flex: 1; min-width: 120px; }
.vx-textarea { width: 100%; min-height: 140px; resize: vertical; }
.vx-input[aria-invalid="true"], .vx-textarea[aria-invalid="true"] { border-color: var(--vx-err); }
.vx-btn { padding: 5px 10px; border-radius: 6px; border: 1px solid var(--vx-bg3); background: var(--vx-bg2);
  color: var(--vx-fg); font: inherit; cursor: pointer; }
.vx-btn:hover:not(:disabled) { background: var(--vx-bg3); }
.vx-btn:disabled { opacity: .5; cursor: default; }
.vx-btn-primary { background: var(--vx-accent-strong); border-color: var(--vx-accent-strong); color: #fff; }
.vx-btn-small { padding: 2px 8px; font-size: 12px; }
.vx-icon-btn { width: 28px; height: 28px; padding: 0; border: 0; border-radius: 6px; background: none;
  color: var(--vx-muted); font-size: 18px; line-height: 28px; cursor: pointer; }
.vx-icon-btn:hover { background: var(--vx-bg2); color: var(--vx-fg); }
.vx-check { display: inline-flex; align-items: center; gap: 6px; color: var(--vx-muted); cursor: pointer; }
.vx-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.vx-flag { padding: 8px 10px; border-radius: 8px; background: var(--vx-bg2); border-left: 3px solid transparent; }
.vx-flag[data-overridden] { border-left-color: var(--vx-accent); }
.vx-flag[data-invalid] { border-left-color: var(--vx-err); }
.vx-flag-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.vx-key { font-weight: 700; word-break: break-all; }
.vx-badge { font-size: 10px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px;
  border-radius: 4px; background: var(--vx-bg3); color: var(--vx-muted); }
.vx-badge-override { background: var(--vx-accent-strong); color: #fff; }
.vx-badge-error { background: #7f1d1d; color: #fecaca; }
.vx-badge-experiment { background: #164e63; color: #a5f3fc; }
.vx-tag { font-size: 11px; color: var(--vx-accent); }
.vx-facts { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1.4fr); gap: 2px 10px; margin: 6px 0; }
.vx-facts dt { color: var(--vx-muted); } .vx-facts dd { margin: 0; overflow-wrap: anywhere; }
.vx-facts .vx-wide { grid-column: 2 / -1; }
.vx-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.vx-switch { position: relative; display: inline-flex; align-items: center; gap: 6px; padding: 0; border: 0;
  background: none; color: var(--vx-fg); font: inherit; cursor: pointer; }
.vx-switch-track { width: 32px; height: 18px; border-radius: 9px; background: var(--vx-bg3); position: relative; transition: background .15s; }
.vx-switch-track::after { content: ""; position: absolute; top: 2px; left: 2px; width: 14px; height: 14px;
  border-radius: 50%; background: #fff; transition: transform .15s; }
.vx-switch[aria-checked="true"] .vx-switch-track { background: var(--vx-accent-strong); }
.vx-switch[aria-checked="true"] .vx-switch-track::after { transform: translateX(14px); }
.vx-editor { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }
.vx-editor-row { display: flex; gap: 6px; }
.vx-error { color: var(--vx-err); margin: 4px 0 0; }
ul.vx-error { padding-left: 16px; }
.vx-form { display: flex; flex-direction: column; gap: 6px; }
.vx-note { color: var(--vx-muted); margin: 6px 0; }
.vx-flag > .vx-note { margin: 4px 0 0; }
.vx-banner { padding: 8px 10px; border-radius: 6px; margin: 0 0 10px; background: #422006; color: #fde68a; }
.vx-banner-error { background: #450a0a; color: #fecaca; }
.vx-dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0 0 12px; }
.vx-dl dt { color: var(--vx-muted); } .vx-dl dd { margin: 0; word-break: break-all; }
.vx-h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--vx-muted); margin: 14px 0 6px; }
.vx-counters { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; margin-bottom: 10px; }
.vx-counter { background: var(--vx-bg2); border-radius: 6px; padding: 6px; text-align: center; }
.vx-counter b { display: block; font-size: 16px; }
.vx-counter span { color: var(--vx-muted); font-size: 11px; }
.vx-event { display: grid; grid-template-columns: 64px 62px 1fr; gap: 6px; padding: 4px 6px; border-radius: 4px; background: var(--vx-bg2); align-items: baseline; }
.vx-kind-queued { color: var(--vx-warn); } .vx-kind-sent { color: var(--vx-ok); }
.vx-kind-dropped, .vx-kind-failed { color: var(--vx-err); }
.vx-muted { color: var(--vx-muted); }
.vx-share { margin-top: 14px; padding-top: 10px; border-top: 1px solid var(--vx-bg3); }
.vx-root :focus-visible { outline: 2px solid var(--vx-accent); outline-offset: 2px; }
.vx-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`
