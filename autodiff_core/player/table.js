// The player's table (part of the player's module: autodiff_core.player.module() joins
// player.js, table.js and stage.js into one ES module; `el` is player.js's).

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
  return { load, set, setFinal, mark };
}
