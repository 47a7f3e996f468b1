"""Issue 10, items 3, 10 and 14: custom node names are checked where they are given, and
every name the package prints for a node (or puts in a DomainError) finds it."""

import pytest

from autodiff_core import DomainError, examples, trace

Y = "sin(x**2 + 1)"


# -- item 3: names are validated -------------------------------------------------------------
@pytest.mark.parametrize(
    "names, words",
    [
        ({"w1": ""}, r"names\['w1'\]: a node's name must be a non-empty string"),
        ({"w1": "  "}, r"names\['w1'\]: a node's name must be a non-empty string"),
        ({"w1": 5}, r"names\['w1'\]: a node's name must be a non-empty string, got 5"),
        ({5: "a"}, "names: 5 is not a node of this graph"),
        ({"w9": "a"}, "names: 'w9' is not a node of this graph"),
        ({"y": "a"}, "names: 'y' is not a node of this graph"),
        ({"w1": "a", "w2": "a"}, "'a' is given to both 'w1' and 'w2'"),
        ({"w1": "a", "w¹": "b"}, "'w¹' names node w1 a second time"),
        ({"w1": "x"}, r"names\['w1'\]: 'x' is already the name of another node"),
        ({"w1": "w2"}, r"names\['w1'\]: 'w2' is already the name of another node"),
        ({"w1": "a1", "w2": "a₁"}, r"names\['w2'\]: 'a₁' is already the name of another node"),
        ({"w1": "x₀", "w0": "x0"}, r"names\['w0'\]: 'x0' .* \(both are written x₀\)"),
    ],
)
def test_bad_names_are_a_value_error_naming_the_key(names, words):
    with pytest.raises(ValueError, match=words):
        trace(Y, x=1.5, names=names)


def test_names_must_be_a_dict():
    with pytest.raises(TypeError, match="names must be a dict"):
        trace(Y, x=1.5, names=["a"])


def test_good_names_are_keyed_by_plain_name_whatever_form_was_given():
    g = trace(Y, x=1.5, names={"w¹": "a", "w2_1": "b", "x": "x", "w^{3}": "y"})
    assert g.names == {"w1": "a", "w2": "b", "w0": "x", "w3": "y"}
    assert str(g) == str(examples.Y.graph())
    assert examples.NEURON.graph().names["w0_1"] == "b"  # the seed examples still trace


# -- items 10 and 14: looking nodes up -------------------------------------------------------
def test_node_takes_a_string():
    g = trace(Y, x=1.5)
    for bad in (None, 1, True, 1.5):
        with pytest.raises(TypeError, match="named by a string"):
            g.node(bad)
    with pytest.raises(KeyError, match="no node named 'w7'"):
        g.node("w7")


def test_every_printed_name_of_a_node_finds_it():
    g = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)
    for nd in g.nodes:
        for name in (nd.name, nd.label, nd.latex, nd.var, nd.var_label):
            if name is not None:
                assert g.node(name) is nd
    single = g.nodes[-1]  # the only node of level 2: w2, also w2_1
    assert single.name == "w2"
    assert g.node("w2_1") is g.node("w²₁") is g.node("w^{2}_{1}") is single
    named = trace(Y, x=1.5, names={"w1": "a"})
    assert named.node("a") is named.node("w1") is named.node("w1_1") is named.node("w¹")
    for nd in named.nodes:
        assert named.node(nd.name) is nd and named.node(nd.label) is nd


# The scenarios of tests/test_domain.py: (text, bad point, good point, the failing op)
TRACE_ERRORS = [
    ("x1*x2 + log(x1)", {"x1": -1.0, "x2": 5.0}, {"x1": 1.0, "x2": 5.0}, "log"),
    ("sqrt(x - 3)", {"x": 1.0}, {"x": 4.0}, "sqrt"),
    ("1 / (x - 1)", {"x": 1.0}, {"x": 2.0}, "div"),
    ("exp(x)", {"x": 1000.0}, {"x": 1.0}, "exp"),
    ("x * x * x * x", {"x": 1e100}, {"x": 2.0}, "mul"),
    ("x ** 0.5", {"x": -4.0}, {"x": 4.0}, "pow"),
    ("x ** y", {"x": -2.0, "y": 0.5}, {"x": 2.0, "y": 0.5}, "pow"),
]


@pytest.mark.parametrize("text, bad, good, op", TRACE_ERRORS)
@pytest.mark.parametrize("rename", [False, True])
def test_a_tracing_domain_error_names_a_node_the_graph_finds(text, bad, good, op, rename):
    with pytest.raises(DomainError) as err:
        trace(text, **bad)
    node = err.value.node
    names = {node: "failing"} if rename else None
    graph = trace(text, names=names, **good)  # the same code, where it can be computed
    nd = graph.node(node)
    assert nd.op.name == op
    assert graph.node(err.value.rule.split(" = ")[0]) is nd  # the label in the message
    assert nd.name == ("failing" if rename else nd.name)


@pytest.mark.parametrize(
    "text, point, sweep",
    [
        ("sqrt(x)", {"x": 0.0}, "reverse"),
        ("sqrt(x)", {"x": 0.0}, "forward"),
        ("log(x)", {"x": 1e-310}, "reverse"),
        ("log(x)", {"x": 1e-310}, "forward"),
        ("x1 * sqrt(x2) + x1", {"x1": 2.0, "x2": 0.0}, "reverse"),
    ],
)
@pytest.mark.parametrize("names", [None, {"w1": "r"}, {"w1_1": "r"}])
def test_a_sweep_domain_error_names_a_node_the_graph_finds(text, point, sweep, names):
    graph = trace(text, names=names, **point)
    with pytest.raises(DomainError) as err:
        graph.gradient() if sweep == "reverse" else graph.forward(graph.input_names[-1])
    nd = graph.node(err.value.node)
    assert nd.op.name == ("sqrt" if "sqrt" in text else "log")
    assert err.value.node == nd.name
