/** The session pages' one stylesheet: levels and states carry a word as well as a colour. */
export const uiStyles = `
:root { --fg: #1a1a1a; --muted: #5a5a5a; --line: #d8d8d8; --bg-soft: #f5f6f8; --error: #a40000; --warn: #8a5300; --info: #0b5394; --debug: #5a5a5a; --ok: #1e6b2e; }
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0; color: var(--fg); line-height: 1.45; }
header { background: #14213d; color: #fff; padding: .6rem 1.5rem; }
header nav { display: flex; gap: 1.25rem; align-items: baseline; }
header a { color: #fff; } .brand { font-weight: 700; margin-right: 1rem; }
main { padding: 1rem 1.5rem 3rem; max-width: 90rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
code { font-family: ui-monospace, monospace; font-size: .88em; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-soft); }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; padding: .35rem .5rem; }
textarea { width: 100%; font-family: ui-monospace, monospace; }
button { background: #14213d; color: #fff; border: 0; border-radius: 4px; cursor: pointer; margin: .5rem .5rem 0 0; }
button.secondary { background: #e8ebf2; color: var(--fg); }
.key-form { max-width: 32rem; display: grid; gap: .5rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: .5rem; }
.filters label { display: grid; gap: .2rem; font-size: .85rem; }
.state { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-family: ui-monospace, monospace; font-size: .85rem; border: 1px solid; }
.state-failed { color: var(--error); background: #fdecec; } .state-done { color: var(--ok); background: #eaf6ec; } .state-progress { color: var(--info); background: #eaf1fb; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; }
.chip { background: var(--bg-soft); padding: .05rem .35rem; margin-right: .35rem; border-radius: 3px; }
.notice { border-left: 4px solid var(--info); background: #eaf1fb; padding: .5rem .75rem; margin: .75rem 0; }
.notice p { margin: .25rem 0 0; }
.notice-error { border-color: var(--error); background: #fdecec; }
.notice-unavailable { border-color: var(--warn); background: #fff6e5; }
.problems { border: 1px solid var(--error); border-radius: 6px; padding: 0 1rem .5rem; background: #fffafa; }
.explanation { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .4rem 0; }
.checks { border-collapse: collapse; margin: .4rem 0; font-size: .85rem; } .checks th, .checks td { text-align: left; padding: .1rem .6rem .1rem 0; vertical-align: top; }
.checks th { color: var(--muted); font-weight: normal; } .checks .verdict { color: var(--ok); white-space: nowrap; }
.explanation dt { color: var(--muted); font-size: .85rem; } .explanation dd { margin: 0; }
.error-code { color: var(--error); font-weight: 700; }
.entries { list-style: none; padding: 0; margin: 0; }
.entry { border-left: 4px solid var(--line); padding: .4rem .75rem; margin: .35rem 0; background: #fff; }
.entry.level-error { border-color: var(--error); background: #fffafa; } .entry.level-warn { border-color: var(--warn); } .entry.level-info { border-color: var(--info); }
.entry.highlighted { outline: 3px solid #f2c200; background: #fffbe6; }
.entry-head { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
.level { font-size: .75rem; font-weight: 700; letter-spacing: .03em; padding: 0 .35rem; border-radius: 3px; color: #fff; }
.level.level-error { background: var(--error); } .level.level-warn { background: var(--warn); } .level.level-info { background: var(--info); } .level.level-debug { background: var(--debug); }
.entry-head time { color: var(--muted); font-size: .85rem; } .message { font-weight: 600; }
.request-link, .trace-link { font-size: .8rem; }
.json { font-family: ui-monospace, monospace; font-size: .85rem; }
.json summary { cursor: pointer; color: var(--info); } .json-keys { color: var(--muted); }
.json dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .2rem 0 .2rem 1rem; }
.json dt { color: #6b3fa0; } .json dd { margin: 0; min-width: 0; }
.json-string { color: #0a6b2e; word-break: break-all; } .json-number, .json-boolean, .json-null { color: #9a3412; }
.wrap { white-space: pre-wrap; display: block; }
.supply-claims { max-width: 48rem; display: grid; gap: .35rem; }
.supply-claims-section summary { cursor: pointer; } .supply-claims-section summary h2 { display: inline; }
.actions { display: grid; gap: .5rem; }
.cells { list-style: none; padding: 0; margin: 0; }
.wallets td { font-size: .88rem; } .wallet-label .muted { font-size: .8rem; word-break: break-all; }
.verbose-capture p { margin: .25rem 0; }
`;
