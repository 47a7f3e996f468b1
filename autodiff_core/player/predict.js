// Predict mode (part of the player's module, see table.js): the player asks before it tells.
//
// With predict mode on, stepping forward one step onto a step with a number to predict (its
// data's `ask`, from autodiff_core.player.predict) shows that step with its number hidden:
// its nodes drawn with "?" (in reverse mode the running total too), its table cells "?", the
// head's numbers line the question ("ẇ¹₁ = ?", "w̄⁰₁ += ?"). The student types a number and
// presses Enter; it is graded here, in the browser: right is the number as the player shows it,
// or within 1e-6 of it relatively. Right: the step is shown and animates. Wrong: a hint (the
// rule with the numbers it reads, the result left out), then try again or reveal. A step
// with nothing to predict (forward mode's seed step, an input's value) just plays. The score
// is "k of n right": n steps answered or revealed, k of them right the first time.
//
// The contract: the toggle's aria-label "predict mode" (aria-pressed), the input's "your
// prediction", the verdict a role="status" element of class adstep-verdict; the root's
// data-predict is "on", "pending" (a question open) or absent (off).
//
// createPredict(root, host, api) -> {el, button, load(data), set(on, user), before(j), asks(j),
//                                    hide(j), unhide(), texts(s, j), nudge(), on, pending}
//   host.onPredict(on)  called after the user turned predict mode on or off (optional)
//   api: {stage, table, index() -> k, next(), reveal()}: the player's
const SHOWN_DIGITS = 6;        // the player's numbers: 6 significant digits (notation.number)
const RELATIVE = 1e-6;
const INTRO = "Predict mode: press → (or Enter in this box) for the next step, then type the number it computes.";
const SUPERSCRIPT = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
  "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+" };

// A number as a student types it: 5, −0.416147 (a typographic minus too), .5, 1.5e-7,
// 1.5·10⁻⁷ (as the player writes it), 1.5×10^-7, 1.5*10**-7, 0,5, 1/3, ∞; null if not one.
function readNumber(text) {
  let t = String(text).trim().replace(/[\u2212\u2012\u2013\u2014]/g, "-").replace(/\s+/g, "");
  t = t.replace(/[·×x*]10(?:\^|\*\*)?([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+|[-+]?\d+)$/i,
    (_, e) => "e" + [...e].map((c) => SUPERSCRIPT[c] || c).join(""));
  if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(",", ".");
  const inf = /^([-+]?)(∞|inf|infinity)$/i.exec(t);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  const frac = /^([^/]+)\/([^/]+)$/.exec(t);
  if (frac) {
    const p = readNumber(frac[1]), q = readNumber(frac[2]);
    return p === null || q === null || q === 0 ? null : p / q;
  }
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : null;
}

// The significant digits a typed number gives: "0.84" 2, "5" 1, "1.50" 3, "500" 1.
function digitsGiven(text) {
  const m = String(text).trim().replace(/^[-+\u2212]/, "").split(/[eE·×*]/)[0];
  let d = m.replace(".", "").replace(/^0+/, "");
  if (!m.includes(".")) d = d.replace(/0+$/, "");
  return Math.max(1, d.length);
}

// Whether x is the answer [value, shown]: the number as shown, or within RELATIVE of it.
function matches(x, [v, shown]) {
  if (!Number.isFinite(v)) return x === v;
  if (x === v || Math.abs(x - v) <= RELATIVE * Math.abs(v)) return true;
  const s = readNumber(shown);
  return s !== null && Number.isFinite(x) && (x === s || Number(x.toPrecision(SHOWN_DIGITS)) === s);
}

// Right to the fewer digits typed (at least 2): off by less than one unit in the last of them.
function close(text, x, [v]) {
  const d = digitsGiven(text);
  if (d < 2 || d >= SHOWN_DIGITS || !v || !Number.isFinite(v)) return false;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(v))) - d + 1);
  return Math.abs(x - v) < unit;
}

function createPredict(root, host, api) {
  const button = el("button", { type: "button", "aria-label": "predict mode", "aria-pressed": "false",
    title: "predict mode: type each step's number before it is shown (P)" }, "predict");
  const bar = el("div", { class: "adstep-predict", hidden: "" });
  const row = el("div", { class: "adstep-predict-row" });
  const id = uid("guess");
  const label = el("label", { for: id, class: "adstep-predict-label" }, "your prediction");
  const input = el("input", { type: "text", id, "aria-label": "your prediction", inputmode: "decimal",
    autocomplete: "off", spellcheck: "false", class: "adstep-guess" });
  const check = el("button", { type: "button", "aria-label": "check", title: "check your prediction (Enter)" }, "check");
  const reveal = el("button", { type: "button", "aria-label": "reveal", title: "show the step without answering" }, "reveal");
  const score = el("span", { class: "adstep-score" });
  // role "status": a polite, atomic live region of its own (the head's says what a step shows)
  const verdict = el("div", { class: "adstep-verdict", role: "status" });
  row.append(label, input, check, reveal, score);
  bar.append(row, verdict);

  let D = null;
  let on = false, wanted = false;
  let pending = 0;           // the step shown with its number hidden, or 0
  let tried = false;         // the pending step has had a wrong answer
  let results = new Map();   // step -> "right" | "wrong" | "revealed": the first time it was settled

  const askOf = (j) => (D && j >= 1 && j <= D.n ? D.steps[j - 1].ask || null : null);
  const available = () => !!D && D.steps.some((s) => s.ask);

  function load(data) {
    D = data;
    pending = 0;
    results = new Map();
    const can = available();
    button.disabled = !can;
    button.title = can ? "predict mode: type each step's number before it is shown (P)"
      : D.n > (D.predict_max || Infinity) ? `predict mode: only for sweeps of up to ${D.predict_max} steps`
        : "predict mode: this sweep has no number to predict";
    say("");
    set(wanted, null);
    if (on) say(INTRO);
  }
  function set(want, user = true) {
    wanted = !!want;
    const next = wanted && available();
    if (!next && pending) api.reveal();    // the hidden number shown
    on = next;
    button.setAttribute("aria-pressed", String(on));
    bar.hidden = !on;
    state();
    paintScore();
    if (on && user !== null) say(INTRO);
    if (user && host.onPredict) setTimeout(() => { try { host.onPredict(on); } catch (e) { /* no kernel */ } });
  }
  function state() {
    if (on) root.setAttribute("data-predict", pending ? "pending" : "on"); else root.removeAttribute("data-predict");
    check.disabled = reveal.disabled = !pending;
    input.placeholder = pending ? "a number, then Enter" : "Enter: next step";
  }
  function paintScore() {
    const right = [...results.values()].filter((r) => r === "right").length;
    score.textContent = results.size ? `${right} of ${results.size} right` : "";
  }
  function say(html) {
    verdict.innerHTML = "";
    verdict.innerHTML = html;
  }

  // Step j (just shown, its changes applied) with its number hidden.
  function hide(j) {
    const a = askOf(j);
    if (!a) return;
    pending = j;
    tried = false;
    api.stage.swap(new Map(a.mask.map(([slot, masked]) => [slot, masked])));
    for (const [r, c, masked] of a.cells) api.table.set(r, c, masked);
    input.value = "";
    say("");
    state();
    input.focus({ preventScroll: true });
  }
  // Put the hidden number back (the step stays shown).
  function unhide() {
    const a = askOf(pending);
    pending = 0;
    if (a) {
      api.stage.swap(new Map(a.mask.map(([slot, , real]) => [slot, real])));
      for (const [r, c, , real] of a.cells) api.table.set(r, c, real);
    }
    state();
  }
  // What the head shows for a step: while its number is hidden, the question for the numbers
  // and no note (the last step's note says the result).
  const texts = (s, j) => (j && j === pending ? { ...s, numbers: askOf(j).question, note: "" } : s);

  function settle(result, html) {
    const j = pending;
    if (!results.has(j)) results.set(j, result);
    paintScore();
    api.reveal();      // shows the step (unhides first), animated
    const end = j === D.n ? ` All ${D.n} steps done: ${score.textContent}.` : "";
    say(html + end);
    input.value = "";
    input.focus({ preventScroll: true });
  }
  function submit() {
    if (!on) return;
    if (!pending) {   // nothing open: Enter takes the next step (which may ask)
      if (api.index() < D.n) api.next(); else say(`This is the last step. ${score.textContent}`);
      return;
    }
    const a = askOf(pending), step = D.steps[pending - 1];
    const typed = input.value.trim(), shown = escapeAttr(typed);
    if (!typed) { say(`Type your prediction of ${a.question} first, then press Enter.`); return; }
    const x = readNumber(typed);
    if (x === null) {
      say(`<b>I can't read “${shown}” as a number.</b> Type one like 5, −0.416147, 1.5e−7 or 1/3.`);
      return;
    }
    if (matches(x, a.answer)) {
      settle(tried ? "wrong" : "right", `<b class="adstep-ok">✓ Right${tried ? " this time" : ""}.</b> <span class="adstep-math">${step.numbers}</span>` +
        (tried ? " (The score counts first tries.)" : ""));
      return;
    }
    if (a.total && matches(x, a.total)) { say(`<b>Almost: ${shown}.</b> ${a.slip}`); return; }
    if (close(typed, x, a.answer)) {
      say(`<b>Close: ${shown}</b> is right to the digits you gave. Type ${SHOWN_DIGITS} significant ` +
        "digits, as the player shows numbers (or the exact value).");
      return;
    }
    const sign = a.answer[0] !== 0 && matches(-x, a.answer) ? " Check the sign." : "";
    say(`<b class="adstep-no">✗ Not ${shown}.</b>${sign} Hint: <span class="adstep-math">${a.hint}</span> Try again, or reveal.`);
    tried = true;
  }
  // Before the player goes to step j: null to stay (one step on while a number is hidden: answer
  // or reveal first), else whether step j is to be shown with its number hidden.
  function before(j) {
    const one = !!D && j === api.index() + 1 && j <= D.n;
    if (one && pending) { nudge(); return null; }
    if (one && on && !askOf(j)) say(`Nothing to predict at step ${j}: it is given. → (or Enter here) for the next step.`);
    return one && on && !!askOf(j);
  }
  // Stepping on while a number is hidden: answer (or reveal) first.
  function nudge() {
    say(`Predict ${askOf(pending).question} first: type it and press Enter, or reveal.`);
    input.focus({ preventScroll: true });
  }

  button.onclick = () => set(!on);
  check.onclick = submit;
  reveal.onclick = () => {
    if (pending) settle("revealed", `<b>Shown:</b> <span class="adstep-math">${D.steps[pending - 1].numbers}</span>`);
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.isComposing) { e.preventDefault(); submit(); }
    else if (e.key === "Escape" && !root.classList.contains("adstep-presenting")) root.focus({ preventScroll: true });
    else return;
    e.stopPropagation();
  });

  return {
    el: bar, button, load, set, before, hide, unhide, texts, nudge,
    focus: () => input.focus({ preventScroll: true }),
    // Whether stepping onto step j asks first.
    asks: (j) => on && !!askOf(j),
    get on() { return on; },
    get pending() { return pending; },
  };
}
