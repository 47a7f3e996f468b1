// The player's head (part of the player's module, see table.js): the step's caption, rule,
// numbers and note, in boxes of a fixed height, so the drawing below never moves. A rule or
// a line of numbers too long for its box is set smaller (down to MIN_FIT of its size); a note
// of more than two lines is clamped, with a "more" button that opens it over the drawing.
// Also the one polite live region: what a manual step says, "playing" / "paused".
const MIN_FIT = 0.6;

// Text for a screen reader from the player's HTML: scripts said as such (w¹₂ is "w super 1
// sub 2"), so w¹₂, w₁² and w¹² do not all read "w12".
function spoken(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  const walk = (n) => {
    if (n.nodeType === 3) return n.textContent;
    if (n.nodeType !== 1) return "";
    const say = n.getAttribute("data-say") || n.getAttribute("aria-label");
    if (say) return say;
    if (n.getAttribute("aria-hidden") === "true") {   // a mark drawn over letters: say which
      const cls = n.getAttribute("class") || "";
      return /\badm-bar\b/.test(cls) ? " bar " : /\badm-dot\b/.test(cls) ? " dot " : "";
    }
    const inner = [...n.childNodes].map(walk).join("");
    const tag = n.tagName.toLowerCase();
    if (tag === "sup") return ` super ${inner} `;
    if (tag === "sub") return ` sub ${inner} `;
    return inner;
  };
  return [...t.content.childNodes].map(walk).join("")
    .normalize("NFD")
    .replace(/\u0304/g, " bar").replace(/\u0307/g, " dot").replace(/\u0302/g, " hat")
    .normalize("NFC")
    .replace(/\s+/g, " ").trim();
}

function createHead(root) {
  const head = el("div", { class: "adstep-head" });
  const title = el("div", { class: "adstep-title" });
  const line = (cls) => {
    const box = el("div", { class: `adstep-line ${cls}` });
    const text = el("span", { class: "adstep-fit" });
    box.append(text);
    head.append(box);
    return [box, text];
  };
  head.append(title);
  const [captionBox, caption] = line("adstep-caption");
  const [ruleBox, rule] = line("adstep-rule");
  const [numbersBox, numbers] = line("adstep-numbers");
  const note = el("div", { class: "adstep-note" });
  const noteText = el("div", { class: "adstep-note-text", id: uid("note") });
  const more = el("button", { type: "button", class: "adstep-more", "aria-expanded": "false",
    "aria-controls": noteText.id, title: "show the whole note" }, "more");
  note.append(noteText, more);
  head.append(note);
  const live = el("div", { class: "adstep-sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  head.append(live);

  more.onclick = () => open(!note.classList.contains("adstep-open"));
  function open(on) {
    note.classList.toggle("adstep-open", on);
    more.textContent = on ? "less" : "more";
    more.setAttribute("aria-expanded", String(on));
    more.title = on ? "show the note's first lines only" : "show the whole note";
  }

  // Sizes are read by ResizeObservers, after the browser's own layout: nothing is measured
  // while a step changes the page.
  if (typeof ResizeObserver === "function") {
    const fits = new ResizeObserver((entries) => {
      for (const e of entries) {
        const span = e.target, box = span.parentElement;
        const natural = span.scrollWidth / (+span.dataset.fit || 1);
        const f = Math.max(MIN_FIT, Math.min(1, (box.clientWidth - 2) / (natural || 1)));
        if (Math.abs(f - (+span.dataset.fit || 1)) > 0.01) {
          span.dataset.fit = f.toFixed(3);
          span.style.fontSize = f < 1 ? `${(f * 100).toFixed(1)}%` : "";
        }
      }
    });
    for (const span of [caption, rule, numbers]) fits.observe(span);
    new ResizeObserver(() => {
      const long = noteText.scrollHeight > note.clientHeight + 2;
      note.classList.toggle("adstep-long", long);
      if (!long) open(false);
    }).observe(noteText);
  }

  // Show step `s` (a step or the start) of a sweep of n steps.
  function show(s, k) {
    caption.innerHTML = s.caption;
    rule.innerHTML = s.rule || (k === 0 ? '<span class="adstep-muted">Press → or ▶ to take the first step.</span>' : "");
    numbers.innerHTML = s.numbers && s.numbers !== s.rule ? s.numbers : "";
    noteText.innerHTML = s.note || "";
    captionBox.title = caption.textContent;
    open(false);
  }
  function say(text) {
    live.textContent = "";
    live.textContent = text;
  }
  // What a manual step says: its caption, rule and numbers.
  const speech = (s) => [s.caption, s.rule, s.numbers !== s.rule ? s.numbers : ""]
    .filter(Boolean).map(spoken).join(". ");
  function setTitle(html, sub) {
    title.innerHTML = html + (sub ? ` <span class="adstep-subtitle">${sub}</span>` : "");
  }
  return { el: head, show, say, speech, setTitle, close: () => open(false) };
}
