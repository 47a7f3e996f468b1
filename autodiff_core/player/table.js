// The player's table (part of the player's module: autodiff_core.player.module() joins the
// player's files into one ES module; `el` is player.js's).
//
// Every cell lives here as data; only the rows in the scroll area's view (and a few either
// side) are in the page, between two spacer rows that give the scroll area its full height.
// Columns are sized once, from the widest cell, and every row has one height: the tallest of
// the rows' shapes (a name with stacked scripts, w⁰₁₉, is taller than w²), measured once, so
// row r is at r × height and the current row is always scrolled into view. A reverse sweep's
// adjoint that has some but not all of its contributions is marked partial (data-partial).
const ROW_MARGIN = 8;   // rows drawn beyond each edge of the view

const textLength = (html) => html.replace(/<[^>]*>/g, "").replace(/&[#\w]+;/g, "_").length;
// The shape of a cell: its markup with the text taken out (rows of one shape have one height).
const shapeOf = (html) => html.replace(/>[^<]+</g, "><").replace(/^[^<]+|[^>]+$/g, "");

// How a screen reader should say a node's name: w0_1 is "w, level 0, index 1".
function spokenName(name) {
  const m = /^w(\d+)(?:_(\d+))?$/.exec(name);
  if (m) return `w, level ${m[1]}` + (m[2] ? `, index ${m[2]}` : "");
  const s = /^([A-Za-z]+)_?(\d+)$/.exec(name);
  if (s) return `${s[1]}, index ${s[2]}`;
  return name.replace(/_/g, " ");
}

function createTable(box) {
  const table = el("table", { class: "adstep-table" });
  const caption = el("caption", { class: "adstep-sr" });
  const cols = el("colgroup");
  const thead = el("thead");
  const tbody = el("tbody");
  table.append(caption, cols, thead, tbody);
  box.append(table);
  let cells = [], final = [], names = [], current = new Set(), partialColumn = -1;
  let widest = [], shapes = [], sized = false, width = 0;
  let rowH = 24, headH = 28, viewH = 460, top = 0, from = 0, to = 0;
  const pad = () => {
    const tr = el("tr", { class: "adstep-pad", "aria-hidden": "true" });
    tr.append(el("td", { colspan: "64" }));
    return tr;
  };
  const padTop = pad(), padBottom = pad();

  const partial = (r, c) => c === partialColumn && !final[r] && cells[r][c] !== "?";
  function cellHTML(r, c) {
    const html = cells[r][c];
    if (c === 0) return `<th scope="row" aria-label="${escapeAttr(spokenName(names[r]))}">${html}</th>`;
    if (html === "?") return '<td class="unknown">?</td>';
    return partial(r, c) ? `<td class="adstep-partial" data-partial="true">${html}</td>` : `<td>${html}</td>`;
  }
  function row(r) {
    const tr = document.createElement("tr");
    tr.setAttribute("data-node", names[r]);
    tr.setAttribute("aria-rowindex", String(r + 2));   // the head is row 1
    if (final[r]) tr.className = "final";
    if (current.has(r)) {
      tr.classList.add("current");
      tr.setAttribute("aria-current", "step");
    }
    tr.innerHTML = cells[r].map((_, c) => cellHTML(r, c)).join("");
    return tr;
  }
  // Put the rows in view `top` px down into the page (nothing if they are there already).
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

  // columns: their headings; rows, finals: the table at step 0; more: [column, html] of every
  // value a later step writes (the columns must have room for it); partialCol: the column
  // whose known values are partial until the row is final (-1: none).
  function load(columns, rows, finals, rowNames, more, partialCol = -1) {
    cells = rows.map((r) => r.slice());
    final = finals.slice();
    names = rowNames;
    partialColumn = partialCol;
    current = new Set();
    widest = columns.slice();
    const seen = new Map();   // shape of a row's cells -> one row of that shape
    const consider = (c, html) => { if (textLength(html) > textLength(widest[c])) widest[c] = html; };
    for (const r of cells) {
      r.forEach((html, c) => consider(c, html));
      const shape = r.map(shapeOf).join("|");
      if (!seen.has(shape)) seen.set(shape, r);
    }
    const later = new Map();   // a later value's shape, per column
    for (const [c, html] of more) {
      consider(c, html);
      const shape = shapeOf(html);
      if (!later.has(shape)) later.set(shape, [c, html]);
    }
    shapes = [...seen.values(), ...[...later.values()].map(([c, html]) => widest.map((w, i) => (i === c ? html : "x")))];
    caption.textContent = `Trace table: one row per node, ${cells.length} rows; the current row is marked.`;
    table.setAttribute("aria-rowcount", String(cells.length + 1));
    thead.innerHTML = `<tr aria-rowindex="1">${columns.map((c) => `<th scope="col">${c}</th>`).join("")}</tr>`;
    sized = false;
    size();
    top = box.scrollTop = 0;
    draw(true);
  }
  // Size the columns once, from a row of the widest cells, and the rows from one row of each
  // shape, then fix them (table-layout: fixed): a changed cell then never lays out the other
  // rows. Not possible while the table is not shown; the ResizeObserver calls again when it is.
  function size() {
    if (sized || !cells.length || !box.isConnected || !box.getClientRects().length) return;
    cols.replaceChildren();
    table.style.tableLayout = "auto";
    table.style.width = "";
    table.style.removeProperty("--adstep-row-h");
    const probe = (r) => `<tr>${r.map((c, i) => (i ? `<td class="adstep-partial">${c}</td>` : `<th>${c}</th>`)).join("")}</tr>`;
    tbody.innerHTML = probe(widest) + shapes.map(probe).join("");
    const widths = [...tbody.rows[0].cells].map((td) => td.getBoundingClientRect().width);
    if (!widths.some((w) => w > 0)) return;
    const fixed = widths.map((w) => Math.ceil(w) + 6);   // and a number a little wider
    rowH = Math.max(1, ...[...tbody.rows].map((tr) => Math.ceil(tr.getBoundingClientRect().height)));
    headH = thead.getBoundingClientRect().height;
    for (const w of fixed) cols.append(el("col", { style: `width: ${w}px` }));
    width = fixed.reduce((x, y) => x + y, 0);
    table.style.width = `${width}px`;
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
    if (c === 0) { td.innerHTML = html; return; }
    td.innerHTML = html;
    td.classList.toggle("unknown", html === "?");
    const p = partial(r, c);
    td.classList.toggle("adstep-partial", p);
    if (p) td.setAttribute("data-partial", "true"); else td.removeAttribute("data-partial");
  }
  function setFinal(r, f) {
    final[r] = !!f;
    const tr = live(r);
    if (!tr) return;
    tr.classList.toggle("final", !!f);
    if (partialColumn >= 0) set(r, partialColumn, cells[r][partialColumn]);
  }
  // Mark rows `rs` (none: []) and scroll the first of them into view: rows have one height,
  // so row r is r × that height below the head.
  function mark(rs) {
    const next = new Set(rs);
    for (const r of current) if (!next.has(r)) { current.delete(r); refreshMark(r, false); }
    for (const r of next) if (!current.has(r)) { current.add(r); refreshMark(r, true); }
    if (!rs.length) return;
    const r = rs[0];
    const y = r * rowH;
    const room = Math.max(rowH, viewH - headH);
    const m = Math.max(0, Math.min(2 * rowH, (room - rowH) / 4));   // rows of context around it
    let want = top;
    if (y - m < top) want = Math.max(0, y - m);
    else if (y + rowH + m > top + room) want = Math.min(y + rowH + m - room, Math.max(0, cells.length * rowH - room));
    if (want !== top) {
      top = want;
      draw();
      box.scrollTop = top;
    }
  }
  function refreshMark(r, on) {
    const tr = live(r);
    if (!tr) return;
    tr.classList.toggle("current", on);
    if (on) tr.setAttribute("aria-current", "step"); else tr.removeAttribute("aria-current");
  }
  box.addEventListener("scroll", () => { top = box.scrollTop; draw(); }, { passive: true });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      if (!sized) size();
      viewH = box.clientHeight || viewH;
      // a hidden box cannot scroll: shown again, it goes back to where the current row is
      if (box.clientHeight && Math.abs(box.scrollTop - top) > 1) box.scrollTop = top;
      draw();
    }).observe(box);
  }
  // Measure again (the font changed: presenter mode).
  function resize() {
    sized = false;
    size();
  }
  return {
    load, set, setFinal, mark, resize,
    get width() { return width; },
    get rowHeight() { return rowH; },
  };
}
