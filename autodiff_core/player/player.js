// The step-through player, written once for two hosts: the notebook widget
// (anywidget) and the exported HTML page. It receives the data of one sweep
// (autodiff_core.player.data): a base SVG, a pool of SVG groups and, per step,
// only what that step changes. Stepping changes the page here, in the browser,
// and only then tells the host (which may pass the index on to a kernel).
//
// createPlayer(root, host) -> {show(k), load(data, k), destroy()}
//   host.onIndex(k)   called after the player moved to step k (optional)

const SVG_NS = "http://www.w3.org/2000/svg";
const FLOW_MS = 260;          // a quantity travelling along its edge
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
  const canvas = el("div", { class: "adstep-canvas" });
  const zoom = el("div", { class: "adstep-zoom" });
  const zoomIn = el("button", { type: "button", "aria-label": "zoom in", title: "zoom in" }, "+");
  const zoomOut = el("button", { type: "button", "aria-label": "zoom out", title: "zoom out" }, "−");
  const zoomFit = el("button", { type: "button", "aria-label": "fit", title: "fit the drawing" }, "fit");
  zoom.append(zoomOut, zoomIn, zoomFit);
  bar.append(zoom);                       // in the toolbar: nothing covers the drawing
  view.append(canvas);
  const tableBox = el("div", { class: "adstep-tablebox" });
  const table = el("table", { class: "adstep-table" });
  const thead = el("thead");
  const tbody = el("tbody");
  table.append(thead, tbody);
  tableBox.append(table);
  body.append(view, tableBox);
  root.append(bar, head, body);

  // -- state -----------------------------------------------------------------------------------
  let D = null;            // the data of the sweep shown
  let k = 0;               // the step shown
  let slots = [];          // slot -> its element in the drawing
  let shown = [];          // slot -> pool index shown now
  let parsed = new Map();  // pool index -> its element (parsed once, reused)
  let rows = [];           // table row elements
  let overlay = null;      // <g> on top of the drawing, for moving dots
  let timer = null;
  let scale = 1, tx = 0, ty = 0;

  function fragment(id) {
    let e = parsed.get(id);
    if (!e) {
      const g = document.createElementNS(SVG_NS, "g");
      g.innerHTML = D.pool[id];
      e = g.firstElementChild;
      parsed.set(id, e);
    }
    return e;
  }

  function load(data, index = 0) {
    stop();
    D = data;
    parsed = new Map();
    canvas.innerHTML = D.svg;
    const svg = canvas.querySelector("svg");
    svg.removeAttribute("style");         // natural size: the viewport zooms and pans
    slots = [];
    for (const e of svg.querySelectorAll("[data-slot]")) slots[+e.getAttribute("data-slot")] = e;
    shown = slots.map((_, i) => i);       // the base drawing shows pool[i] in slot i
    slots.forEach((e, i) => parsed.set(i, e));
    overlay = document.createElementNS(SVG_NS, "g");
    overlay.setAttribute("class", "adstep-overlay");
    (svg.querySelector("g[transform]") || svg).append(overlay);
    thead.innerHTML = "<tr>" + D.columns.map((c) => `<th>${c}</th>`).join("") + "</tr>";
    tbody.innerHTML = D.start.rows.map((r) => "<tr>" + r.map((c) => `<td>${c}</td>`).join("") + "</tr>").join("");
    rows = [...tbody.rows];
    rows.forEach((tr, i) => {
      tr.setAttribute("data-node", D.names[i]);
      tr.classList.toggle("final", !!D.start.final[i]);
      [...tr.cells].forEach((td) => td.classList.toggle("unknown", td.innerHTML === "?"));
    });
    slider.max = String(D.n);
    root.setAttribute("data-kind", D.kind);
    root.style.setProperty("--adstep-ink", D.ink);
    root.style.setProperty("--adstep-tint", D.tint);
    root.setAttribute("data-steps", String(D.n));
    k = 0;
    fit(true);
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
    for (const [slot, id] of slotTo) {
      if (shown[slot] === id) continue;
      const fresh = fragment(id);
      slots[slot].replaceWith(fresh);
      slots[slot] = fresh;
      shown[slot] = id;
    }
    for (const [key, html] of cellTo) {
      const td = rows[Math.floor(key / 64)].cells[key % 64];
      td.innerHTML = html;
      td.classList.toggle("unknown", html === "?");
    }
    for (const [r, f] of finalTo) rows[r].classList.toggle("final", !!f);
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
    first.disabled = prev.disabled = k === 0;
    next.disabled = last.disabled = k === D.n;
    root.setAttribute("data-step", String(k));
    const node = k ? D.steps[k - 1].node : null;
    rows.forEach((tr) => tr.classList.remove("current"));
    if (node !== null && node !== undefined) {
      rows[node].classList.add("current");
      keepRowInView(rows[node]);
      follow(node);
    }
    if (!still && k === before + 1 && !reducedMotion()) animate(D.steps[k - 1]);
  }

  // -- animation: the quantity travels along its edges, the new number fades in --------------
  function animate(step) {
    overlay.innerHTML = "";
    const back = D.kind === "reverse";
    const n = D.boxes.length;
    for (const e of step.flow) {
      const path = slots[n + e] && slots[n + e].querySelector("path");
      if (!path || !path.getTotalLength) continue;
      const length = path.getTotalLength();
      const dot = document.createElementNS(SVG_NS, "circle");
      dot.setAttribute("r", "6");
      dot.setAttribute("class", "adstep-dot");
      overlay.append(dot);
      const t0 = performance.now();
      const move = (now) => {
        const t = Math.min(1, (now - t0) / FLOW_MS);
        const p = path.getPointAtLength(length * (back ? 1 - t : t));
        dot.setAttribute("cx", p.x.toFixed(1));
        dot.setAttribute("cy", p.y.toFixed(1));
        if (t < 1) requestAnimationFrame(move); else dot.remove();
      };
      requestAnimationFrame(move);
    }
    const target = slots[step.node];
    if (target) {
      target.classList.remove("adstep-fresh");
      void target.getBoundingClientRect();
      target.classList.add("adstep-fresh");
    }
  }

  // -- zoom, pan, follow -------------------------------------------------------------------
  function apply(smooth) {
    canvas.classList.toggle("adstep-smooth", !!smooth && !reducedMotion());
    canvas.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
    root.setAttribute("data-zoom", scale.toFixed(3));
  }
  function fit(initial) {
    const w = view.clientWidth || 800;
    if (initial) {     // a small drawing gets a viewport its own height; a big one, the default
      view.style.height = "";
      const room = view.clientHeight || 460;
      const need = D.height * Math.min(1, w / D.width) + 16;
      if (need < room) view.style.height = `${Math.max(need, 160)}px`;
    }
    const h = view.clientHeight || 460;
    const s = Math.min(w / D.width, h / D.height);
    scale = initial ? Math.min(1, Math.max(s, 0.6)) : s;
    tx = Math.max(0, (w - D.width * scale) / 2);
    ty = Math.max(0, (h - D.height * scale) / 2);
    apply(false);
  }
  function zoomAt(factor, cx, cy) {
    const s = Math.min(4, Math.max(0.05, scale * factor));
    tx = cx - (cx - tx) * (s / scale);
    ty = cy - (cy - ty) * (s / scale);
    scale = s;
    apply(false);
  }
  function follow(node) {
    const b = D.boxes[node];
    if (!b) return;
    const w = view.clientWidth, h = view.clientHeight;
    const x = b[0] * scale + tx, y = b[1] * scale + ty;
    const mx = Math.min(w / 3, b[2] * scale), my = Math.min(h / 3, b[3] * scale);
    if (x < mx || x > w - mx || y < my || y > h - my) {
      tx = clamp(w / 2 - b[0] * scale, w, D.width * scale);
      ty = clamp(h / 2 - b[1] * scale, h, D.height * scale);
      apply(true);
    }
  }
  // An offset that centres the node but shows no empty margin beyond the drawing's edge
  // (a drawing smaller than the view is centred).
  function clamp(t, room, size) {
    return size <= room ? (room - size) / 2 : Math.min(0, Math.max(room - size, t));
  }
  function keepRowInView(tr) {
    const top = tr.offsetTop, bottom = top + tr.offsetHeight;
    const head = thead.offsetHeight;
    if (top - head < tableBox.scrollTop) tableBox.scrollTop = top - head;
    else if (bottom > tableBox.scrollTop + tableBox.clientHeight) tableBox.scrollTop = bottom - tableBox.clientHeight;
  }
  zoomIn.onclick = () => zoomAt(1.25, view.clientWidth / 2, view.clientHeight / 2);
  zoomOut.onclick = () => zoomAt(0.8, view.clientWidth / 2, view.clientHeight / 2);
  zoomFit.onclick = () => fit(false);
  view.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = view.getBoundingClientRect();
    zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  let drag = null;
  view.addEventListener("pointerdown", (e) => {
    if (e.target.closest("button")) return;
    drag = { x: e.clientX - tx, y: e.clientY - ty };
    view.setPointerCapture(e.pointerId);
    view.classList.add("adstep-dragging");
  });
  view.addEventListener("pointermove", (e) => {
    if (!drag) return;
    tx = e.clientX - drag.x;
    ty = e.clientY - drag.y;
    apply(false);
  });
  const endDrag = () => { drag = null; view.classList.remove("adstep-dragging"); };
  view.addEventListener("pointerup", endDrag);
  view.addEventListener("pointercancel", endDrag);

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
