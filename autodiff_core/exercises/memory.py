"""Checks on the memory of reverse mode: what the tape keeps, checkpointing's counts and its
best spacing (lesson 09). Every reference number comes from the package: ``kept_values`` and
``checkpointed_reverse`` run on the graph or on a chain of sines. The calls:
``check_kept_values(graph, answer)``, ``check_peak_stored(n, k, answer)``,
``check_recomputed(n, k, answer)``, ``check_best_k(n, answer)``."""

from __future__ import annotations

from ..checkpoint import best_k, checkpointed_reverse, kept_values, peak_stored, sin_chain
from ..checkpoint_schedule import check_length, check_spacing
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_int, _graph, _right, _wrong


LONGEST = 100_000  # a check runs the chain it asks about: n is at most this


def _counts(n, k=None) -> None:
    """The lesson's n (and k) at the door: a chain length or spacing that is not a whole number
    ≥ 1 is the question's mistake, an ArgumentError with the checkpoint modules' message."""
    try:
        check_length(n)
        if k is not None:
            check_spacing(k)
    except ValueError as e:
        raise ArgumentError(str(e)) from None
    if n > LONGEST:
        raise ArgumentError(f"n, the chain length, is at most {LONGEST:,} in a check (it runs the chain), not {n:.3g}")


@checker
def check_kept_values(graph, answer) -> Feedback:
    """Is ``answer`` the number of node values the reverse sweep of ``graph`` reads?"""
    graph = _graph(graph)
    if answer is None:
        return _UNANSWERED
    a = _as_int(answer, "a number of values")
    reference = len(kept_values(graph))
    if a == reference:
        return _right("Only the values some local partial is written with must wait on the tape for the sweep back.")
    if a == len(graph):
        return _wrong(
            "not every value is read on the way back. Write out each edge's "
            "local partial: which of them contain a value at all?"
        )
    if a == len(graph) - len(graph.outputs):
        return _wrong(
            "right that the output's value is read by nobody, but look at the "
            "other partials too: is there one that is a plain number?"
        )
    if a == len(graph.edges):
        return _wrong(
            "that counts the edges (the adjoint steps). Count values: which node values appear in the local partials?"
        )
    return _wrong(
        "go through the reverse sweep's steps and list the node values each local partial reads; count each node once."
    )


@checker
def check_peak_stored(n, k, answer) -> Feedback:
    """Is ``answer`` the most values checkpointed reverse mode holds at once on a chain of n
    operations with every k-th value kept (each checkpoint freed once its segment is done)?"""
    _counts(n, k)
    if answer is None:
        return _UNANSWERED
    a = _as_int(answer, "a number of values")
    run = checkpointed_reverse(sin_chain(n), k)
    reference = run.peak_stored
    checkpoints = len(run.checkpoints)
    kept_to_the_end = checkpoints + min(k, n) - 1  # every checkpoint held to the end
    if a == reference:
        if k >= n:
            return _right("One checkpoint, w⁰, and the whole chain recomputed from it: as much as plain reverse mode.")
        if n % k == 0:
            return _right(
                f"The busiest moment is the top segment: all {checkpoints} checkpoints, and "
                f"the {k - 1} values it recomputes beyond its own."
            )
        return _right(
            f"The top segment is short here. While a full segment below it is swept, "
            f"{checkpoints - 1} checkpoints (the top one was freed with its segment) and its "
            f"{k - 1} recomputed values are held."
        )
    if k < n and a == checkpoints:
        return _wrong(
            "that is the checkpoints alone. While a segment's adjoints are computed, its "
            "recomputed values are held too."
        )
    if k < n and a == kept_to_the_end:
        return _wrong(
            "that holds every checkpoint until the end. Once a segment is done, its checkpoint "
            "is read by nobody any more and is freed: while a full segment is swept, the "
            "checkpoints above it are gone."
        )
    if k < n and a == reference + 1 and n % k == 0:
        return _wrong("the segment starts at a checkpoint: that value is already held, so it is not counted twice.")
    if a == n and k not in (1, n):
        return _wrong(
            "that is plain reverse mode, which keeps every value. With "
            "checkpoints, which values are held at the busiest moment?"
        )
    return _wrong(
        "take the segments one at a time: while one is swept, the checkpoints at or below it "
        "are held, and the values it recomputes beyond its own checkpoint. The peak is the "
        "largest of these counts."
    )


@checker
def check_recomputed(n, k, answer) -> Feedback:
    """Is ``answer`` the number of operations checkpointed reverse mode evaluates again on a
    chain of n operations with every k-th value kept?"""
    _counts(n, k)
    if answer is None:
        return _UNANSWERED
    a = _as_int(answer, "a number of operations")
    run = checkpointed_reverse(sin_chain(n), k)
    reference = run.recomputed
    segments = len(run.checkpoints)
    if a == reference:
        return _right(
            "Every value that is not a checkpoint is computed twice: once on the "
            "way up (and dropped), once again when its segment's turn comes."
        )
    if a == n:
        return _wrong("the checkpoints themselves are never recomputed: they were kept.")
    if a == n - segments - 1 or a == n - segments + 1:
        return _wrong(
            "close: count the checkpoints again (w⁰ is one, and wⁿ, the output, "
            "is not recomputed: it is the result of the forward pass)."
        )
    if segments > 1 and a == k - 1:
        return _wrong("that is one segment. Every segment is recomputed, once.")
    if a == n * (n - 1) // 2:
        return _wrong(
            "that would be the cost with no checkpoints but w⁰: each value "
            "recomputed from the start. Here each segment starts at its checkpoint."
        )
    if a == 0:
        return _wrong(
            "only plain reverse mode (k = 1) recomputes nothing; the values between the checkpoints were dropped."
        )
    return _wrong(
        "each segment recomputes the values between its checkpoint and the next; add them up over the segments."
    )


@checker
def check_best_k(n, answer) -> Feedback:
    """Is ``answer`` a spacing k with the smallest peak of stored values on a chain of n
    operations (any of them, on a tie)?"""
    _counts(n)
    if answer is None:
        return _UNANSWERED
    k = _as_int(answer, "a spacing k")
    if not 1 <= k:
        raise _Invalid("k is a spacing: a whole number of at least 1.")
    best = peak_stored(n, best_k(n))
    mine = peak_stored(n, k)
    if mine == best:
        return _right(
            f"The peak is then {best} values instead of {n}: about 2√n, "
            f"paid for with {n - -(-n // k)} recomputed operations."
        )
    if k == 1:
        return _wrong("k = 1 keeps every value: that is plain reverse mode.")
    if k >= n:
        return _wrong(
            "one checkpoint, w⁰, means recomputing a segment as long as the chain, and that segment is held whole."
        )
    return _wrong(
        f"with k = {k} the peak is {mine} values. Balance the two parts of "
        "the peak: ⌈n/k⌉ checkpoints against the k − 1 values of one segment."
    )
