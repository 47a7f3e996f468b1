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
