// The player's stage: the drawing in its view (part of the player's module, see table.js).
// It makes the first view, zooms, pans and follows the current node, and takes the wheel,
// the pointer and pinches; the drawing's pieces are pieces.js's, the overview overview.js's.
//
// One zoom range for everything (fit, buttons, keys, wheel, follow): ZOOM_MIN..ZOOM_MAX.
// "Readable" is the zoom at which the drawing's text is READABLE_PX CSS px. The first view
// shows a drawing that fits at a readable zoom whole, scaled up to fill the view (at most
// FIT_MAX); one that does not opens at the readable zoom on the current node, with the
// overview (in presenter mode, with its text at PRESENTING_PX of the screen's height);
// following never leaves the zoom below readable on a drawing that does not fit.
const ZOOM_MIN = 0.1, ZOOM_MAX = 4, FIT_MAX = 2, READABLE_PX = 14;
const PRESENTING_PX = 0.02;   // of the screen's height: the text of a big drawing in presenter mode
const MIN_VIEW = 160;       // px: the shortest view
const SMOOTH_MS = 240;      // a follow's pan

function createStage(root, view, { maxHeight }) {
  const canvas = el("div", { class: "adstep-canvas" });
  const layer = el("div", { class: "adstep-canvas adstep-flowlayer" });   // the moving dots
  const hint = el("div", { class: "adstep-hint", "aria-hidden": "true" }, "Ctrl + wheel (⌘ + wheel) zooms");
  view.append(canvas, layer, hint);
  const pieces = createPieces(canvas, layer);
  const overview = createOverview(view, (x, y) => { mode = "user"; centre(x, y); apply(false); });
  let D = null, drawn = null;
  let scale = 1, tx = 0, ty = 0, readable = 1, fs = 14;   // fs: the drawing's font size
  let mode = "first";      // "first" view, "fit", or moved by the "user": what a resize redoes
  let sizing = "derived";  // the view's height: "derived" from the zoom, "css" (presenter mode), "user"
  let W = 0, H = 0, setH = 0;   // the view's inner size; the height this code set last
  let focus = [];

  // Read the drawing (nothing goes into the page until layout()).
  function load(data) {
    pieces.clear();
    D = data;
    drawn = pieces.load(D);
    tx = ty = 0;
    last = null;
    fs = parseFloat(drawn.base.getAttribute("font-size")) || 14;
    readable = READABLE_PX / fs;
    focus = [];
  }
  const clampZoom = (s) => Math.min(Math.max(ZOOM_MAX, readable), Math.max(ZOOM_MIN, s));
  const fitsAt = (s) => D.width * s <= W + 0.5 && D.height * s <= H + 0.5;
  function setHeight(h) {
    h = Math.max(MIN_VIEW, Math.round(h));
    if (h !== H || view.style.height !== `${h}px`) view.style.height = `${h}px`;
    H = setH = h;
    root.style.setProperty("--adstep-view-h", `${h}px`);
  }
  function room() {      // the tallest the view may be
    return sizing === "derived" ? Math.max(MIN_VIEW, maxHeight()) : H;
  }

  // The first view: as described at the top. Reads the view's size: call it before the
  // drawing is in the page (or when the view's size changed).
  function layout(nodes = focus) {
    if (!D) return;
    focus = nodes;
    W = view.clientWidth;
    if (sizing === "css") H = view.clientHeight;
    if (drawn) { pieces.attach(drawn); drawn = null; }   // after reading the size: no layout of it
    const h = room();
    if (sizing !== "css") H = h;
    const presenting = root.classList.contains("adstep-presenting");
    overview.load(D, presenting);
    if (fitsAt(readable)) {
      scale = Math.max(readable, Math.min(W / D.width, h / D.height, FIT_MAX));
      if (sizing === "derived") setHeight(D.height * scale);
      centre(D.width / 2, D.height / 2);
    } else {
      scale = clampZoom(presenting ? Math.max(readable, (PRESENTING_PX * window.innerHeight) / fs) : readable);
      // room below a short drawing for the overview, so that it covers none of it
      if (sizing === "derived") setHeight(Math.min(h, D.height * scale + overview.height + 16));
      aim(nodes, true);
    }
    mode = "first";
    apply(false);
  }
  // Fit the whole drawing into the view, as far as the zoom range allows.
  function fit() {
    if (!D) return;
    const h = room();
    scale = clampZoom(Math.min(W / D.width, h / D.height, FIT_MAX));
    if (sizing === "derived") setHeight(Math.min(h, D.height * scale));
    if (fitsAt(scale)) centre(D.width / 2, D.height / 2); else aim(focus, true);
    mode = "fit";
    apply(false);
  }
  // Redo the view after its size changed, as it was made.
  function relayout() {
    if (!D) return;
    if (mode === "first") layout(focus);
    else if (mode === "fit") fit();
    else apply(false);
  }

  // Centre drawing point (x, y) in the view.
  function centre(x, y) {
    tx = W / 2 - x * scale;
    ty = H / 2 - y * scale;
  }
  // The box [x0, y0, x1, y1] around `nodes`, or around the first of them if they do not fit
  // the view together.
  function around(nodes) {
    const boxes = nodes.map((i) => D.boxes[i]).filter(Boolean);
    if (!boxes.length) return null;
    const one = (b) => [b[0] - b[2] / 2, b[1] - b[3] / 2, b[0] + b[2] / 2, b[1] + b[3] / 2];
    const all = boxes.map(one).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
    return (all[2] - all[0]) * scale <= W * 0.9 && (all[3] - all[1]) * scale <= H * 0.9 ? all : one(boxes[0]);
  }
  // Centre the view on `nodes` (always, or only if they are not well inside it); true if moved.
  function aim(nodes, always) {
    const b = around(nodes);
    if (!b) return false;
    const m = Math.min(48, W / 8, H / 8);
    const x0 = b[0] * scale + tx, x1 = b[2] * scale + tx, y0 = b[1] * scale + ty, y1 = b[3] * scale + ty;
    const under = overview.shown && x1 > W - overview.width - 16 && y1 > H - overview.height - 16;
    if (!always && !under && x0 >= m && x1 <= W - m && y0 >= m && y1 <= H - m) return false;
    centre((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    return true;
  }
  // Follow the step's nodes: back to the readable zoom on a drawing that does not fit at it,
  // and centred on them when they are not well inside the view.
  function follow(nodes, smooth = true) {
    focus = nodes;
    if (!D) return;
    overview.mark(nodes);
    if (!nodes.length) return;
    const zoom = scale < readable && !fitsAt(readable);
    if (zoom) scale = clampZoom(readable);
    if (aim(nodes, zoom) || zoom) apply(smooth);
  }

  function zoomAt(factor, cx, cy) {
    if (!D) return;
    const s = clampZoom(scale * factor);
    if (s === scale) return;
    tx = cx - (cx - tx) * (s / scale);
    ty = cy - (cy - ty) * (s / scale);
    scale = s;
    mode = "user";
    if (sizing === "derived") {   // the view grows with the drawing, up to the room there is
      const before = H;
      setHeight(Math.min(room(), Math.max(D.height * s, MIN_VIEW)));
      ty += (H - before) / 2;
    }
    apply(false);
  }
  const zoomBy = (factor) => zoomAt(factor, W / 2, H / 2);
  function panBy(dx, dy) {
    if (!D) return;
    tx += dx;
    ty += dy;
    mode = "user";
    apply(true);
  }

  // No empty margin beyond the drawing's edges; a drawing smaller than the view is centred.
  function clampPan() {
    const sw = D.width * scale, sh = D.height * scale;
    const cropped = sw > W + 0.5 || sh > H + 0.5;   // then the overview shows, at the bottom
    tx = sw <= W ? (W - sw) / 2 : Math.min(0, Math.max(W - sw, tx));
    ty = sh <= H ? (cropped ? 0 : (H - sh) / 2) : Math.min(0, Math.max(H - sh, ty));
  }
  // The part of the drawing in view, and half a view around it.
  function seen() {
    const mx = W / scale / 2, my = H / scale / 2;
    return [-tx / scale - mx, -ty / scale - my, (W - tx) / scale + mx, (H - ty) / scale + my];
  }
  let last = null, settle = 0;
  function apply(smooth) {
    if (!D) return;
    clampPan();
    const now = seen();
    // a long way is a jump: a smooth pan would pass (and fill) everything in between
    const far = last && (Math.abs(now[0] - last[0]) > now[2] - now[0] ||
      Math.abs(now[1] - last[1]) > now[3] - now[1]);
    smooth = smooth && !far && !reducedMotion();
    for (const e of [canvas, layer]) {   // the dots' layer moves with the drawing
      e.classList.toggle("adstep-smooth", smooth);
      e.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
    }
    root.setAttribute("data-zoom", scale.toFixed(3));
    pieces.show(smooth && last ? [Math.min(now[0], last[0]), Math.min(now[1], last[1]),
      Math.max(now[2], last[2]), Math.max(now[3], last[3])] : now);
    last = now;
    clearTimeout(settle);
    if (smooth) settle = setTimeout(() => pieces.show(seen()), SMOOTH_MS + 40);
    overview.update(scale, tx, ty, W, H, !fitsAt(scale));
  }

  // -- input: Ctrl/⌘ + wheel and pinches zoom, a drag pans; a plain wheel scrolls the page -----
  let hintTimer = 0;
  view.addEventListener("wheel", (e) => {
    if (!D) return;
    if (!(e.ctrlKey || e.metaKey)) {
      hint.classList.add("adstep-show");
      clearTimeout(hintTimer);
      hintTimer = setTimeout(() => hint.classList.remove("adstep-show"), 1200);
      return;
    }
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? H : 1;
    const factor = Math.min(2, Math.max(0.5, Math.exp((-e.deltaY * unit) / 300)));
    const r = view.getBoundingClientRect();
    zoomAt(factor, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  const pointers = new Map();
  let drag = null, pinch = null;
  view.addEventListener("pointerdown", (e) => {
    if (!D || e.target.closest("button, .adstep-overview") || e.button > 0) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    view.setPointerCapture(e.pointerId);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, s: scale };
      drag = null;
    } else if (pointers.size === 1) {
      drag = { x: e.clientX - tx, y: e.clientY - ty };
      view.classList.add("adstep-dragging");
    }
  });
  view.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const r = view.getBoundingClientRect();
      const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      zoomAt((pinch.s * d) / pinch.d / scale, (a[0] + b[0]) / 2 - r.left, (a[1] + b[1]) / 2 - r.top);
    } else if (drag) {
      tx = e.clientX - drag.x;
      ty = e.clientY - drag.y;
      mode = "user";
      apply(false);
    }
  });
  const up = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (!pointers.size) { drag = null; view.classList.remove("adstep-dragging"); }
  };
  view.addEventListener("pointerup", up);
  view.addEventListener("pointercancel", up);

  // The view's size: kept by a ResizeObserver (reading it after a step's changes would force a
  // layout of the whole page before the frame). A height this code did not set is the user's.
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      const w = view.clientWidth, h = view.clientHeight;
      if (!D || !w || !h || (w === W && h === H)) return;   // 0: not shown (a notebook scrolled it out)
      if (sizing === "derived" && h !== setH && setH) sizing = "user";
      const widthChanged = w !== W;
      W = w;
      H = h;
      if (widthChanged || sizing !== "derived") relayout();
    }).observe(view);
  }

  return {
    load, layout, fit, relayout, follow, zoomBy, panBy,
    swap: (changes) => pieces.swap(changes),
    animate: (step, nodes, ms) => pieces.animate(step, nodes, ms),
    element: (slot) => pieces.element(slot),
    setSizing(s) { sizing = s; setH = 0; view.style.height = ""; },
    get readable() { return readable; },
    get scale() { return scale; },
    get width() { return D ? D.width : 0; },
    get height() { return D ? D.height : 0; },
  };
}
