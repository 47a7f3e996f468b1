"""What both hosts of the player load, without a browser: the one help text (the player's help
line in the page and the widget, and the Markdown a lesson prints), all of the player's CSS
through styles(), every file of the module, and the page's presenter option."""

import json
from importlib.resources import files

from autodiff_core import examples, player
from autodiff_core.player import help as player_help
from autodiff_core.player.page import page

F = examples.F.graph()
FOLDER = files("autodiff_core.player")


def test_the_help_names_every_control_and_key_once():
    text = player_help.help_markdown()
    for label in ("first step", "previous step", "play / pause", "next step", "last step"):
        assert label in text
    for word in ("speed menu", "slow, normal, fast, fastest", "fit", "presenter mode", "table", "overview"):
        assert word in text
    for keys, does in player_help.KEYS:
        assert f"- `{keys}`: {does}" in text
    assert [tuple(k) for k in player_help.help_items()] == list(player_help.KEYS)


def test_the_page_and_the_widget_show_the_same_help():
    from autodiff_core.widgets.player import Player

    items = json.dumps(player_help.help_items())
    assert items in Player()._esm
    html = page(F.reverse())
    host = json.dumps({"fill": "window", "theme": "system", "help": player_help.help_items()}, ensure_ascii=True)
    assert host.replace("<", "\\u003c") in html


def test_styles_join_all_of_the_players_css_and_both_hosts_load_them():
    from autodiff_core.widgets.player import Player

    parts = ["player.css"] + (["drawing.css"] if FOLDER.joinpath("drawing.css").is_file() else [])
    css = player.styles()
    assert css == "\n".join(player.asset(name) for name in parts)
    assert Player()._css == css
    assert css in page(F.reverse())


def test_the_module_has_every_js_file_of_the_player():
    on_disk = {p.name for p in FOLDER.iterdir() if p.name.endswith(".js")}
    assert set(player.MODULE) == on_disk
    for name in player.MODULE:
        assert player.asset(name) in player.module()


def test_presenter_pages_open_in_presenter_mode_others_do_not():
    assert "if (true) player.present(true, false);" in page(F.reverse(), presenter=True)
    assert "if (false) player.present(true, false);" in page(F.reverse())
