"""Operand codes and edge ids: the one spelling of how the graph's arrays encode them."""

import autodiff_core as ad
from autodiff_core.codes import (
    Edge,
    constant_code,
    constant_slot,
    edge_child,
    edge_id,
    edge_position,
    is_constant,
    operand_value,
)


def test_constant_codes_round_trip_and_never_collide_with_node_indices():
    for slot in range(5):
        code = constant_code(slot)
        assert is_constant(code)
        assert constant_slot(code) == slot
    assert [constant_code(s) for s in range(3)] == [-1, -2, -3]
    assert not any(is_constant(i) for i in range(5))  # node indices, node 0 included


def test_a_graph_reads_its_constants_through_the_codes():
    g = ad.trace(lambda x: 3.0 * x + 0.5, x=2.0)
    mul = g.nodes[1]
    code = g.operand_codes(1)[0]
    assert is_constant(code)
    assert g.constants[constant_slot(code)] == 3.0 == mul.consts[0]
    assert operand_value(code, g.values, g.constants) == 3.0
    assert operand_value(g.operand_codes(1)[1], g.values, g.constants) == 2.0


def test_edge_ids_round_trip():
    for child in (0, 1, 7, 10**6):
        for position in (0, 1):
            e = edge_id(child, position)
            assert (edge_child(e), edge_position(e)) == (child, position)


def test_edges_are_named_triples_equal_to_plain_tuples():
    g = ad.trace(lambda x: x * x, x=3.0)
    order = g.reverse().edge_order
    assert order == ((0, 1, 0), (0, 1, 1))  # x·x keeps both edges
    assert all(type(e) is Edge for e in order)
    assert order[1].parent == 0 and order[1].child == 1 and order[1].position == 1
    assert g.reverse().steps[0].edge == Edge(0, 1, 0)
    assert set(g.edges) == set(order)
