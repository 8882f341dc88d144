/// The dashboard's stylesheet, served at `/dashboard.css`.
enum DashboardStyle {
    static let css = #"""
:root { --bg:#0f1419; --card:#182029; --line:#2a3541; --text:#dde3ea; --muted:#8a97a6; --green:#2fbf71; --red:#e5484d; --amber:#f5a524; --blue:#4c9aff; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--text); font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { display:flex; align-items:center; gap:12px; padding:10px 16px; border-bottom:1px solid var(--line); flex-wrap:wrap; }
header h1 { font-size:18px; margin:0 8px 0 0; letter-spacing:.05em; }
header form { margin-left:auto; display:flex; gap:6px; }
.badge { padding:2px 10px; border-radius:10px; font-weight:700; background:var(--line); }
.badge[data-mode="PAPER"] { background:#1d3b5c; color:#9cc9ff; }
.badge[data-mode="LIVE"] { background:var(--red); color:#fff; }
.conn { display:inline-flex; align-items:center; gap:6px; }
.conn i { width:10px; height:10px; border-radius:50%; background:var(--red); display:inline-block; }
.conn[data-state="live"] i { background:var(--green); }
.conn[data-state="connecting"] i { background:var(--amber); }
.muted { color:var(--muted); }
.banner { padding:8px 16px; font-weight:700; background:var(--amber); color:#111; }
.banner[data-kind="halted"] { background:var(--red); color:#fff; }
.notice { padding:6px 16px; background:#22303d; }
.notice[data-kind="error"] { background:#4a1d20; }
main { display:grid; grid-template-columns:repeat(auto-fit, minmax(340px, 1fr)); gap:12px; padding:12px 16px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 12px; min-width:0; }
.card.wide { grid-column:1 / -1; }
.card h2 { font-size:14px; margin:0 0 8px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); }
.row { display:flex; gap:8px; margin:6px 0; align-items:center; flex-wrap:wrap; }
button { background:#2a3949; color:var(--text); border:1px solid #3b4d60; border-radius:6px; padding:6px 12px; cursor:pointer; font:inherit; }
button:hover { background:#34485c; }
button.danger { background:#8f1f24; border-color:#c0353b; font-weight:700; }
button.danger:hover { background:#b3272d; }
button.ghost { background:transparent; }
button.small { padding:2px 8px; font-size:12px; }
input, select { background:#0c1116; color:var(--text); border:1px solid #3b4d60; border-radius:6px; padding:5px 8px; font:inherit; }
.confirm { border:1px solid var(--red); border-radius:6px; padding:8px; margin:6px 0; background:#2b1416; }
.gauge { display:grid; grid-template-columns:110px 1fr 150px; gap:8px; align-items:center; margin:6px 0; }
.bar { height:12px; background:#0c1116; border-radius:6px; overflow:hidden; border:1px solid var(--line); }
.bar div { height:100%; width:0; background:var(--green); transition:width .3s; }
.bar div.warn { background:var(--amber); }
.bar div.over { background:var(--red); }
table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
th, td { text-align:left; padding:4px 6px; border-bottom:1px solid var(--line); white-space:nowrap; }
th { color:var(--muted); font-weight:600; font-size:12px; }
.pos { color:var(--green); } .neg { color:var(--red); }
.list { margin:0; padding-left:20px; max-height:320px; overflow:auto; }
.list li { margin:4px 0 8px; }
.attr { display:flex; gap:4px; flex-wrap:wrap; margin-top:3px; }
.attr span { font-size:11px; padding:1px 6px; border-radius:4px; background:#22303d; }
.attr span.up { border-left:3px solid var(--green); } .attr span.down { border-left:3px solid var(--red); }
.reason { color:var(--red); font-size:12px; }
.feed { list-style:none; margin:0; padding:0; max-height:240px; overflow:auto; font:12px/1.5 ui-monospace, monospace; }
.feed li { border-bottom:1px solid #202a34; padding:1px 0; }
.feed b { color:var(--blue); font-weight:600; margin-right:6px; }
svg#equity { width:100%; height:160px; background:#0c1116; border-radius:6px; }
svg#equity polyline { fill:none; stroke:var(--blue); stroke-width:2; vector-effect:non-scaling-stroke; }
svg#equity line { stroke:#33404d; stroke-dasharray:4 4; vector-effect:non-scaling-stroke; }
"""#
}
