/// The dashboard's HTML, served at `/` (no build step, no CDN: the page, `dashboard.css`
/// and `dashboard.js` are compiled into control-api, so any build serves them).
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AITRAPP desk</title>
<link rel="stylesheet" href="/dashboard.css">
<script src="/dashboard.js" defer></script>
</head>
<body>
<header>
  <h1>AITRAPP</h1>
  <span id="mode" class="badge" data-mode="?">—</span>
  <span id="conn" class="conn" data-state="offline" title="live stream"><i></i><b id="conn-text">offline</b></span>
  <span id="stream-stats" class="muted"></span>
  <form id="token-form" autocomplete="off">
    <input id="token" type="password" placeholder="API token" aria-label="API token" size="28">
    <button id="token-save" type="submit">Connect</button>
    <button id="token-forget" type="button" class="ghost">Forget</button>
  </form>
</header>
<div id="banner" class="banner" hidden></div>
<div id="notice" class="notice" role="status" hidden></div>
<main>
  <section class="card controls">
    <h2>Controls</h2>
    <div class="row">
      <button id="pause">Pause entries</button>
      <button id="resume">Resume</button>
    </div>
    <div class="row">
      <button id="kill" class="danger">KILL SWITCH — flatten everything</button>
    </div>
    <div id="kill-confirm" class="confirm" hidden>
      <p>Close every open position at market and cancel every working order? New entries stay paused until you resume.</p>
      <button id="kill-yes" class="danger">Yes, flatten now</button>
      <button id="kill-no" class="ghost">Cancel</button>
    </div>
    <div class="row mode-row">
      <label>Mode
        <select id="mode-select"><option>PAPER</option><option>LIVE</option></select>
      </label>
      <input id="mode-phrase" placeholder="type CONFIRM LIVE TRADING" size="24" hidden>
      <button id="mode-apply">Switch</button>
    </div>
  </section>
  <section class="card gauges">
    <h2>Risk</h2>
    <div class="gauge"><span>Portfolio heat</span><div class="bar"><div id="heat-bar"></div></div><b id="heat-text">—</b></div>
    <div class="gauge"><span>Daily loss</span><div class="bar"><div id="loss-bar"></div></div><b id="loss-text">—</b></div>
    <p id="risk-line" class="muted">no risk snapshot yet</p>
  </section>
  <section class="card equity">
    <h2>Today's equity <small id="equity-total" class="muted"></small></h2>
    <svg id="equity" viewBox="0 0 600 160" preserveAspectRatio="none" role="img" aria-label="today's equity curve"></svg>
  </section>
  <section class="card wide">
    <h2>Open positions <small id="positions-count" class="muted"></small></h2>
    <table><thead><tr><th>Symbol</th><th>Side</th><th>Open qty</th><th>Entry</th><th>Last</th><th>P&amp;L</th><th>Stop</th><th>Target</th><th></th></tr></thead>
    <tbody id="positions-body"></tbody></table>
    <p id="positions-empty" class="muted">No open positions: the book is flat.</p>
  </section>
  <section class="card">
    <h2>Ranked signals</h2>
    <ol id="signals" class="list"></ol>
  </section>
  <section class="card">
    <h2>Recent decisions</h2>
    <ul id="decisions" class="list"></ul>
  </section>
  <section class="card wide">
    <h2>Orders</h2>
    <table><thead><tr><th>Time (IST)</th><th>Symbol</th><th>Leg</th><th>Side</th><th>Type</th><th>Qty</th><th>Price</th><th>Status</th></tr></thead>
    <tbody id="orders-body"></tbody></table>
  </section>
  <section class="card wide">
    <h2>Live events</h2>
    <ul id="feed" class="feed"></ul>
  </section>
</main>
</body>
</html>
"""#
}
