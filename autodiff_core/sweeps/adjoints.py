"""The numbers of reverse mode: the order nodes are swept in, and every adjoint with
the contribution of each edge, computed in one loop (:mod:`.reverse` records them as
steps)."""

from __future__ import annotations

from ..ops import ADD, MUL, NEG, OP_ID, SUB
from .partials import ARITH_ERRORS, ARITY, FLOAT, TABLE_PARTIALS, derivative_error

_ADD, _MUL, _SUB, _NEG = OP_ID[ADD], OP_ID[MUL], OP_ID[SUB], OP_ID[NEG]


def reverse_order(graph) -> list[int]:
    """Node indices from the top level down, each level in index order."""
    buckets: list[list[int]] = [[] for _ in range(max(graph.node_levels, default=0) + 1)]
    for i, level in enumerate(graph.node_levels):
        buckets[level].append(i)
    order: list[int] = []
    for bucket in reversed(buckets):
        order += bucket
    return order


def adjoints(graph, order, seeded: dict) -> tuple[list, list]:
    """Every node's adjoint (0.0 where nothing arrives), and the contribution of each edge
    out of a node whose adjoint is not 0, in sweep order (``order``: :func:`reverse_order`).

    Operand codes (codes.py) are decoded inline, for speed: c < 0 is consts[-c - 1]. For
    add, sub, mul and neg each partial is ±1 or the other operand, so the contribution is
    ±w̄ or w̄·(other), written out (the same floats as the table's); any other operation's
    partials come from the table, called with the float math namespace."""
    opc, a0, a1, val, consts = graph.op_ids, graph.first_operands, graph.second_operands, graph.values, graph.constants
    partials, arity, m, add, mul, sub, neg = TABLE_PARTIALS, ARITY, FLOAT, _ADD, _MUL, _SUB, _NEG
    adj = [0.0] * len(graph)
    for i, v in seeded.items():
        adj[i] = v
    sent: list[float] = []
    record = sent.append
    j = len(graph) - 1
    try:
        for j in order:
            g_j = adj[j]
            oid = opc[j]
            if not g_j or not oid:  # nothing to pass on, or an input
                continue
            c0, c1 = a0[j], a1[j]
            if oid == mul:
                if c0 >= 0:
                    c = g_j * (val[c1] if c1 >= 0 else consts[-c1 - 1])
                    adj[c0] += c
                    record(c)
                if c1 >= 0:
                    c = g_j * (val[c0] if c0 >= 0 else consts[-c0 - 1])
                    adj[c1] += c
                    record(c)
            elif oid == add or oid == sub:
                if c0 >= 0:
                    adj[c0] += g_j
                    record(g_j)
                if c1 >= 0:
                    c = g_j if oid == add else -g_j
                    adj[c1] += c
                    record(c)
            elif oid == neg:
                adj[c0] -= g_j
                record(-g_j)
            elif arity[oid] == 1:
                c = g_j * partials[oid][0](m, val[c0] if c0 >= 0 else consts[-c0 - 1], val[j])
                adj[c0] += c
                record(c)
            else:
                a, b = val[c0] if c0 >= 0 else consts[-c0 - 1], val[c1] if c1 >= 0 else consts[-c1 - 1]
                if c0 >= 0:
                    c = g_j * partials[oid][0](m, a, b, val[j])
                    adj[c0] += c
                    record(c)
                if c1 >= 0:
                    c = g_j * partials[oid][1](m, a, b, val[j])
                    adj[c1] += c
                    record(c)
    except ARITH_ERRORS as e:
        raise derivative_error(graph, j, e) from None
    return adj, sent
