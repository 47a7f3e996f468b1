// The step-through player, written once for two hosts: the notebook widget
// (anywidget) and the exported HTML page. It receives the data of one sweep
// (autodiff_core.player.data): a base SVG, a pool of SVG groups and, per step,
// only what that step changes. Stepping changes the page here, in the browser,
// and only then tells the host (which may pass the index on to a kernel).
//
// This file holds the controls and the stepping; table.js the table, stage.js the drawing
// (autodiff_core.player.module() joins the three into one module).
//
// createPlayer(root, host) -> {show(k), load(data, k), destroy()}
//   host.onIndex(k)   called after the player moved to step k (optional)

const SVG_NS = "http://www.w3.org/2000/svg";
const SPEEDS = [["slow", 1600], ["normal", 900], ["fast", 450], ["fastest", 180]];

function reducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function el(tag, attrs = {}, text = "") {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
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
  root.setAttribute("data-lm-suppress-shortcuts", "true");   // JupyterLab: keys are ours
  root.innerHTML = "";

  // -- the page ------------------------------------------------------------------------------
  const bar = el("div", { class: "adstep-controls" });
  const button = (label, text, title) => {
    const b = el("button", { type: "button", "aria-label": label, title }, text);
    bar.append(b);
    return b;
  };
  const first = button("first step", "|◀", "first step (Home)");
  const prev = button("previous step", "◀", "previous step (←)");
  const play = button("play", "▶ play", "play / pause (Space)");
  play.classList.add("adstep-playbtn");
  const next = button("next step", "▶", "next step (→)");
  const last = button("last step", "▶|", "last step (End)");
  const slider = el("input", { type: "range", min: "0", max: "0", value: "0", "aria-label": "step" });
  const counter = el("span", { class: "adstep-counter", "aria-live": "off" });
  const speed = el("select", { "aria-label": "speed", title: "time per step while playing" });
  for (const [name, ms] of SPEEDS) speed.append(new Option(name, String(ms), ms === 900, ms === 900));
  bar.append(slider, counter, speed);

  const head = el("div", { class: "adstep-head" });
  const caption = el("div", { class: "adstep-caption", "aria-live": "polite" });
  const rule = el("div", { class: "adstep-rule" });
  const numbers = el("div", { class: "adstep-numbers" });
  const note = el("div", { class: "adstep-note" });
  head.append(caption, rule, numbers, note);

  const body = el("div", { class: "adstep-body" });
  const view = el("div", { class: "adstep-view" });
  const stage = createStage(root, view);
  const zoom = el("div", { class: "adstep-zoom" });
  const zoomIn = el("button", { type: "button", "aria-label": "zoom in", title: "zoom in" }, "+");
  const zoomOut = el("button", { type: "button", "aria-label": "zoom out", title: "zoom out" }, "−");
  const zoomFit = el("button", { type: "button", "aria-label": "fit", title: "fit the drawing" }, "fit");
  zoom.append(zoomOut, zoomIn, zoomFit);
  bar.append(zoom);                       // in the toolbar: nothing covers the drawing
  const tableBox = el("div", { class: "adstep-tablebox" });
  const table = createTable(tableBox);
  body.append(view, tableBox);
  root.append(bar, head, body);

  // -- state -----------------------------------------------------------------------------------
  let D = null;            // the data of the sweep shown
  let k = 0;               // the step shown
  let timer = null;

  function load(data, index = 0) {
    stop();
    D = data;
    // the root's settings first: changed after the drawing is in, they would restyle all of it
    root.setAttribute("data-kind", D.kind);
    root.style.setProperty("--adstep-ink", D.ink);
    root.style.setProperty("--adstep-tint", D.tint);
    root.setAttribute("data-steps", String(D.n));
    stage.load(D);
    const later = [];      // every value a step writes: the columns must have room for it
    for (const step of D.steps) for (const c of step.cells) if (c[1] >= 0) later.push([c[1], c[2]]);
    table.load(D.columns, D.start.rows, D.start.final, D.names, later);
    slider.max = String(D.n);
    k = 0;
    stage.fit(true);
    show(Math.max(0, Math.min(D.n, index | 0)), { quiet: true, still: true });
    root.setAttribute("data-version", String(+(root.getAttribute("data-version") || 0) + 1));
  }

  // Move from step k to step j: apply (or undo) each step's changes, then touch
  // the DOM once per slot and cell that changed.
  function show(j, { quiet = false, still = false } = {}) {
    if (!D) return;
    j = Math.max(0, Math.min(D.n, j | 0));
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
    for (const [slot, id] of slotTo) stage.swap(slot, id);
    for (const [key, html] of cellTo) table.set(Math.floor(key / 64), key % 64, html);
    for (const [r, f] of finalTo) table.setFinal(r, f);
    const before = k;
    k = j;
    paint(before, still);
    if (!quiet && host.onIndex) {
      setTimeout(() => { try { host.onIndex(k); } catch (e) { /* no kernel: keep stepping */ } });
    }
  }

  function paint(before, still) {
    const s = k ? D.steps[k - 1] : D.start;
    caption.innerHTML = s.caption;
    rule.innerHTML = s.rule || '<span class="adstep-muted">→ takes the first step</span>';
    numbers.innerHTML = s.numbers || "&nbsp;";
    note.innerHTML = s.note || "&nbsp;";
    slider.value = String(k);
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
    const node = k ? D.steps[k - 1].node : null;
    const marked = node === null || node === undefined ? -1 : node;
    table.mark(marked);
    if (marked >= 0) stage.follow(marked);
    if (!still && k === before + 1 && !reducedMotion()) stage.animate(D.steps[k - 1]);
  }

  // -- controls ----------------------------------------------------------------------------------
  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    play.textContent = "▶ play";
    play.setAttribute("aria-label", "play");
    root.removeAttribute("data-playing");
  }
  function tick() {
    if (!D || k >= D.n) { stop(); return; }
    show(k + 1);
    timer = k >= D.n ? null : setTimeout(tick, +speed.value);
    if (!timer) stop();
  }
  function toggle() {
    if (timer) { stop(); return; }
    if (!D) return;
    if (k >= D.n) show(0, { still: true });
    play.textContent = "❚❚ pause";
    play.setAttribute("aria-label", "pause");
    root.setAttribute("data-playing", "true");
    timer = setTimeout(tick, Math.min(+speed.value, 300));
  }
  zoomIn.onclick = () => stage.zoomBy(1.25);
  zoomOut.onclick = () => stage.zoomBy(0.8);
  zoomFit.onclick = () => stage.fit(false);
  const go = (j) => { stop(); show(j); };
  first.onclick = () => go(0);
  prev.onclick = () => go(k - 1);
  next.onclick = () => go(k + 1);
  last.onclick = () => go(D ? D.n : 0);
  play.onclick = toggle;
  slider.oninput = () => go(+slider.value);
  root.addEventListener("keydown", (e) => {
    if (!D || e.target.tagName === "SELECT" || (e.target.tagName === "INPUT" && e.key === " ")) return;
    const moves = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: D.n };
    if (e.key in moves) { go(moves[e.key]); }
    else if (e.key === " ") { toggle(); }
    else return;
    e.preventDefault();
    e.stopPropagation();
  });

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
    get index() { return k; },
    destroy() { stop(); root.innerHTML = ""; },
  };
}
