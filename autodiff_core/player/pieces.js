// The drawing's pieces (part of the player's module, see table.js): the drawing cut into
// same-coordinate SVGs by place, of which only those near the view are in the page.
//
// The data has one base SVG and a pool of SVG groups; slot s (a node or an edge) shows one
// pool group at a time. The base SVG keeps what belongs to no slot (background, legend);
// the slots are grouped by tile (TILE drawing units square) and by run of the base's
// document order (edges under nodes stay under), at most PIECE to a piece. A piece near the
// view is filled from the pool with one parse; one that leaves it is emptied. So a big
// drawing costs the page only what is near the view: a step swaps the few groups it changes
// in the pieces that are filled, a jump fills the pieces around its new place, and visiting
// every step leaves the page no bigger than it was.
const TILE = 1600;
const PIECE = 150;         // groups per piece at most
const LRU = 240;           // parsed groups kept for stepping back and forth
const NODE_MARGIN = 12, EDGE_MARGIN = 48;   // around a group's box: decorations, labels
const FADE_IN = [{ opacity: 1 }, { opacity: 0 }];   // a cover over the new number fades out

// The box [x0, y0, x1, y1] of an SVG group's text, from the coordinates in its attributes
// (absolute path commands, polygon points, x/y, rects); null if a path is relative or arced.
function boxOf(svg) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const add = (x, y) => {
    if (x < x0) x0 = x; if (x > x1) x1 = x;
    if (y < y0) y0 = y; if (y > y1) y1 = y;
  };
  for (const m of svg.matchAll(/\s(d|points)="([^"]*)"/g)) {
    if (m[1] === "d" && /[a-zA-Z]/.test(m[2].replace(/[MCLQST]/g, ""))) return null;
    const v = m[2].match(/-?\d*\.?\d+(?:e-?\d+)?/g) || [];
    for (let i = 0; i + 1 < v.length; i += 2) add(+v[i], +v[i + 1]);
  }
  for (const m of svg.matchAll(/\s(?:c?x)="(-?[\d.]+)"\s+(?:c?y)="(-?[\d.]+)"(?:\s+width="([\d.]+)"\s+height="([\d.]+)")?/g)) {
    add(+m[1], +m[2]);
    if (m[3]) add(+m[1] + +m[3], +m[2] + +m[4]);
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

function createPieces(canvas, layer) {
  let D = null;
  let pieces = [];         // {slots, box, svg, g, live}
  let pieceOf = [];        // slot -> its piece
  let slotEl = [];         // slot -> its element, while its piece is in the page
  let shown = [];          // slot -> pool index shown
  let cache = new Map();   // pool index -> a parsed group not in the page (least recently used first)
  let overlay = null;      // the dots' layer's <g>
  let nodes = 0;
  const scratch = document.createElementNS(SVG_NS, "g");

  // Parse pool groups `ids` in one go (cached ones are taken from the cache).
  function parse(ids) {
    const out = new Map(), need = [];
    for (const id of ids) {
      const e = cache.get(id);
      if (e) { cache.delete(id); out.set(id, e); } else need.push(id);
    }
    if (need.length) {
      scratch.innerHTML = need.map((id) => D.pool[id]).join("");
      const got = [...scratch.children];
      need.forEach((id, i) => out.set(id, got[i]));
      scratch.replaceChildren();
    }
    return out;
  }
  function keep(id, e) {
    cache.set(id, e);
    if (cache.size > LRU) cache.delete(cache.keys().next().value);
  }

  // An empty SVG with the drawing's attributes (fonts, class, data-*) and coordinates, showing
  // `box` of it (null: all of it): [its root, its <g> to fill].
  function twin(svg, frame, box, cls) {
    const root = document.createElementNS(SVG_NS, "svg");
    for (const a of svg.attributes) {
      if (!/^(width|height|viewBox|style|role|id|aria-.*)$/.test(a.name)) root.setAttribute(a.name, a.value);
    }
    const [x0, y0, x1, y1] = box || [0, 0, D.width, D.height];
    root.setAttribute("viewBox", `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
    root.setAttribute("width", String(x1 - x0));
    root.setAttribute("height", String(y1 - y0));
    root.setAttribute("class", `${svg.getAttribute("class") || ""} ${cls}`.trim());
    root.setAttribute("aria-hidden", "true");
    root.style.left = `${x0}px`;
    root.style.top = `${y0}px`;
    const g = document.createElementNS(SVG_NS, "g");
    if (frame !== svg && frame.hasAttribute("transform")) g.setAttribute("transform", frame.getAttribute("transform"));
    root.append(g);
    return [root, g];
  }

  // Read the base drawing; nothing goes into the page until show() (the caller measures first).
  function load(data) {
    D = data;
    cache = new Map();
    nodes = D.boxes.length;
    const t = document.createElement("template");
    t.innerHTML = D.svg;
    const svg = t.content.querySelector("svg");
    svg.removeAttribute("style");          // natural size: the viewport zooms and pans
    svg.removeAttribute("role");
    svg.setAttribute("aria-hidden", "true");
    for (const title of svg.querySelectorAll(":scope > title")) title.remove();
    const frame = svg.querySelector(":scope > g[transform]") || svg;
    const m = /^\s*translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)\s*$/.exec(frame.getAttribute("transform") || "translate(0,0)");
    const [fx, fy] = m ? [+m[1], +m[2]] : [0, 0];
    const all = [...svg.querySelectorAll("[data-slot]")];
    if (all.some((e) => e.parentNode !== frame)) return whole(svg, frame, all);
    const order = [], kinds = [];
    for (const e of [...frame.children]) {
      if (!e.hasAttribute("data-slot")) continue;
      order.push(+e.getAttribute("data-slot"));
      kinds.push(e.hasAttribute("data-node") ? "n" : "e");
      e.remove();
    }
    const count = order.length ? Math.max(...order) + 1 : 0;
    shown = Array.from({ length: count }, (_, i) => i);   // the base shows pool[s] in slot s
    slotEl = new Array(count).fill(null);
    // each slot's box in the drawing's coordinates (unknown: all of it, always shown)
    const everywhere = [0, 0, D.width, D.height];
    const boxes = order.map((s, i) => {
      if (kinds[i] === "n" && D.boxes[s]) {
        const [cx, cy, w, h] = D.boxes[s];
        return [cx - w / 2 - NODE_MARGIN, cy - h / 2 - NODE_MARGIN, cx + w / 2 + NODE_MARGIN, cy + h / 2 + NODE_MARGIN];
      }
      const b = m && boxOf(D.pool[s]);
      return b ? [b[0] + fx - EDGE_MARGIN, b[1] + fy - EDGE_MARGIN, b[2] + fx + EDGE_MARGIN, b[3] + fy + EDGE_MARGIN] : everywhere;
    });
    // group: by run of one kind in document order, then by tile, at most PIECE each (the
    // lists come out in document order of their first group, so runs keep their order)
    const open = new Map(), lists = [];
    let run = 0;
    order.forEach((s, i) => {
      if (i && kinds[i] !== kinds[i - 1]) run++;
      const b = boxes[i];
      const key = `${run}:${Math.floor((b[0] + b[2]) / 2 / TILE)}:${Math.floor((b[1] + b[3]) / 2 / TILE)}`;
      let list = open.get(key);
      if (!list || list.length >= PIECE) {
        list = [];
        open.set(key, list);
        lists.push(list);
      }
      list.push(i);
    });
    pieceOf = new Array(count);
    pieces = lists.map((list) => {
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (const i of list) {
        const b = boxes[i];
        box[0] = Math.min(box[0], b[0]); box[1] = Math.min(box[1], b[1]);
        box[2] = Math.max(box[2], b[2]); box[3] = Math.max(box[3], b[3]);
      }
      const [piece, g] = twin(svg, frame, box.map((v) => Math.round(v)), "adstep-piece");
      piece.style.display = "none";
      const p = { slots: list.map((i) => order[i]), box, svg: piece, g, live: false };
      for (const s of p.slots) pieceOf[s] = p;
      return p;
    });
    return finish(svg, frame);
  }
  // A drawing whose slots are not all in one group is kept whole, as it is: one piece.
  function whole(svg, frame, all) {
    shown = [];
    slotEl = [];
    for (const e of all) {
      const s = +e.getAttribute("data-slot");
      shown[s] = s;
      slotEl[s] = e;
    }
    pieces = [];
    return finish(svg, svg);
  }
  function finish(svg, frame) {
    svg.classList.add("adstep-base");
    const [flow, g] = twin(svg, frame, null, "adstep-flow");
    overlay = g;
    overlay.setAttribute("class", "adstep-overlay");
    return { base: svg, flow };
  }

  // Put the drawing into the page: the base SVG and the (empty) pieces.
  function attach({ base, flow }) {
    canvas.replaceChildren(base, ...pieces.map((p) => p.svg));
    layer.replaceChildren(flow);
  }
  function clear() {
    canvas.replaceChildren();
    layer.replaceChildren();
    pieces = [];
    D = null;
  }

  function fill(p) {
    p.g.innerHTML = p.slots.map((s) => D.pool[shown[s]]).join("");
    const got = p.g.children;
    p.slots.forEach((s, i) => { slotEl[s] = got[i]; });
    p.svg.style.display = "";
    p.live = true;
  }
  function empty(p) {
    p.svg.style.display = "none";
    p.g.replaceChildren();
    for (const s of p.slots) slotEl[s] = null;
    p.live = false;
  }
  // Fill the pieces that meet `rect` ([x0, y0, x1, y1] in the drawing; null: all of them) and
  // empty the others.
  function show(rect) {
    for (const p of pieces) {
      const b = p.box;
      const want = !rect || (b[0] <= rect[2] && b[2] >= rect[0] && b[1] <= rect[3] && b[3] >= rect[1]);
      if (want && !p.live) fill(p);
      else if (!want && p.live) empty(p);
    }
  }

  // Show pool group `id` in `slot`, for each [slot, id] of `changes`.
  function swap(changes) {
    const todo = [];
    for (const [slot, id] of changes) {
      if (shown[slot] === id) continue;
      if (slotEl[slot]) todo.push([slot, id, shown[slot]]);
      shown[slot] = id;
    }
    if (!todo.length) return;
    const fresh = parse(todo.map((c) => c[1]));
    for (const [slot, id, was] of todo) {
      const old = slotEl[slot], e = fresh.get(id);
      old.replaceWith(e);
      keep(was, old);
      slotEl[slot] = e;
    }
  }

  // -- animation: the quantity travels along its edges, the new number fades in --------------
  function animate(step, focus, ms) {
    overlay.replaceChildren();
    const back = step.back ?? D.back;   // a checkpointed sweep's steps say which way
    for (const e of step.flow) {
      const path = slotEl[nodes + e] && slotEl[nodes + e].querySelector("path");
      if (!path || !path.getTotalLength) continue;
      let length = -1;   // measured in the first frame: reading it now would force a layout
      const dot = document.createElementNS(SVG_NS, "circle");
      dot.setAttribute("r", "7");
      dot.setAttribute("class", "adstep-dot");
      overlay.append(dot);
      const t0 = performance.now();
      const move = (now) => {
        if (!dot.isConnected) return;
        if (length < 0) length = path.getTotalLength();
        const t = Math.min(1, (now - t0) / ms);
        const p = path.getPointAtLength(length * (back ? 1 - t : t));
        dot.setAttribute("cx", p.x.toFixed(1));
        dot.setAttribute("cy", p.y.toFixed(1));
        if (t < 1) requestAnimationFrame(move); else dot.remove();
      };
      requestAnimationFrame(move);
    }
    for (const node of focus) {
      const target = slotEl[node];
      if (!target) continue;
      target.classList.add("adstep-fresh");
      requestAnimationFrame(() => fadeIn(target, ms));
    }
  }
  // The new number fades in: a cover of its box's colour, on the dots' layer, fades out over
  // it (animating the number itself would repaint the whole drawing on every frame).
  function fadeIn(target, ms) {
    if (!target.isConnected) { target.classList.remove("adstep-fresh"); return; }
    const box = target.querySelector("rect");
    let fill = box ? getComputedStyle(box).fill : "";
    if (!fill || fill === "none" || fill.startsWith("url")) fill = "var(--adstep-bg, #ffffff)";
    let covers = 0;
    const done = () => { if (--covers <= 0) target.classList.remove("adstep-fresh"); };
    for (const q of target.querySelectorAll("[data-q]")) {
      const b = q.getBBox();
      const cover = document.createElementNS(SVG_NS, "rect");
      const at = { x: b.x - 1, y: b.y - 1, width: b.width + 2, height: b.height + 2, class: "adstep-cover" };
      for (const [name, v] of Object.entries(at)) cover.setAttribute(name, typeof v === "number" ? v.toFixed(1) : v);
      cover.style.fill = fill;
      overlay.append(cover);
      covers++;
      const a = cover.animate(FADE_IN, { duration: 200, delay: Math.round(ms * 0.7), easing: "ease-out", fill: "both" });
      a.onfinish = a.oncancel = () => { cover.remove(); done(); };
    }
    if (!covers) target.classList.remove("adstep-fresh");
  }

  return {
    load, attach, clear, show, swap, animate,
    element: (slot) => slotEl[slot],
    get count() { return pieces.length; },
  };
}
