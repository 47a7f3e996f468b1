// The overview (part of the player's module, see table.js): a small map of the whole drawing
// in a corner of the view, shown while the drawing is bigger than the view. It draws every
// node's box, the part in view as a rectangle and the current nodes as marks; a click or a
// drag on it moves the view there. Hidden from screen readers: the keys pan as well.
const OVERVIEW = { normal: [200, 110], presenting: [300, 160] };   // px, at most
const OVERVIEW_MIN_H = 24;

function createOverview(view, moveTo) {
  const box = el("div", { class: "adstep-overview", "aria-hidden": "true", hidden: "" });
  const svg = document.createElementNS(SVG_NS, "svg");
  const make = (tag, cls) => {
    const e = document.createElementNS(SVG_NS, tag);
    e.setAttribute("class", cls);
    svg.append(e);
    return e;
  };
  const nodes = make("path", "adstep-ov-nodes");
  const frame = make("rect", "adstep-ov-view");
  const marks = make("path", "adstep-ov-focus");
  box.append(svg);
  view.append(box);
  let D = null, k = 1, oy = 0, w = 0, h = 0, shown = [];

  // Draw the drawing's nodes at the overview's scale (done once per drawing and size).
  function load(data, presenting) {
    D = data;
    const [mw, mh] = presenting ? OVERVIEW.presenting : OVERVIEW.normal;
    k = Math.min(mw / D.width, mh / D.height);
    w = Math.max(40, Math.round(D.width * k));
    h = Math.max(OVERVIEW_MIN_H, Math.round(D.height * k));
    oy = (h - D.height * k) / 2;
    svg.setAttribute("width", String(w));
    svg.setAttribute("height", String(h));
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    nodes.setAttribute("d", rects(D.boxes.map((_, i) => i), 1.5));
    mark(shown);
  }
  // A path of the boxes of nodes `list`, each at least `least` px.
  function rects(list, least) {
    let d = "";
    for (const i of list) {
      const b = D.boxes[i];
      if (!b) continue;
      const bw = Math.max(least, b[2] * k), bh = Math.max(least, b[3] * k);
      const x = b[0] * k - bw / 2, y = b[1] * k + oy - bh / 2;
      d += `M${x.toFixed(1)} ${y.toFixed(1)}h${bw.toFixed(1)}v${bh.toFixed(1)}h${(-bw).toFixed(1)}z`;
    }
    return d;
  }
  function mark(list) {
    shown = list;
    if (D) marks.setAttribute("d", rects(list, 6));
  }
  // The part in view: the stage's zoom and offset, the view's size; on: whether to show it.
  function update(scale, tx, ty, vw, vh, on) {
    box.hidden = !on;
    if (!on || !D) return;
    // the part in view, cut to the overview's edges (so all four sides show)
    const x = Math.max(0.75, (-tx / scale) * k), y = Math.max(0.75, (-ty / scale) * k + oy);
    const fw = Math.max(4, Math.min(w - 0.75, ((vw - tx) / scale) * k) - x);
    const fh = Math.max(4, Math.min(h - 0.75, ((vh - ty) / scale) * k + oy) - y);
    frame.setAttribute("x", x.toFixed(1));
    frame.setAttribute("y", y.toFixed(1));
    frame.setAttribute("width", fw.toFixed(1));
    frame.setAttribute("height", fh.toFixed(1));
  }

  let dragging = false;
  const go = (e) => {
    const r = svg.getBoundingClientRect();
    moveTo((e.clientX - r.left) / k, (e.clientY - r.top - oy) / k);
  };
  box.addEventListener("pointerdown", (e) => {
    e.stopPropagation();
    e.preventDefault();
    dragging = true;
    box.setPointerCapture(e.pointerId);
    go(e);
  });
  box.addEventListener("pointermove", (e) => { if (dragging) go(e); });
  const end = () => { dragging = false; };
  box.addEventListener("pointerup", end);
  box.addEventListener("pointercancel", end);
  box.addEventListener("wheel", (e) => e.stopPropagation());
  return {
    load, update, mark,
    get width() { return w + 10; },    // with its padding and border
    get height() { return h + 10; },
    get shown() { return !box.hidden; },
  };
}
