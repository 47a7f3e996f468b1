"""The modules of autodiff_core import each other without a circle.

Every import is read with `ast`, at module level and inside functions (a lazy import
still ties two modules together), relative imports resolved. `from package import module`
counts as importing the module; `from package import name` as reading the package's
`__init__`, which re-exports from its modules, so a module of the package that does it
closes a circle.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "autodiff_core"


def module_name(path):
    parts = ["autodiff_core", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name, path, known):
    """The package's modules that module `name` (at `path`) imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import mod` imports the module; `from pkg import name` reads pkg's namespace
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph():
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def find_cycle(graph):
    """One cycle as a list of module names (first repeated at the end), or None."""
    colour = dict.fromkeys(graph, 0)  # 0 unseen, 1 on the path, 2 done
    for start in sorted(graph):
        if colour[start]:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        colour[start] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                colour[path.pop()] = 2
                stack.pop()
            elif colour[child] == 1:
                return path[path.index(child) :] + [child]
            elif colour[child] == 0:
                colour[child] = 1
                path.append(child)
                stack.append(iter(sorted(graph[child])))
    return None


def test_the_reader_sees_relative_and_lazy_imports():
    graph = import_graph()
    assert "autodiff_core.ops" in graph["autodiff_core.graph"] or "autodiff_core.ops" in graph["autodiff_core.trace"]
    assert "autodiff_core.viz.geometry" in graph["autodiff_core.viz.svg_render"]


def test_find_cycle_reports_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def reexported(init_path):
    """The names a package's __init__ binds by importing them (its re-exports)."""
    names = set()
    for node in ast.parse(init_path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
    return names


def reads_of_a_package_init(name, path, known):
    """`from pkg import name` lines of module `name` where pkg is a package of autodiff_core
    (not the module's own) and name is one that pkg's __init__ re-exports from a module: the
    name should be imported from that module."""
    packages = {m for m, p in known.items() if p.name == "__init__.py"}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
        if base in packages and base != name:
            again = reexported(known[base])
            names = [a.name for a in node.names if f"{base}.{a.name}" not in known and a.name in again]
            if names:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: from {base} import {', '.join(names)}")
    return found


def test_no_module_imports_a_name_from_a_package_init():
    """ARCHITECTURE.md: inside the package a module imports from the module that defines a
    name, never from a package's __init__ (the package's own __init__ re-exports aside)."""
    known = modules()
    found = [line for name, path in known.items() for line in reads_of_a_package_init(name, path, known)]
    assert found == []


def test_the_reader_sees_a_read_of_a_package_init(tmp_path):
    pkg = tmp_path / "autodiff_core"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .other import X\nY = 1\n")
    (pkg / "sub" / "mod.py").write_text("from . import X\nfrom . import other\nfrom . import Y\n")
    (pkg / "sub" / "other.py").write_text("X = 1\n")
    known = {"autodiff_core.sub": pkg / "sub" / "__init__.py", "autodiff_core.sub.mod": pkg / "sub" / "mod.py",
             "autodiff_core.sub.other": pkg / "sub" / "other.py"}  # fmt: skip
    global PACKAGE
    saved, PACKAGE = PACKAGE, pkg
    try:
        found = reads_of_a_package_init("autodiff_core.sub.mod", pkg / "sub" / "mod.py", known)
    finally:
        PACKAGE = saved
    assert found == ["autodiff_core/sub/mod.py:1: from autodiff_core.sub import X"]


def core_diagram():
    """The lines of ARCHITECTURE.md's core diagram, as lists of module names."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text[text.index("```\nmarks") + 4 :]
    block = block[: block.index("```")]
    lines, current = [], None
    for row in block.splitlines():
        left = row[:44].strip()
        if not left:
            continue
        names = [n.strip() for n in left.split(",") if n.strip()]
        if row.startswith("  ") and current is not None:  # a continued line
            current += names
        else:
            current = names
            lines.append(current)
    return lines


def test_the_core_diagram_lists_every_core_module_and_imports_point_up():
    lines = core_diagram()
    line_of = {name: k for k, names in enumerate(lines) for name in names}
    core = {name.split(".")[1] for name, path in modules().items() if path.parent == PACKAGE and name.count(".") == 1}
    core -= {"__main__", "cli", "cli_args"}  # the command line is a layer of its own
    core |= {"sweeps"}
    assert set(line_of) == core, set(line_of) ^ core
    graph = import_graph()
    for name, deps in graph.items():
        parts = name.split(".")
        me = "sweeps" if parts[1:2] == ["sweeps"] else (parts[1] if len(parts) == 2 else None)
        if me not in line_of:
            continue
        for dep in deps:
            dparts = dep.split(".")
            other = "sweeps" if dparts[1:2] == ["sweeps"] else (dparts[1] if len(dparts) == 2 else None)
            if other in line_of and other != me:
                assert line_of[other] < line_of[me], f"{name} imports {dep}, which is not on a line above"


# ARCHITECTURE.md: core <- viz <- player <- widgets <- notebooks; the command line and the site
# sit above the player too. Each layer's modules and what they may not import.
LAYERS = {
    "autodiff_core.viz": ("autodiff_core.player", "autodiff_core.widgets", "autodiff_core.site", "autodiff_core.cli"),
    "autodiff_core.player": ("autodiff_core.widgets", "autodiff_core.site", "autodiff_core.cli"),
    "autodiff_core.widgets": ("autodiff_core.site", "autodiff_core.cli"),
}
# the one upward name kept for the lessons: viz.export_html, the player's page
UPWARD_ALLOWED = {("autodiff_core.viz", "autodiff_core.player.page")}


def test_layers_import_only_downward():
    found = []
    for name, deps in import_graph().items():
        for layer, above in LAYERS.items():
            if name == layer or name.startswith(layer + "."):
                found += [
                    (name, dep)
                    for dep in deps
                    if any(dep == a or dep.startswith(a + ".") for a in above) and (name, dep) not in UPWARD_ALLOWED
                ]
    assert found == []
