/// The dashboard's script, served at `/dashboard.js`: reads over the REST API with the
/// token kept in sessionStorage, live updates over `/ws` (token as the WebSocket subprotocol).
enum DashboardScript {
    static let javascript = #"""
"use strict";
(() => {
  const KEY = "aitrapp.token";
  const CHANNELS = "positions,fills,orders,trades,risk,signals,decisions,control,md.tick.*";
  const PHRASE = "CONFIRM LIVE TRADING";
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem(KEY) || "", ws: null, retry: 0, positions: [], last: {}, trades: [],
                  risk: null, heartbeatMs: 5000, lastFrame: 0, timers: {}, feedCount: 0, tickDraw: 0 };

  const money = (n) => n == null || isNaN(n) ? "—" : Number(n).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const paise = (n) => n == null ? "—" : money(n / 100);
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const ist = (ts) => ts ? new Date(ts).toLocaleTimeString("en-GB", { timeZone: "Asia/Kolkata", hour12: false }) : "";
  const istDay = (ms) => new Date(ms + 19800000).toISOString().slice(0, 10);
  const signed = (n) => (n > 0 ? "pos" : n < 0 ? "neg" : "");

  function notice(text, kind) {
    const el = $("notice");
    el.textContent = text;
    el.dataset.kind = kind || "info";
    el.hidden = false;
    clearTimeout(state.timers.notice);
    state.timers.notice = setTimeout(() => { el.hidden = true; }, 8000);
  }

  async function api(method, path, body) {
    const headers = { Authorization: "Bearer " + state.token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!res.ok) {
      const error = new Error(data && data.error ? data.error.message : res.status + " " + res.statusText);
      error.status = res.status;
      throw error;
    }
    return data;
  }

  function schedule(name, fn, delay) {
    if (state.timers[name]) return;
    state.timers[name] = setTimeout(() => { state.timers[name] = null; fn().catch(report); }, delay ?? 150);
  }

  function report(error) {
    if (error && error.status === 401) notice("The token was refused (401): enter a viewer or operator token.", "error");
    else if (error && error.status === 404 && /risk snapshot/.test(error.message)) return;
    else notice(String(error && error.message || error), "error");
  }

  // ---- reads ----
  async function loadState() {
    const s = await api("GET", "/state");
    const mode = $("mode");
    mode.textContent = s.mode;
    mode.dataset.mode = s.mode;
    $("mode-select").value = s.mode;
    togglePhrase();
    const banner = $("banner");
    const reason = state.risk && state.risk.haltReason ? ": " + state.risk.haltReason : "";
    if (s.halted) { banner.textContent = "HALTED — tripwire" + reason + ". No new entries."; banner.dataset.kind = "halted"; banner.hidden = false; }
    else if (s.paused) { banner.textContent = "PAUSED — new entries are blocked (exits still work). Resume to trade."; banner.dataset.kind = "paused"; banner.hidden = false; }
    else banner.hidden = true;
    document.body.dataset.paused = String(s.paused);
  }

  async function loadRisk() {
    try { renderRisk(await api("GET", "/risk")); } catch (e) { if (e.status !== 404) throw e; }
  }

  function renderRisk(r) {
    state.risk = r;
    const heat = r.heatLimitPaise > 0 ? r.heatPaise / r.heatLimitPaise : 0;
    gauge("heat", heat, "₹" + paise(r.heatPaise) + " / ₹" + paise(r.heatLimitPaise));
    const pct = r.limits && r.limits.dailyLossPct != null ? r.limits.dailyLossPct : 0;
    const limit = (r.startOfDayCapitalPaise || 0) * pct / 100;
    const loss = Math.max(0, -((r.realisedTodayPaise || 0) + (r.unrealisedPaise || 0)));
    gauge("loss", limit > 0 ? loss / limit : 0, "₹" + paise(loss) + " / ₹" + paise(limit));
    $("risk-line").textContent = "Realised today ₹" + paise(r.realisedTodayPaise) + " · unrealised ₹" + paise(r.unrealisedPaise)
      + " · R today " + Number(r.rToday || 0).toFixed(2) + " · open " + (r.openPositions ?? 0)
      + (r.breaches && r.breaches.length ? " · BREACHED: " + r.breaches.join(", ") : "")
      + (r.canTakeNewPosition ? " · entries allowed" : " · entries blocked");
  }

  function gauge(name, fraction, text) {
    const bar = $(name + "-bar");
    bar.style.width = Math.min(100, Math.max(0, fraction * 100)).toFixed(1) + "%";
    bar.className = fraction >= 1 ? "over" : fraction >= 0.7 ? "warn" : "";
    $(name + "-text").textContent = text;
  }

  async function loadPositions() {
    state.positions = await api("GET", "/positions?status=OPEN&limit=500");
    renderPositions();
  }

  function unrealised(p) {
    const last = state.last[p.symbol];
    if (last == null) return null;
    return (last - Number(p.entry_price)) * p.open_quantity * (p.side === "BUY" ? 1 : -1);
  }

  function renderPositions() {
    const body = $("positions-body");
    body.innerHTML = state.positions.map((p) => {
      const pnl = unrealised(p);
      return '<tr data-position-id="' + esc(p.id) + '"><td>' + esc(p.symbol) + "</td><td>" + esc(p.side) + "</td><td>" + p.open_quantity
        + "</td><td>" + money(p.entry_price) + "</td><td>" + money(state.last[p.symbol]) + '</td><td class="pnl ' + signed(pnl) + '">'
        + money(pnl) + "</td><td>" + money(p.stop_price) + "</td><td>" + money(p.target_price)
        + '</td><td><button class="small close" data-id="' + esc(p.id) + '">Close</button></td></tr>';
    }).join("");
    $("positions-empty").hidden = state.positions.length > 0;
    $("positions-count").textContent = state.positions.length ? "(" + state.positions.length + ")" : "";
    drawEquity();
  }

  async function loadTrades() {
    const trades = await api("GET", "/trades?limit=1000");
    const today = istDay(Date.now());
    state.trades = trades.filter((t) => t.closed_at && istDay(Date.parse(t.closed_at)) === today)
      .sort((a, b) => Date.parse(a.closed_at) - Date.parse(b.closed_at));
    drawEquity();
  }

  function drawEquity() {
    const svg = $("equity");
    const now = Date.now();
    const open = Date.parse(istDay(now) + "T03:45:00Z");            // 09:15 IST
    const points = [[open, 0]];
    let total = 0;
    for (const t of state.trades) { total += Number(t.net_pnl); points.push([Date.parse(t.closed_at), total]); }
    let live = 0;
    for (const p of state.positions) live += unrealised(p) || 0;
    points.push([Math.max(now, points[points.length - 1][0]), total + live]);
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]).concat([0]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1), y0 = Math.min(...ys), y1 = Math.max(...ys, y0 + 1);
    const sx = (x) => ((x - x0) / (x1 - x0)) * 600, sy = (y) => 150 - ((y - y0) / (y1 - y0)) * 140;
    svg.innerHTML = '<line x1="0" x2="600" y1="' + sy(0).toFixed(1) + '" y2="' + sy(0).toFixed(1) + '"></line>'
      + '<polyline points="' + points.map((p) => sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1)).join(" ") + '"></polyline>';
    const el = $("equity-total");
    el.textContent = "₹" + money(total + live) + " (realised ₹" + money(total) + ", " + state.trades.length + " trades)";
  }

  async function loadSignals() {
    const signals = await api("GET", "/signals?limit=20");
    signals.sort((a, b) => (b.passed === a.passed ? 0 : b.passed ? 1 : -1) || (a.rank ?? 99) - (b.rank ?? 99) || (b.score ?? 0) - (a.score ?? 0));
    $("signals").innerHTML = signals.map((s) => {
      const ex = s.explanation || {};
      const features = (ex.features || []).slice().sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      const chips = features.map((f) => '<span class="' + (f.contribution >= 0 ? "up" : "down") + '" title="raw ' + esc(f.raw) + ", weight " + esc(f.weight) + '">'
        + esc(f.feature) + " " + (f.contribution >= 0 ? "+" : "") + Number(f.contribution).toFixed(2) + "</span>").join("")
        + (ex.penalties || []).map((p) => '<span class="down" title="' + esc(p.reason) + '">' + esc(p.name) + " ×" + Number(p.factor).toFixed(2) + "</span>").join("");
      return "<li><b>" + esc(s.symbol) + "</b> " + esc(s.side) + " · " + esc(s.strategy) + " · score " + (s.score == null ? "—" : Number(s.score).toFixed(3))
        + (s.rank != null ? " · rank " + s.rank : "") + (s.passed === false ? " · below cut" : "") + ' <span class="muted">' + ist(s.created_at) + "</span>"
        + '<div class="attr">' + chips + "</div></li>";
    }).join("") || '<li class="muted">No signals yet.</li>';
  }

  async function loadDecisions() {
    const decisions = await api("GET", "/decisions?limit=20");
    $("decisions").innerHTML = decisions.map((d) => {
      const failed = (d.verdicts || []).filter((v) => !v.passed);
      return "<li><b class=\"" + (d.status === "APPROVED" ? "pos" : "neg") + "\">" + esc(d.status) + "</b> " + esc(d.symbol) + " " + esc(d.side)
        + (d.lots ? " · " + d.lots + " lot(s)" : "") + ' <span class="muted">' + ist(d.created_at) + "</span>"
        + failed.map((v) => '<div class="reason">' + esc(v.gate) + ": " + esc(v.detail) + "</div>").join("") + "</li>";
    }).join("") || '<li class="muted">No decisions yet.</li>';
  }

  async function loadOrders() {
    const orders = await api("GET", "/orders?limit=50");
    $("orders-body").innerHTML = orders.map((o) => "<tr><td>" + ist(o.created_at) + "</td><td>" + esc(o.symbol) + "</td><td>" + esc(o.leg)
      + "</td><td>" + esc(o.side) + "</td><td>" + esc(o.order_type) + "</td><td>" + o.quantity + "</td><td>"
      + money(o.average_price ?? o.price ?? o.trigger_price) + "</td><td>" + esc(o.status) + "</td></tr>").join("");
  }

  function refreshAll() {
    if (!state.token) return;
    for (const [name, fn] of [["state", loadState], ["risk", loadRisk], ["positions", loadPositions], ["trades", loadTrades],
                              ["signals", loadSignals], ["decisions", loadDecisions], ["orders", loadOrders]]) schedule(name, fn, 0);
  }

  // ---- live stream ----
  function setConn(kind, text) {
    $("conn").dataset.state = kind;
    $("conn-text").textContent = text;
  }

  function connect() {
    if (state.ws) { state.ws.onclose = null; state.ws.close(); state.ws = null; }
    if (!state.token) { setConn("offline", "no token"); return; }
    setConn("connecting", "connecting");
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?channels=" + encodeURIComponent(CHANNELS);
    const ws = new WebSocket(url, ["aitrapp.bearer", state.token]);
    state.ws = ws;
    ws.onopen = () => { state.retry = 0; state.lastFrame = Date.now(); setConn("live", "live"); refreshAll(); };
    ws.onmessage = (e) => { state.lastFrame = Date.now(); try { onFrame(JSON.parse(e.data)); } catch (err) { console.warn(err); } };
    ws.onclose = () => {
      state.ws = null;
      setConn("offline", "offline — retrying");
      const delay = Math.min(10000, 500 * 2 ** state.retry++);
      clearTimeout(state.timers.reconnect);
      state.timers.reconnect = setTimeout(connect, delay);
    };
  }

  function onFrame(msg) {
    if (msg.channel === "ws") {
      if (msg.type === "welcome") state.heartbeatMs = msg.heartbeat_ms || 5000;
      if (msg.type === "heartbeat") $("stream-stats").textContent = msg.dropped ? msg.dropped + " events dropped (slow link)" : "";
      return;
    }
    const ev = msg.event || {};
    const p = ev.payload || {};
    if (msg.channel.startsWith("md.tick.")) {
      state.last[p.symbol] = p.lastPricePaise / 100;
      if (state.positions.some((x) => x.symbol === p.symbol) && Date.now() - state.tickDraw > 250) { state.tickDraw = Date.now(); renderPositions(); }
      return;
    }
    addFeed(msg.channel, ev);
    switch (msg.channel) {
      case "positions": case "fills": schedule("positions", loadPositions); schedule("orders", loadOrders); break;
      case "orders": schedule("orders", loadOrders); break;
      case "trades": schedule("trades", loadTrades); schedule("positions", loadPositions); break;
      case "signals": schedule("signals", loadSignals, 400); break;
      case "decisions": schedule("decisions", loadDecisions, 400); break;
      case "control": schedule("state", loadState); break;
      case "risk":
        if (ev.type === "risk.snapshot") { renderRisk(p); schedule("state", loadState); }
        if (ev.type === "flatten.completed") { notice("Flatten completed: the book is " + (p.flat ? "flat" : "NOT flat") + ".", p.flat ? "info" : "error"); schedule("positions", loadPositions); }
        break;
    }
  }

  function addFeed(channel, ev) {
    const p = ev.payload || {};
    const what = [p.symbol, p.side, p.status, p.leg, p.quantity != null ? "qty " + p.quantity : null, p.exitReason, p.reason, p.actor]
      .filter((x) => x != null && x !== "").join(" ");
    const li = document.createElement("li");
    li.dataset.type = ev.type || "";
    li.innerHTML = '<span class="muted">' + ist(ev.ts) + "</span> <b>" + esc(ev.type || channel) + "</b>" + esc(what);
    const feed = $("feed");
    feed.prepend(li);
    while (feed.children.length > 100) feed.lastChild.remove();
    state.feedCount++;
  }

  // ---- commands ----
  async function command(path, body, done) {
    try {
      const result = await api("POST", path, body);
      notice(done(result));
      refreshAll();
    } catch (e) {
      report(e);
    }
  }

  function togglePhrase() { $("mode-phrase").hidden = $("mode-select").value !== "LIVE"; }

  function wire() {
    $("token").value = state.token ? "••••••••" : "";
    $("token-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const value = $("token").value.trim();
      if (value && value !== "••••••••") { state.token = value; sessionStorage.setItem(KEY, value); }
      $("token").value = state.token ? "••••••••" : "";
      state.retry = 0;
      connect();
      refreshAll();
    });
    $("token-forget").addEventListener("click", () => { sessionStorage.removeItem(KEY); state.token = ""; $("token").value = ""; connect(); });
    $("pause").addEventListener("click", () => command("/pause", undefined, () => "Paused: no new entries."));
    $("resume").addEventListener("click", () => command("/resume", undefined, () => "Resumed."));
    $("kill").addEventListener("click", () => { $("kill-confirm").hidden = false; $("kill-yes").focus(); });
    $("kill-no").addEventListener("click", () => { $("kill-confirm").hidden = true; });
    $("kill-yes").addEventListener("click", () => {
      $("kill-confirm").hidden = true;
      command("/flatten", undefined, (r) => "Kill switch sent (trace " + r.trace + "): closing everything, entries paused.");
    });
    $("mode-select").addEventListener("change", togglePhrase);
    $("mode-apply").addEventListener("click", () => {
      const mode = $("mode-select").value;
      const body = mode === "LIVE" ? { mode, confirm: $("mode-phrase").value } : { mode };
      if (mode === "LIVE" && body.confirm !== PHRASE) { notice('Type "' + PHRASE + '" exactly to switch to LIVE.', "error"); return; }
      command("/mode", body, (r) => "Mode is now " + r.mode + ".");
    });
    $("positions-body").addEventListener("click", (e) => {
      const button = e.target.closest("button.close");
      if (!button) return;
      if (button.dataset.armed !== "1") { button.dataset.armed = "1"; button.textContent = "Confirm close"; button.classList.add("danger"); return; }
      command("/positions/" + encodeURIComponent(button.dataset.id) + "/close", undefined, () => "Close requested.");
    });
    setInterval(() => {
      if (state.ws && state.ws.readyState === 1 && Date.now() - state.lastFrame > 3 * state.heartbeatMs) state.ws.close();
    }, 1000);
    setInterval(refreshAll, 15000);
    setInterval(drawEquity, 30000);
  }

  window.aitrapp = state;
  document.addEventListener("DOMContentLoaded", () => { wire(); connect(); refreshAll(); });
})();
"""#
}
