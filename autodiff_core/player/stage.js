// The player's stage: the drawing in its viewport (part of the player's module, see
// table.js). It shows the base drawing, swaps the SVG groups a step changes, animates the
// flow along the edges, and zooms, pans and follows the current node.

const FLOW_MS = 260;        // a quantity travelling along its edge
const FADE_IN = [{ opacity: 1 }, { opacity: 0 }];   // a cover over the new number fades out
const FADE_TIMING = { duration: 200, delay: 180, easing: "ease-out", fill: "both" };
const PIECE = 150;          // top-level groups per piece of a big drawing

function createStage(root, view) {
  const canvas = el("div", { class: "adstep-canvas" });
  const layer = el("div", { class: "adstep-canvas adstep-flowlayer" });   // the moving dots
  view.append(canvas, layer);
  let D = null;            // the data of the sweep shown
  let slots = [];          // slot -> its element in the drawing
  let shown = [];          // slot -> pool index shown now
  let parsed = new Map();  // pool index -> its element (parsed once, reused)
  let overlay = null;      // <g> on the dots' layer
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

  // An empty SVG with the drawing's size and coordinates: [its root, its <g> to fill].
  function twin(svg, frame, cls) {
    const root = document.createElementNS(SVG_NS, "svg");
    for (const a of ["width", "height", "viewBox"]) if (svg.hasAttribute(a)) root.setAttribute(a, svg.getAttribute(a));
    root.setAttribute("class", cls);
    root.setAttribute("aria-hidden", "true");
    const g = document.createElementNS(SVG_NS, "g");
    if (frame !== svg) g.setAttribute("transform", frame.getAttribute("transform"));
    root.append(g);
    return [root, g];
  }

  // A big drawing is cut, in document order, into a stack of SVGs of the same size and
  // coordinates (the first one is the drawing itself, with its title and background): what a
  // step changes then makes the browser re-check one piece, not thousands of elements.
  function split(svg, frame) {
    const parts = [...frame.children].filter((e) => e.tagName !== "title");
    for (let at = PIECE; at < parts.length; at += PIECE) {
      const [piece, g] = twin(svg, frame, "adstep-piece");
      g.append(...parts.slice(at, at + PIECE));
      canvas.append(piece);
    }
  }

  function load(data) {
    D = data;
    parsed = new Map();
    canvas.innerHTML = D.svg;
    const svg = canvas.querySelector("svg");
    svg.removeAttribute("style");         // natural size: the viewport zooms and pans
    const frame = svg.querySelector(":scope > g[transform]") || svg;
    split(svg, frame);
    slots = [];
    for (const e of canvas.querySelectorAll("[data-slot]")) slots[+e.getAttribute("data-slot")] = e;
    shown = slots.map((_, i) => i);       // the base drawing shows pool[i] in slot i
    slots.forEach((e, i) => parsed.set(i, e));
    // The moving dots get an SVG of their own on top of the drawing, with the same size and
    // coordinates: a frame of the animation then repaints that small layer, not the drawing.
    let flow;
    [flow, overlay] = twin(svg, frame, "adstep-flow");
    overlay.setAttribute("class", "adstep-overlay");
    layer.replaceChildren(flow);
  }

  function swap(slot, id) {
    if (shown[slot] === id) return;
    const fresh = fragment(id);
    slots[slot].replaceWith(fresh);
    slots[slot] = fresh;
    shown[slot] = id;
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
    if (initial) viewWidth = viewHeight = 0;   // its height may have changed: read it again
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

  const zoomBy = (factor) => zoomAt(factor, view.clientWidth / 2, view.clientHeight / 2);
  return { load, swap, animate, fit, follow, zoomBy };
}
