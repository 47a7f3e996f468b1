// The meter (part of the player's module, see table.js): the running counts a sweep may carry
// beside its drawing (data.meter; each step's, and the start's, "meter": its values), each a
// large number, its name and a bar out of its maximum. A checkpointed sweep's are the values
// held now, the most held so far and the operations recomputed so far. Each count is a
// role="meter" with its value; the box is not a live region: a manual step's speech says the
// counts (speech()), while playing nothing is said. Hidden for a sweep without counts.
function createMeter() {
  const box = el("div", { class: "adstep-meter", role: "group" });
  box.hidden = true;
  let parts = [];

  function load(D) {
    const m = D.meter;
    box.replaceChildren();
    parts = [];
    box.hidden = !m;
    if (!m) return;
    box.setAttribute("aria-label", m.label);
    box.append(el("span", { class: "adstep-meter-label", "aria-hidden": "true" }, m.label));
    for (const c of m.counts) {
      const item = el("div", {
        class: "adstep-count", role: "meter", "aria-label": c.name,
        "aria-valuemin": "0", "aria-valuemax": String(c.max),
      });
      const value = el("span", { class: "adstep-count-value" });
      const of = el("span", { class: "adstep-count-of", "aria-hidden": "true" }, `/ ${c.max}`);
      const name = el("span", { class: "adstep-count-name", "aria-hidden": "true" }, c.name);
      const bar = el("span", { class: "adstep-count-bar", "aria-hidden": "true" });
      const fill = el("span", { class: "adstep-count-fill" });
      bar.append(fill);
      item.append(value, of, name, bar);
      box.append(item);
      parts.push({ max: c.max, name: c.name, item, value, fill });
    }
    if (m.note) {
      const note = el("span", { class: "adstep-meter-note" });
      note.innerHTML = m.note;
      box.append(note);
    }
  }

  // Show step `s`'s counts (a step or the start).
  function show(s) {
    const v = s.meter;
    if (!v) return;
    parts.forEach((p, i) => {
      const n = v[i];
      p.value.textContent = String(n);
      p.item.setAttribute("aria-valuenow", String(n));
      p.item.setAttribute("aria-valuetext", `${n} of ${p.max}`);
      p.fill.style.width = `${p.max ? Math.min(100, (100 * n) / p.max) : 0}%`;
    });
  }

  // What a manual step says of the counts: "values held now 5 of 12, ...".
  const speech = (s) => (s.meter ? parts.map((p, i) => `${p.name} ${s.meter[i]} of ${p.max}`).join(", ") : "");

  return { el: box, load, show, speech };
}
