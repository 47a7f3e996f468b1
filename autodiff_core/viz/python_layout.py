"""The layout in pure Python, for when ``dot`` is not installed (or too slow)."""

from __future__ import annotations

import bisect

from . import style
from .layout_types import Box, Route


def _isotonic_place(desired, seps, weights=None):
    """Positions closest (least squares) to ``desired`` with p[i+1] - p[i] >= seps[i]."""
    m = len(desired)
    if m == 0:
        return []
    off = [0.0] * m
    for i in range(1, m):
        off[i] = off[i - 1] + seps[i - 1]
    target = [d - o for d, o in zip(desired, off)]
    weights = weights or [1.0] * m
    blocks = []  # [mean, weight, count] pooled adjacent violators
    for t, wt in zip(target, weights):
        blocks.append([t, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            t2, w2, c2 = blocks.pop()
            t1, w1, c1 = blocks[-1]
            blocks[-1] = [(t1 * w1 + t2 * w2) / (w1 + w2), w1 + w2, c1 + c2]
    out = []
    for mean, _, count in blocks:
        out += [mean] * count
    return [q + o for q, o in zip(out, off)]


def _crossings(order_pos, pairs) -> int:
    """Crossings among edges (u, v) between two ranks, by counting inversions."""
    seq = sorted((order_pos[u], order_pos[v]) for u, v in pairs)
    seen, count = [], 0
    for _, b in seq:
        k = bisect.bisect_right(seen, b)
        count += len(seen) - k
        seen.insert(k, b)
    return count


def _mean(values) -> float:
    return sum(values) / len(values)


def _lower_median(values) -> float:
    """The lower median of the neighbours' positions (Eades and Wormald's median heuristic).
    A node fed by x₁ and x₂ then sorts with x₁'s other children, and the tie keeps index
    order: in x1*x2 + sin(x1), w¹₁ above w¹₂ (with a barycentre, sin(x₁) would go first)."""
    return sorted(values)[(len(values) - 1) // 2]


def _bend(a, b) -> list:
    """A cubic from a to b leaving and arriving parallel to the main axis."""
    half = (b[0] - a[0]) / 2
    return [a, (a[0] + half, a[1]), (b[0] - half, b[1]), b]


def python_layout(graph, direction, boxes, sizes, gap=style.RANK_GAP, in_order: bool = False):
    """Boxes (of the sizes ``boxes``, (w, h) per node) and routes by a layered layout: ranks
    ``gap`` px apart (more where edge labels need it), long edges through dummy points,
    crossings reduced by barycentre sweeps from the index order (``in_order``: by median
    sweeps, which keep the index order where the medians tie), coordinates by least squares."""
    n = len(graph)
    main_of = [b[0] if direction == "LR" else b[1] for b in boxes]  # along the ranks
    cross_of = [b[1] if direction == "LR" else b[0] for b in boxes]  # across them
    level = [nd.level for nd in graph.nodes]
    n_ranks = max(level) + 1
    main_size = [0.0] * n_ranks  # a rank as deep as its deepest box
    for i in range(n):
        main_size[level[i]] = max(main_size[level[i]], main_of[i])
    rank_of = list(level)
    ranks = [[] for _ in range(n_ranks)]
    for i in range(n):
        ranks[level[i]].append(i)
    edges = graph.edges
    chains = {}
    for p, c, _ in edges:
        if (p, c) in chains:
            continue
        chain = [p]
        for r in range(level[p] + 1, level[c]):
            d = len(rank_of)
            rank_of.append(r)
            ranks[r].append(d)
            chain.append(d)
        chains[(p, c)] = chain + [c]
    n_items = len(rank_of)
    up = [[] for _ in range(n_items)]
    down = [[] for _ in range(n_items)]
    pairs = [[] for _ in range(n_ranks)]  # pairs[r]: links between rank r-1 and r
    for chain in chains.values():
        for a, b in zip(chain, chain[1:]):
            down[a].append(b)
            up[b].append(a)
            pairs[rank_of[b]].append((a, b))

    # order within ranks: barycentre (or median) sweeps, keeping the order with fewest crossings
    centre = _lower_median if in_order else _mean
    pos = [0.0] * n_items
    for r in ranks:
        for k, i in enumerate(r):
            pos[i] = float(k)

    def total():
        return sum(_crossings(pos, pairs[r]) for r in range(1, n_ranks))

    def reorder(r, nbrs):
        items = ranks[r]
        keys = {i: (centre([pos[j] for j in nbrs[i]]) if nbrs[i] else pos[i], pos[i]) for i in items}
        items.sort(key=keys.__getitem__)
        for k, i in enumerate(items):
            pos[i] = float(k)

    best, best_order = total(), [list(r) for r in ranks]
    for _ in range(10):
        if best == 0:
            break
        for r in range(1, n_ranks):
            reorder(r, up)
        for r in range(n_ranks - 2, -1, -1):
            reorder(r, down)
        now = total()
        if now < best:
            best, best_order = now, [list(r) for r in ranks]
    ranks = best_order

    # cross-axis coordinates: as close to the neighbours' mean as the spacing allows
    def extent(i):
        return cross_of[i] if i < n else 0.0

    def seps(items):
        return [
            (extent(a) + extent(b)) / 2 + (style.NODE_GAP if a < n and b < n else 16.0)
            for a, b in zip(items, items[1:])
        ]

    cross = [0.0] * n_items
    for items in ranks:
        s = seps(items)
        spot = _isotonic_place([0.0] * len(items), s)
        shift = (spot[0] + spot[-1]) / 2 if spot else 0.0
        for i, y in zip(items, spot):
            cross[i] = y - shift

    def place(r, nbr_lists):
        items = ranks[r]
        desired = []
        for i in items:
            nb = [j for lst in nbr_lists for j in lst[i]]
            desired.append(sum(cross[j] for j in nb) / len(nb) if nb else cross[i])
        weights = [1.0 if i < n else 0.6 for i in items]
        for i, y in zip(items, _isotonic_place(desired, seps(items), weights)):
            cross[i] = y

    for _ in range(6):
        for r in range(1, n_ranks):
            place(r, (up,))
        for r in range(n_ranks - 2, -1, -1):
            place(r, (down,))
    for r in range(n_ranks):
        place(r, (up, down))

    # main-axis coordinates: rank gaps wide enough for their edge labels
    label_main = [0.0] * n_ranks
    if sizes:
        for k, (p, c, _) in enumerate(edges):
            lw, lh = sizes[k]
            g = level[p] + (level[c] - level[p] - 1) // 2  # the gap holding its label
            label_main[g] = max(label_main[g], lw if direction == "LR" else lh)
    main = [0.0] * n_ranks
    for r in range(1, n_ranks):
        between = max(gap, label_main[r - 1] + 2 * 14 + style.ARROW) if sizes else gap
        main[r] = main[r - 1] + (main_size[r - 1] + main_size[r]) / 2 + between

    def pt(m, c):
        return (m, c) if direction == "LR" else (c, m)

    laid = tuple(Box(*pt(main[level[i]], cross[i]), *boxes[i]) for i in range(n))

    # ports: edges leave and enter side by side, ordered by where they come from / go to
    def spaced(groups, key):
        off = {}
        for node, ks in groups.items():
            spread = min(cross_of[node] * 0.22, 13.0)
            ks.sort(key=key)
            step = 2 * spread / (len(ks) - 1) if len(ks) > 1 else 0.0
            for q, k in enumerate(ks):
                off[k] = (q - (len(ks) - 1) / 2) * min(step, 9.0 if len(ks) > 2 else step)
        return off

    outs, ins = {}, {}
    for k, (p, c, _) in enumerate(edges):
        outs.setdefault(p, []).append(k)
        ins.setdefault(c, []).append(k)
    exit_off = spaced(outs, lambda k: (cross[chains[edges[k][:2]][1]], edges[k][2]))
    entry_off = spaced(ins, lambda k: (cross[chains[edges[k][:2]][-2]], edges[k][2]))
    routes = []
    label_spots = []
    for k, (p, c, pos_) in enumerate(edges):
        chain = chains[(p, c)]
        dup = exit_off[k] / 2
        start = (main[level[p]] + main_size[level[p]] / 2, cross[p] + exit_off[k])
        end = (main[level[c]] - main_size[level[c]] / 2, cross[c] + entry_off[k])
        path, gaps = [start], []
        a = start
        for dmy in chain[1:-1]:  # cross each skipped rank straight, beside its nodes
            r = rank_of[dmy]
            m, y, half = main[r], cross[dmy] + dup, main_size[r] / 2
            gaps.append(_bend(a, (m - half, y)))
            a = (m + half, y)
            path += gaps[-1][1:] + [(m - half / 3, y), (m + half / 3, y), a]
        gaps.append(_bend(a, (end[0] - style.ARROW, end[1])))
        path += gaps[-1][1:]
        mid = gaps[(len(gaps) - 1) // 2]
        label_spots.append(tuple(sum(wt * q[t] for wt, q in zip((1, 3, 3, 1), mid)) / 8 for t in (0, 1)))
        routes.append(Route(p, c, pos_, tuple(pt(*q) for q in path), pt(*end), None))

    if sizes:  # push labels sharing a gap apart along the cross axis
        by_gap = {}
        for k, (p, c, _) in enumerate(edges):
            by_gap.setdefault(level[p] + (level[c] - level[p] - 1) // 2, []).append(k)
        for ks in by_gap.values():
            ks.sort(key=lambda k: label_spots[k][1])
            ext = [sizes[k][1] if direction == "LR" else sizes[k][0] for k in ks]
            placed = _isotonic_place([label_spots[k][1] for k in ks], [(a + b) / 2 + 3 for a, b in zip(ext, ext[1:])])
            for k, c in zip(ks, placed):
                label_spots[k] = (label_spots[k][0], c)
        routes = [Route(r.parent, r.child, r.pos, r.path, r.tip, pt(*label_spots[k])) for k, r in enumerate(routes)]
    return laid, tuple(routes)
