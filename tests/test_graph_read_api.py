"""Programs that run on a graph read it through its public API, never its private parts.

Graph's private attributes (its arrays, the name tables, helper methods) are read with
`ast` from graph.py; no other module of the package reads them, on a graph or on itself
in a subclass of Graph.
"""

import ast
from pathlib import Path

from autodiff_core import trace

PACKAGE = Path(__file__).resolve().parent.parent / "autodiff_core"


def graph_private_names():
    tree = ast.parse((PACKAGE / "graph.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Graph")
    names = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_") and not node.name.endswith("__"):
            names.add(node.name)
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and node.attr.startswith("_")
            and not node.attr.endswith("__")
        ):
            names.add(node.attr)
    return names


def private_reads(path, private):
    """(line, text) of every read of a Graph private outside graph.py."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    graph_classes = {
        n.name
        for n in ast.walk(tree)
        if isinstance(n, ast.ClassDef) and any(getattr(b, "id", None) == "Graph" for b in n.bases)
    }
    found = []

    def visit(node, in_graph_class):
        for child in ast.iter_child_nodes(node):
            inside = in_graph_class or (isinstance(child, ast.ClassDef) and child.name in graph_classes)
            if isinstance(child, ast.Attribute) and child.attr in private:
                on_self = isinstance(child.value, ast.Name) and child.value.id == "self"
                if in_graph_class or not on_self:
                    found.append((child.lineno, ast.unparse(child)))
            visit(child, inside)

    visit(tree, False)
    return found


def test_the_reader_finds_the_private_arrays():
    private = graph_private_names()
    assert {"_val", "_op", "_consts", "_inputs", "_outputs"} <= private


def test_no_module_reads_graph_privates():
    private = graph_private_names()
    reads = {
        str(p.relative_to(PACKAGE)): private_reads(p, private)
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name != "graph.py" or p.parent != PACKAGE
    }
    assert {k: v for k, v in reads.items() if v} == {}


def test_the_public_arrays_are_read_only_views():
    g = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)
    assert tuple(g.values) == (2.0, 5.0, 10.0, 0.9092974268256817, 10.909297426825681)
    assert tuple(g.node_levels) == (0, 0, 1, 1, 2)
    assert [g.op_ids[i] for i in range(len(g))] == [0, 0, 3, 7, 1]  # input, input, mul, sin, add
    assert tuple(g.first_operands)[2:] == (0, 0, 2) and tuple(g.second_operands)[2:] == (1, 0, 3)
    assert g.input_indices == (0, 1) and g.output_indices == (4,) and g.constants == ()
    assert trace("2*x + 1", x=1.0).constants == (2.0, 1.0)
    try:
        g.values[0] = 3.0
    except TypeError as e:
        assert "read-only" in str(e)
    else:
        raise AssertionError("a graph's values can be changed")
    assert g.value == 10.909297426825681
