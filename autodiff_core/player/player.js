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
const FADE_IN = [{ opacity: 1 }, { opacity: 0 }];   // a cover over the new number fades out
const FADE_TIMING = { duration: 200, delay: 180, easing: "ease-out", fill: "both" };
const PIECE = 150;        // top-level groups per piece of a big drawing
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

// -- the table: every cell lives here, only the rows in view are in the page -----------------
// A sweep of 1,000 steps has a table of hundreds of rows; laying all of them out on each step
// costs tens of milliseconds. The table keeps every row's cells as data and puts only the rows
// in the scroll area's view (and a few either side) into the page, between two spacer rows
// that give the scroll area its full height. Columns are sized once, from the widest cell.
const ROW_MARGIN = 8;   // rows drawn beyond each edge of the view

const textLength = (html) => html.replace(/<[^>]*>/g, "").replace(/&[#\w]+;/g, "_").length;

function createTable(box) {
  const table = el("table", { class: "adstep-table" });
  const cols = el("colgroup");
  const thead = el("thead");
  const tbody = el("tbody");
  table.append(cols, thead, tbody);
  box.append(table);
  let cells = [], final = [], names = [], current = -1;
  let widest = [], sized = false;
  let rowH = 24, headH = 28, viewH = 460, top = 0, from = 0, to = 0;
  const pad = () => {
    const tr = el("tr", { class: "adstep-pad", "aria-hidden": "true" });
    tr.append(el("td", { colspan: "64" }));
    return tr;
  };
  const padTop = pad(), padBottom = pad();

  function row(r) {
    const tr = document.createElement("tr");
    tr.setAttribute("data-node", names[r]);
    if (final[r]) tr.className = "final";
    if (r === current) tr.classList.add("current");
    tr.innerHTML = cells[r].map((c) => (c === "?" ? '<td class="unknown">?</td>' : `<td>${c}</td>`)).join("");
    return tr;
  }
  // Put rows from..to of the view starting `top` px down into the page (none if unchanged).
  function draw(force = false) {
    const first = Math.max(0, Math.floor(top / rowH) - ROW_MARGIN);
    const last = Math.min(cells.length, Math.ceil((top + viewH) / rowH) + ROW_MARGIN);
    if (!force && first === from && last === to) return;
    from = first;
    to = last;
    padTop.firstChild.style.height = `${from * rowH}px`;
    padBottom.firstChild.style.height = `${(cells.length - to) * rowH}px`;
    const part = document.createDocumentFragment();
    part.append(padTop);
    for (let r = from; r < to; r++) part.append(row(r));
    part.append(padBottom);
    tbody.replaceChildren(part);
  }
  const live = (r) => (r >= from && r < to ? tbody.rows[r - from + 1] : null);

  function load(columns, rows, finals, rowNames, more) {
    cells = rows.map((r) => r.slice());
    final = finals.slice();
    names = rowNames;
    current = -1;
    widest = columns.slice();
    const consider = (c, html) => { if (textLength(html) > textLength(widest[c])) widest[c] = html; };
    for (const r of cells) r.forEach((html, c) => consider(c, html));
    for (const [c, html] of more) consider(c, html);
    thead.innerHTML = "<tr>" + columns.map((c) => `<th>${c}</th>`).join("") + "</tr>";
    sized = false;
    size();
    top = box.scrollTop = 0;
    draw(true);
  }
  // Size the columns and rows once, from a one-row table of the widest cells, then fix them
  // (table-layout: fixed): a changed cell then never lays out the other rows. Not possible
  // while the table is not shown; the ResizeObserver calls again when it is.
  function size() {
    if (sized || !cells.length || !box.isConnected || !box.getClientRects().length) return;
    cols.replaceChildren();
    table.style.tableLayout = "auto";
    table.style.width = "";
    tbody.innerHTML = "<tr>" + widest.map((c) => `<td>${c}</td>`).join("") + "</tr>";
    const probe = tbody.rows[0];
    const widths = [...probe.cells].map((td) => td.getBoundingClientRect().width);
    if (!widths.some((w) => w > 0)) return;
    // room for the "…" that marks a running adjoint, and for a number a little wider
    const fixed = widths.map((w) => Math.ceil(w) + 14);
    rowH = Math.max(1, probe.getBoundingClientRect().height);
    headH = thead.getBoundingClientRect().height;
    for (const w of fixed) cols.append(el("col", { style: `width: ${w}px` }));
    table.style.width = `${fixed.reduce((x, y) => x + y, 0)}px`;
    table.style.tableLayout = "fixed";
    table.style.setProperty("--adstep-row-h", `${rowH}px`);
    viewH = box.clientHeight || viewH;
    sized = true;
    draw(true);
  }

  function set(r, c, html) {
    cells[r][c] = html;
    const tr = live(r);
    if (!tr) return;
    const td = tr.cells[c];
    td.innerHTML = html;
    td.classList.toggle("unknown", html === "?");
  }
  function setFinal(r, f) {
    final[r] = !!f;
    const tr = live(r);
    if (tr) tr.classList.toggle("final", !!f);
  }
  // Mark row r (-1: none) and scroll it into view.
  function mark(r) {
    if (r !== current) {
      const old = live(current);
      if (old) old.classList.remove("current");
      current = r;
      const tr = live(r);
      if (tr) tr.classList.add("current");
    }
    if (r < 0) return;
    const y = r * rowH;          // the row's top under the header
    const room = viewH - headH;
    let want = top;
    if (y < top) want = y;
    else if (y + rowH > top + room) want = y + rowH - room;
    if (want !== top) {
      top = want;
      draw();
      box.scrollTop = top;
    }
  }
  box.addEventListener("scroll", () => { top = box.scrollTop; draw(); }, { passive: true });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      if (!sized) size();
      viewH = box.clientHeight || viewH;
      draw();
    }).observe(box);
  }
  return { load, set, setFinal, mark, get current() { return current; } };
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
  const layer = el("div", { class: "adstep-canvas adstep-flowlayer" });   // the moving dots
  view.append(canvas, layer);
  const tableBox = el("div", { class: "adstep-tablebox" });
  const table = createTable(tableBox);
  body.append(view, tableBox);
  root.append(bar, head, body);

  // -- state -----------------------------------------------------------------------------------
  let D = null;            // the data of the sweep shown
  let k = 0;               // the step shown
  let slots = [];          // slot -> its element in the drawing
  let shown = [];          // slot -> pool index shown now
  let parsed = new Map();  // pool index -> its element (parsed once, reused)
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

  // A big drawing is cut, in document order, into a stack of SVGs of the same size and
  // coordinates (the first one is the drawing itself, with its title and background): what a
  // step changes then makes the browser re-check one piece, not thousands of elements.
  function split(svg) {
    const frame = svg.querySelector(":scope > g[transform]") || svg;
    const parts = [...frame.children].filter((e) => e.tagName !== "title");
    for (let at = PIECE; at < parts.length; at += PIECE) {
      const piece = document.createElementNS(SVG_NS, "svg");
      for (const a of ["width", "height", "viewBox"]) if (svg.hasAttribute(a)) piece.setAttribute(a, svg.getAttribute(a));
      piece.setAttribute("class", "adstep-piece");
      piece.setAttribute("aria-hidden", "true");
      const g = document.createElementNS(SVG_NS, "g");
      if (frame !== svg) g.setAttribute("transform", frame.getAttribute("transform"));
      g.append(...parts.slice(at, at + PIECE));
      piece.append(g);
      canvas.append(piece);
    }
  }

  function load(data, index = 0) {
    stop();
    D = data;
    parsed = new Map();
    // the root's settings first: changed after the drawing is in, they would restyle all of it
    root.setAttribute("data-kind", D.kind);
    root.style.setProperty("--adstep-ink", D.ink);
    root.style.setProperty("--adstep-tint", D.tint);
    root.setAttribute("data-steps", String(D.n));
    canvas.innerHTML = D.svg;
    const svg = canvas.querySelector("svg");
    svg.removeAttribute("style");         // natural size: the viewport zooms and pans
    split(svg);
    slots = [];
    for (const e of canvas.querySelectorAll("[data-slot]")) slots[+e.getAttribute("data-slot")] = e;
    shown = slots.map((_, i) => i);       // the base drawing shows pool[i] in slot i
    slots.forEach((e, i) => parsed.set(i, e));
    // The moving dots get an SVG of their own on top of the drawing, with the same size and
    // coordinates: a frame of the animation then repaints that small layer, not the drawing.
    const flow = document.createElementNS(SVG_NS, "svg");
    for (const a of ["width", "height", "viewBox"]) if (svg.hasAttribute(a)) flow.setAttribute(a, svg.getAttribute(a));
    flow.setAttribute("class", "adstep-flow");
    flow.setAttribute("aria-hidden", "true");
    overlay = document.createElementNS(SVG_NS, "g");
    overlay.setAttribute("class", "adstep-overlay");
    const frame = svg.querySelector(":scope > g[transform]");
    if (frame) overlay.setAttribute("transform", frame.getAttribute("transform"));
    flow.append(overlay);
    layer.replaceChildren(flow);
    const later = [];      // every value a step writes: the columns must have room for it
    for (const step of D.steps) for (const c of step.cells) if (c[1] >= 0) later.push([c[1], c[2]]);
    table.load(D.columns, D.start.rows, D.start.final, D.names, later);
    slider.max = String(D.n);
    k = 0;
    fit(true);
    viewWidth = viewHeight = 0;   // fit() may have changed the view's height
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
    if (marked >= 0) follow(marked);
    if (!still && k === before + 1 && !reducedMotion()) animate(D.steps[k - 1]);
  }

  // -- animation: the quantity travels along its edges, the new number fades in --------------
  function animate(step) {
    overlay.replaceChildren();
    const back = D.kind === "reverse";
    const n = D.boxes.length;
    for (const e of step.flow) {
      const path = slots[n + e] && slots[n + e].querySelector("path");
      if (!path || !path.getTotalLength) continue;
      let length = -1;   // measured in the first frame: reading it now would force a layout
      const dot = document.createElementNS(SVG_NS, "circle");
      dot.setAttribute("r", "6");
      dot.setAttribute("class", "adstep-dot");
      overlay.append(dot);
      const t0 = performance.now();
      const move = (now) => {
        if (length < 0) length = path.getTotalLength();
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
      target.classList.add("adstep-fresh");
      requestAnimationFrame(() => fadeIn(target));
    }
  }
  // The new number fades in: a cover of its box's colour, on the dots' layer, fades out over
  // it (animating the number itself would repaint the whole drawing on every frame).
  function fadeIn(target) {
    if (!target.isConnected) return;
    const box = target.querySelector("rect");
    const fill = (box && box.getAttribute("fill")) || "#ffffff";
    for (const q of target.querySelectorAll("[data-q]")) {
      const b = q.getBBox();
      const cover = document.createElementNS(SVG_NS, "rect");
      const at = { x: b.x - 1, y: b.y - 1, width: b.width + 2, height: b.height + 2, fill, class: "adstep-cover" };
      for (const [name, v] of Object.entries(at)) cover.setAttribute(name, typeof v === "number" ? v.toFixed(1) : v);
      overlay.append(cover);
      cover.animate(FADE_IN, FADE_TIMING).onfinish = () => cover.remove();
    }
  }

  // -- zoom, pan, follow -------------------------------------------------------------------
  function apply(smooth) {
    for (const e of [canvas, layer]) {   // the dots' layer moves with the drawing
      e.classList.toggle("adstep-smooth", !!smooth && !reducedMotion());
      e.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
    }
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
  // The view's size, kept by a ResizeObserver: reading it after a step's changes would force
  // a layout of the whole page (in JupyterLab, a big one) before the frame.
  let viewWidth = 0, viewHeight = 0;   // 0: not known, read it
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => { viewWidth = view.clientWidth; viewHeight = view.clientHeight; }).observe(view);
  }
  function follow(node) {
    const b = D.boxes[node];
    if (!b) return;
    const w = viewWidth || view.clientWidth, h = viewHeight || view.clientHeight;
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
