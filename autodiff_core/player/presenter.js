// Presenter mode and the theme (part of the player's module, see table.js).
//
// Presenter mode gives the player the whole screen: the Fullscreen API where the page allows
// it (it needs a user's gesture), otherwise a full-window overlay (the root moved into a modal
// <dialog>, which sits above everything on the page, whatever contains the player). The root
// then carries the class adstep-presenting and data-presenter="fullscreen" | "overlay"; Esc
// (or F, or the button) leaves it.
//
// The theme: data-theme="light" | "dark" on the root, followed as it changes. "jupyter":
// JupyterLab's (body[data-jp-theme-light]), or VS Code's (body.vscode-dark), else light;
// "system": the browser's prefers-color-scheme (the exported page).

function createPresenter(root, onChange) {
  let how = null;          // null, "fullscreen" or "overlay"
  let dialog = null, mark = null;

  function set(value) {
    how = value;
    root.classList.toggle("adstep-presenting", !!how);
    if (how) root.setAttribute("data-presenter", how); else root.removeAttribute("data-presenter");
    onChange(!!how);
  }
  function overlay() {
    dialog = document.createElement("dialog");
    dialog.className = "adstep-presenter-dialog";
    dialog.setAttribute("aria-label", root.getAttribute("aria-label") || "step-through");
    mark = document.createComment("adstep-player");
    root.replaceWith(mark);
    dialog.append(root);
    document.body.append(dialog);
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); leave(); });
    dialog.showModal();
    set("overlay");
    root.focus({ preventScroll: true });
  }
  // Enter presenter mode: full screen if `fullscreen` and the page allows it, else the overlay.
  function enter(fullscreen = true) {
    if (how) return Promise.resolve();
    if (fullscreen && document.fullscreenEnabled && root.requestFullscreen) {
      return root.requestFullscreen({ navigationUI: "hide" }).then(
        () => { set("fullscreen"); root.focus({ preventScroll: true }); },
        () => overlay());
    }
    overlay();
    return Promise.resolve();
  }
  function leave() {
    if (!how) return;
    const was = how;
    if (was === "fullscreen" && document.fullscreenElement === root) document.exitFullscreen().catch(() => {});
    if (was === "overlay" && dialog) {
      dialog.close();
      mark.replaceWith(root);
      dialog.remove();
      dialog = mark = null;
    }
    set(null);
    root.focus({ preventScroll: true });
  }
  // Leaving full screen by the browser's own means (Esc, F11) leaves presenter mode too.
  const onFullscreen = () => {
    if (how === "fullscreen" && document.fullscreenElement !== root) leave();
  };
  document.addEventListener("fullscreenchange", onFullscreen);
  return {
    enter, leave,
    toggle: () => (how ? (leave(), Promise.resolve()) : enter(true)),
    get on() { return !!how; },
    destroy() { document.removeEventListener("fullscreenchange", onFullscreen); leave(); },
  };
}

function watchTheme(root, source) {
  const body = document.body;
  let media = null, observer = null;
  const dark = () => {
    if (source === "system") return !!(media && media.matches);
    const jp = body.dataset.jpThemeLight;
    if (jp !== undefined) return jp === "false";
    return body.classList.contains("vscode-dark") || body.classList.contains("vscode-high-contrast");
  };
  const update = () => root.setAttribute("data-theme", dark() ? "dark" : "light");
  if (source === "system" && typeof matchMedia === "function") {
    media = matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", update);
  } else if (typeof MutationObserver === "function") {
    observer = new MutationObserver(update);
    observer.observe(body, { attributes: true, attributeFilter: ["data-jp-theme-light", "class"] });
  }
  update();
  return () => {
    if (media) media.removeEventListener("change", update);
    if (observer) observer.disconnect();
  };
}
