// The step-through player, written once for two hosts: the notebook widget
// (anywidget) and the exported HTML page. It receives the data of one sweep
// (autodiff_core.player.data): a base SVG, a pool of SVG groups and, per step,
// only what that step changes. Stepping changes the page here, in the browser,
// and only then tells the host (which may pass the index on to a kernel).
//
// This file holds the controls and the stepping; head.js the caption, rule, numbers and note;
// table.js the table; stage.js the drawing's view, pieces.js its pieces, overview.js its map;
// presenter.js presenter mode and the theme, predict.js predict mode; meter.js a sweep's running
// counts (autodiff_core.player.module() joins them).
//
// createPlayer(root, host) -> {load(data, k), show(k), setSpeed(ms), present(on, fullscreen),
//                              setPredict(on), index, predicting, destroy()}
//   host.onIndex(k)  called after the player moved to step k (optional)
//   host.onPredict(on) called after the user turned predict mode on or off (optional)
//   host.help        [[keys, what they do], ...]: the help line (autodiff_core.player.help)
//   host.fill        "window": the view takes the height left in the window (the page);
//                    otherwise a default height the user can change (the widget)
//   host.theme       "system": follow prefers-color-scheme; otherwise JupyterLab's theme

const SVG_NS = "http://www.w3.org/2000/svg";
const SPEEDS = [["slow", 1600], ["normal", 900], ["fast", 450], ["fastest", 180]];
const STEP_FLOW_MS = 420;   // a manual step's flow; while playing, FLOW_SHARE of the step's time
const FLOW_SHARE = 0.45;
const TABLE_SHARE = 0.5;   // the table beside the drawing takes at most this share of the width (player.css)
const NEARLY_WHOLE = 1.35;  // a drawing this much wider than the player still gets all its width

function reducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function el(tag, attrs = {}, text = "") {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}
let uids = 0;
const uid = (prefix) => `adstep-${prefix}-${++uids}`;
const escapeAttr = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function plainText(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  return t.content.textContent.replace(/\s+/g, " ").trim();
}

// Unpack the player's data: a JSON object, or base64 of gzipped JSON.
export async function unpack(payload) {
  if (typeof payload !== "string") return payload;
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

export function createPlayer(root, host = {}) {
  root.classList.add("adstep", "adstep-player");
  root.tabIndex = 0;
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", "step-through");
  root.setAttribute("data-lm-suppress-shortcuts", "true");   // JupyterLab: keys are ours
  root.setAttribute("data-fill", host.fill === "window" ? "window" : "widget");
  root.innerHTML = "";
  const disposeTheme = watchTheme(root, host.theme === "system" ? "system" : "jupyter");

  // -- the page ------------------------------------------------------------------------------
  const bar = el("div", { class: "adstep-controls" });
  const button = (label, text, title, parent = bar) => {
    const b = el("button", { type: "button", "aria-label": label, title }, text);
    parent.append(b);
    return b;
  };
  const first = button("first step", "|◀", "first step (Home)");
  const prev = button("previous step", "◀", "previous step (←)");
  const play = button("play", "▶ play", "play / pause (Space)");
  play.classList.add("adstep-playbtn");
  const next = button("next step", "▶", "next step (→)");
  const last = button("last step", "▶|", "last step (End)");
  const slider = el("input", { type: "range", min: "0", max: "0", value: "0", "aria-label": "step" });
  const counter = el("span", { class: "adstep-counter", "aria-hidden": "true" });
  const speed = el("select", { "aria-label": "speed", title: "time per step while playing" });
  for (const [name, ms] of SPEEDS) speed.append(new Option(name, String(ms), ms === 900, ms === 900));
  bar.append(slider, counter, speed);
  const tools = el("div", { class: "adstep-zoom" });
  bar.append(tools);                       // in the toolbar: nothing covers the drawing
  const zoomOut = button("zoom out", "−", "zoom out (−)", tools);
  const zoomIn = button("zoom in", "+", "zoom in (+)", tools);
  const zoomFit = button("fit", "fit", "fit the drawing (0)", tools);
  const tableButton = button("table", "table", "show or hide the table (T)", tools);
  const presentButton = button("presenter mode", "presenter", "presenter mode (F; Esc leaves)", tools);
  tableButton.setAttribute("aria-pressed", "true");
  presentButton.setAttribute("aria-pressed", "false");
  presentButton.classList.add("adstep-present");

  const head = createHead(root);
  const meter = createMeter();
  const body = el("div", { class: "adstep-body" });
  const view = el("div", { class: "adstep-view", role: "img", "aria-label": "drawing" });
  const stage = createStage(root, view, { maxHeight });
  const tableBox = el("div", { class: "adstep-tablebox", tabindex: "0", role: "group", "aria-label": "trace table" });
  const table = createTable(tableBox);
  body.append(view, tableBox);
  const predict = createPredict(root, host, { stage, table, index: () => k, next: () => go(k + 1), reveal: () => land() });
  tools.insertBefore(predict.button, presentButton);
  const help = el("p", { class: "adstep-help" });
  help.innerHTML = (host.help || []).map(([keys, what]) =>
    `<span><kbd>${escapeAttr(keys)}</kbd> ${escapeAttr(what)}</span>`).join(" · ");
  root.append(bar, head.el, predict.el, meter.el, body, help);
  const presenter = createPresenter(root, presenting);

  // -- state -----------------------------------------------------------------------------------
  let D = null;            // the data of the sweep shown
  let k = 0;               // the step shown
  let timer = null;
  const tableWanted = { normal: true, presenting: false };   // the table shown, per mode

  // The tallest the view may be: the height left in the window (the page), or a default.
  function maxHeight() {
    if (host.fill === "window") {
      const top = view.getBoundingClientRect().top + window.scrollY;
      return Math.max(240, Math.floor(window.innerHeight - top - 12));
    }
    return Math.round(Math.min(640, Math.max(320, window.innerHeight * 0.72)));
  }

  function load(data, index = 0) {
    stop();
    D = data;
    // the root's settings first: changed after the drawing is in, they would restyle all of it
    root.setAttribute("data-kind", D.kind);
    root.setAttribute("data-steps", String(D.n));
    root.setAttribute("aria-label", `step-through of ${plainText(D.title)}`);
    head.setTitle(D.title, D.subtitle);
    meter.load(D);
    stage.load(D);           // read, not yet in the page
    const later = [];        // every value a step writes: the columns must have room for it
    for (const step of D.steps) for (const c of step.cells) if (c[1] >= 0) later.push([c[1], c[2]]);
    table.load(D.columns, D.start.rows, D.start.final, D.names, later, D.partial_column);
    predict.load(D);
    slider.max = String(D.n);
    k = 0;
    arrange();
    show(Math.max(0, Math.min(D.n, index | 0)), { quiet: true, still: true });
    root.setAttribute("data-version", String(+(root.getAttribute("data-version") || 0) + 1));
  }

  // The table beside the drawing, or below it when the drawing would fit readable and whole
  // (or nearly: a third wider) only in the room the table takes, or when the table itself is
  // wider than the half it may take beside (its last column would be cut); then the first
  // view (measured before the drawing is in).
  function arrange(first = true) {
    if (!D) return;
    const mode = presenter.on ? "presenting" : "normal";
    tableBox.hidden = !tableWanted[mode];
    tableButton.setAttribute("aria-pressed", String(tableWanted[mode]));
    let layout = "side";
    if (!presenter.on && tableWanted.normal) {
      root.setAttribute("data-layout", "side");
      const total = body.clientWidth;
      const beside = total - table.width - 16;
      const need = stage.width * stage.readable + 2;
      const cramped = table.width + 2 > total * TABLE_SHARE;
      if (total && (cramped || beside < 320 || (need > beside && need <= total * NEARLY_WHOLE))) layout = "stack";
    }
    root.setAttribute("data-layout", layout);
    if (first) stage.layout(focusOf(k)); else stage.relayout();
  }

  const focusOf = (j) => {
    const s = j ? D.steps[j - 1] : D.start;
    if (Array.isArray(s.focus)) return s.focus;
    return s.node === null || s.node === undefined ? [] : [s.node];
  };

  // Move from step k to step j: apply (or undo) each step's changes, then touch
  // the DOM once per slot and cell that changed; `ask`: with step j's number hidden (predict mode).
  function show(j, { quiet = false, still = false, ask = false } = {}) {
    if (!D) return;
    j = Math.max(0, Math.min(D.n, j | 0));
    if (predict.pending) predict.unhide();
    const slotTo = new Map(), cellTo = new Map(), finalTo = new Map();
    const forward = j > k;
    for (let s = k; s !== j; s += forward ? 1 : -1) {
      const step = D.steps[forward ? s : s - 1];
      const pick = forward ? 1 : 2;
      for (const c of step.slots) slotTo.set(c[0], c[pick]);
      for (const c of step.cells) {
        if (c[1] < 0) finalTo.set(c[0], forward ? c[2] : c[3]);
        else cellTo.set(c[0] * 64 + c[1], forward ? c[2] : c[3]);
      }
    }
    stage.swap(slotTo);
    for (const [key, html] of cellTo) table.set(Math.floor(key / 64), key % 64, html);
    for (const [r, f] of finalTo) table.setFinal(r, f);
    const before = k;
    k = j;
    if (ask) predict.hide(k);
    paint(before, still || ask, quiet);
    if (!quiet && host.onIndex) {
      setTimeout(() => { try { host.onIndex(k); } catch (e) { /* no kernel: keep stepping */ } });
    }
  }

  function paint(before, still, quiet) {
    const s = predict.texts(k ? D.steps[k - 1] : D.start, k);
    head.show(s, k);
    meter.show(s);
    view.setAttribute("aria-label", `drawing, ${plainText(s.caption)}`);
    slider.value = String(k);
    slider.setAttribute("aria-valuetext", `step ${k} of ${D.n}`);
    counter.textContent = `${k} / ${D.n}`;
    // A disabled button loses the focus to the page (and JupyterLab then takes it back, at a
    // cost of a few hundred ms): give it to the player first, so the keys keep working too.
    const atStart = k === 0, atEnd = k === D.n;
    const focused = document.activeElement;
    if ((atStart && (focused === first || focused === prev)) || (atEnd && (focused === next || focused === last))) {
      root.focus({ preventScroll: true });
    }
    first.disabled = prev.disabled = atStart;
    next.disabled = last.disabled = atEnd;
    root.setAttribute("data-step", String(k));
    const focus = focusOf(k);
    table.mark(focus);
    stage.follow(focus, !still);
    if (!still && k === before + 1 && !reducedMotion()) {
      const ms = timer ? Math.min(520, Math.max(150, FLOW_SHARE * +speed.value)) : STEP_FLOW_MS;
      stage.animate(D.steps[k - 1], focus, ms);
    }
    if (!quiet && !timer) head.say([head.speech(s), meter.speech(s)].filter(Boolean).join(". "));
  }

  // Predict mode: the hidden number is right or revealed: show the step, animated.
  const land = () => { predict.unhide(); paint(k - 1, false, true); };

  // -- controls ----------------------------------------------------------------------------------
  function stop(say = true) {
    const was = timer;
    if (timer) clearTimeout(timer);
    timer = null;
    play.textContent = "▶ play";
    play.setAttribute("aria-label", "play");
    root.removeAttribute("data-playing");
    if (was && D && say) head.say(`paused at step ${k} of ${D.n}`);
  }
  function tick() {
    if (!D || k >= D.n || predict.pending) { stop(); return; }
    if (predict.asks(k + 1)) { stop(false); show(k + 1, { ask: true }); return; }   // it waits for an answer
    show(k + 1);
    if (k < D.n) { timer = setTimeout(tick, +speed.value); return; }
    stop(false);
    head.say(`stopped at the last step, ${k} of ${D.n}`);
  }
  function toggle() {
    if (timer) { stop(); return; }
    if (!D) return;
    if (predict.pending) { predict.nudge(); return; }
    if (k >= D.n) show(0, { still: true, quiet: true });
    play.textContent = "❚❚ pause";
    play.setAttribute("aria-label", "pause");
    root.setAttribute("data-playing", "true");
    timer = setTimeout(tick, Math.min(+speed.value, 300));
    head.say("playing");
  }
  function showTable(on) {
    tableWanted[presenter.on ? "presenting" : "normal"] = on;
    arrange(false);
  }
  function presenting(on) {
    stage.setSizing(on ? "css" : "derived");
    presentButton.setAttribute("aria-pressed", String(on));
    head.close();
    table.resize();
    arrange();
  }
  zoomIn.onclick = () => stage.zoomBy(1.25);
  zoomOut.onclick = () => stage.zoomBy(0.8);
  zoomFit.onclick = () => stage.fit();
  tableButton.onclick = () => showTable(tableBox.hidden);
  presentButton.onclick = () => presenter.toggle();
  const go = (j) => { stop(); const ask = predict.before(j); if (ask !== null) show(j, { ask }); };
  first.onclick = () => go(0);
  prev.onclick = () => go(k - 1);
  next.onclick = () => go(k + 1);
  last.onclick = () => go(D ? D.n : 0);
  play.onclick = toggle;
  let wanted = 0, frame = 0;   // the slider: at most one step drawn per frame
  slider.oninput = () => {
    wanted = +slider.value;
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; go(wanted); });
  };
  const PAN = 0.2;   // of the view, per Shift + arrow
  root.addEventListener("keydown", (e) => {
    const t = e.target, key = e.key;
    if (!D || t.tagName === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (t.tagName === "INPUT" && t.type === "text") return;   // predict mode's box: its keys are typed
    if ((key === " " || key === "Enter") && (t.tagName === "BUTTON" || t.tagName === "INPUT")) return;
    const arrows = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const moves = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: D.n };
    if (e.shiftKey && key in arrows) {
      stage.panBy(arrows[key][0] * PAN * view.clientWidth, arrows[key][1] * PAN * view.clientHeight);
    } else if (key in moves) go(moves[key]);
    else if (key === " ") toggle();
    else if (key === "+" || key === "=") stage.zoomBy(1.25);
    else if (key === "-" || key === "−" || key === "_") stage.zoomBy(0.8);
    else if (key === "0") stage.fit();
    else if (key === "f" || key === "F") presenter.toggle();
    else if (key === "t" || key === "T") showTable(tableBox.hidden);
    else if ((key === "p" || key === "P") && !predict.button.disabled) predict.set(!predict.on);
    else if (key === "Escape" && presenter.on) presenter.leave();
    else if (key === "Escape") head.close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
  let resizing = 0;
  const onResize = () => {
    if (!resizing) resizing = requestAnimationFrame(() => { resizing = 0; if (D && !presenter.on) arrange(false); });
  };
  window.addEventListener("resize", onResize);

  function setSpeed(ms) {
    ms = +ms;
    if (!(ms > 0)) return;
    if (![...speed.options].some((o) => +o.value === ms)) speed.append(new Option(`${ms} ms`, String(ms)));
    speed.value = String(ms);
  }

  return {
    load,
    setSpeed,
    show: (j) => { stop(); show(j, { quiet: true }); },
    // Presenter mode on or off; fullscreen: try the Fullscreen API (needs a user's gesture).
    present: (on = true, fullscreen = true) => (on ? presenter.enter(fullscreen) : (presenter.leave(), Promise.resolve())),
    setPredict: (on) => predict.set(on, false),
    get index() { return k; },
    get predicting() { return predict.on; },
    destroy() {
      stop();
      presenter.destroy();
      disposeTheme();
      window.removeEventListener("resize", onResize);
      root.innerHTML = "";
    },
  };
}
