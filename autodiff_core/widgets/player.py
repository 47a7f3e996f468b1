"""The player as a notebook widget: anywidget serves the player's ES module.

:class:`Player` holds two synced values: ``payload`` (one sweep's player data,
packed by :func:`autodiff_core.player.pack`, sent once per sweep) and ``index``
(the step shown). Stepping happens in the browser and only then updates
``index``, so no click waits for the kernel, and a saved notebook (with its
widget state) steps with no kernel at all. The player follows JupyterLab's light or
dark theme, its view can be made taller (drag its corner), and presenter mode (F)
shows it full screen. ``predict`` is predict mode, on or off (the player's own toggle
changes it too): each step's number hidden until the student has typed it, and graded in the
browser.
"""

from __future__ import annotations

import json

import anywidget
from traitlets import Bool, Int, Unicode

from ..player import module, styles
from ..player.help import help_items

_GLUE = """
export default {
  async render({ model, el }) {
    const root = document.createElement("div");
    el.append(root);
    const player = createPlayer(root, {
      onIndex(k) { model.set("index", k); model.save_changes(); },
      onPredict(on) { model.set("predict", on); model.save_changes(); },
      help: HELP,
    });
    player.setPredict(model.get("predict"));
    model.on("change:predict", () => {
      if (model.get("predict") !== player.predicting) player.setPredict(model.get("predict"));
    });
    player.setSpeed(model.get("speed"));
    model.on("change:speed", () => player.setSpeed(model.get("speed")));
    let latest = 0;
    async function load() {
      const mine = ++latest;
      const payload = model.get("payload");
      if (!payload) return;
      const data = await unpack(payload);
      if (mine === latest) player.load(data, model.get("index"));
    }
    model.on("change:payload", load);
    model.on("change:index", () => {
      const k = model.get("index");
      if (k !== player.index) player.show(k);
    });
    await load();
    return () => player.destroy();
  },
};
"""


class Player(anywidget.AnyWidget):
    """The step-through player of one sweep at a time."""

    _esm = Unicode(module() + f"\nconst HELP = {json.dumps(help_items())};\n" + _GLUE).tag(sync=True)
    _css = Unicode(styles()).tag(sync=True)
    payload = Unicode("").tag(sync=True)
    index = Int(0).tag(sync=True)
    speed = Int(900, help="ms per step while playing").tag(sync=True)
    predict = Bool(False, help="predict mode: each step's number hidden until the student types it").tag(sync=True)
