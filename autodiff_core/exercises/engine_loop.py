"""Checks on the training loop of your own engine (lesson 10): ``zero_grad``, one step of
gradient descent, and the cross-entropy computed from the logit. Run on the student's ``Value``
class, compared with the package (see ``engine``)."""

from __future__ import annotations

import math

from ..notation import number
from ..trace import trace
from .calls import checker
from .engine import _make, _outcome, _returns_none, _run, _unusable, _value_class
from .feedback import Feedback, _Invalid, _matches, _right, _wrong


# -- the training loop's parts -----------------------------------------------------------------
_PARAMS = {"w": (0.5, 0.25), "b": (-0.1, -1.5), "c": (2.0, 3.0)}  # data, and a .grad left over


def _is_zero(g) -> bool:
    return isinstance(g, (int, float)) and not isinstance(g, bool) and g == 0


def _parameters(value_class, grads) -> dict:
    """Fresh Values of the student's class, as a training loop holds them: name → Value, each
    with a .grad an earlier backward() left behind."""
    params = {}
    for (name, (data, _)), grad in zip(_PARAMS.items(), grads):
        params[name] = _make(value_class, data)
        _run(setattr, (params[name], "grad", grad), f"setting .grad of Value({number(data)})")
    return params


@checker
def check_zero_grad(value_class, answer) -> Feedback:
    """Does ``answer(params)`` set the gradient of every parameter in ``params`` (a dict, name
    → Value of your class) back to 0, leaving the parameters' values alone?"""
    value_class = _value_class(value_class)
    problem = _unusable(answer, "zero_grad", "params")
    if problem is not None:
        return problem
    params = _parameters(value_class, [g for _, g in _PARAMS.values()])
    originals = dict(params)
    returned = _run(answer, (params,), "zero_grad(params)")
    names = list(originals)
    data = {n: getattr(originals[n], "data", None) for n in names}
    grads = {n: getattr(originals[n], "grad", None) for n in names}
    if any(data[n] != _PARAMS[n][0] for n in names):
        changed = [n for n in names if data[n] != _PARAMS[n][0]]
        return _wrong(
            f"your zero_grad changed the value (.data) of {', '.join(changed)}: that is the parameter "
            "itself, what training learns. Reset only .grad."
        )
    if all(_is_zero(grads[n]) for n in names):
        return _right("Every .grad is 0 again, so the next backward() adds one gradient, not a running sum.")
    if any(grads[n] is None for n in names):
        return _wrong("set .grad to 0.0, not None: backward() adds into .grad with +=, and None + a number fails.")
    new = {n: params.get(n) for n in names if params.get(n) is not originals[n]}
    if new and all(isinstance(v, value_class) and _is_zero(getattr(v, "grad", None)) for v in new.values()):
        if all(_is_zero(grads[n]) or n in new for n in names):
            return _right(
                "The dict now holds Values with .grad = 0. (You put new Values in; setting p.grad = 0.0 "
                "on each keeps the same objects, as optimizer.zero_grad() does.)"
            )
    zeroed = [n for n in names if _is_zero(grads[n])]
    if zeroed:
        left = [n for n in names if n not in zeroed]
        return _wrong(f"{', '.join(left)} still {'has' if len(left) == 1 else 'have'} a .grad: reset every parameter.")
    if all(grads[n] == _PARAMS[n][1] for n in names):
        if isinstance(returned, (dict, list, tuple)):
            return _wrong(
                "your zero_grad returns a new collection, but the Values' .grad are as they were: "
                "set .grad on each Value itself (p.grad = 0.0)."
            )
        return Feedback(
            "unanswered",
            "Not answered yet, or your zero_grad changes nothing: every .grad is as it was. "
            "Write its body, run that cell, then this check again.",
        )
    return _wrong("after your zero_grad each parameter's .grad should be 0 (a number, 0.0).")


def _descend(points: dict, stale: dict, learning_rate: float, variant: str, steps: int = 2) -> list:
    """The parameters after each of ``steps`` calls of a training step, by the package: the
    right step, or a mistaken one (``variant``): the gradients never reset, reset between
    backward and the update, reset after the update, a step up the slope, no learning rate."""

    def gradient(p):
        return trace(lambda w, b, c: (w * 2.0 + b * c + -0.5) ** 2, **p).gradient()

    p, held, path = dict(points), dict(stale), []
    for _ in range(steps):
        g = gradient(p)
        if variant in ("right", "ascent", "no rate"):
            used = g
        elif variant == "reset late":  # the reset after the update: the first step adds onto what was left
            used = {n: held[n] + g[n] for n in p}
            held = dict.fromkeys(p, 0.0)
        elif variant == "never reset":
            used = held = {n: held[n] + g[n] for n in p}
        else:  # "reset between": the step reads 0
            used = dict.fromkeys(p, 0.0)
        rate = {"ascent": -learning_rate, "no rate": 1.0}.get(variant, learning_rate)
        p = {n: p[n] - rate * used[n] for n in p}
        path.append(p)
    return path


_STEP_MISTAKES = {
    "never reset": "the gradients are never reset: each step goes by the sum of all gradients so far. "
    "Call zero_grad(params) before backward().",
    "reset late": "the reset comes after the update, so the first step also used what an earlier backward() "
    "had left in .grad. Reset before backward().",
    "reset between": "the parameters do not move: the gradients were reset after backward() and before the "
    "update, so the update read 0. Reset before backward().",
    "ascent": "the parameters move up the slope: step against the gradient, p.data -= learning_rate * p.grad.",
    "no rate": "the step is the whole gradient: multiply it by the learning rate.",
}


@checker
def check_train_step(value_class, answer) -> Feedback:
    """Is ``answer(params, loss_of, learning_rate)`` one step of gradient descent with your
    engine: reset every gradient, compute ``loss = loss_of(params)``, ``loss.backward()``,
    move every parameter against its gradient, and return the loss?"""
    value_class = _value_class(value_class)
    problem = _unusable(answer, "train_step", "params, loss_of, learning_rate")
    if problem is not None:
        return problem
    stale = {n: g for n, (_, g) in _PARAMS.items()}
    params = _parameters(value_class, stale.values())
    calls = []

    def loss_of(p):
        calls.append(1)
        return (p["w"] * 2.0 + p["b"] * p["c"] + -0.5) ** 2

    start = {n: d for n, (d, _) in _PARAMS.items()}
    rate, seen, losses = 0.1, [], []
    for k in range(2):
        returned = _run(answer, (params, loss_of, rate), f"train_step(params, loss_of, {rate}) (call {k + 1})")
        seen.append({n: getattr(params[n], "data", None) for n in params})
        losses.append(getattr(returned, "data", returned))
    if not calls and seen[-1] == start:
        return Feedback(
            "unanswered",
            "Not answered yet, or your train_step never calls loss_of(params): the parameters did not "
            "move. Write its body, run that cell, then this check again.",
        )
    for row in seen:
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row.values()):
            raise _Invalid("after your train_step a parameter's .data is not a number.")

    def follows(path) -> bool:
        return all(_matches(row[n], p[n]) for row, p in zip(seen, path) for n in p)

    if follows(_descend(start, stale, rate, "right")):
        expected = [trace(lambda w, b, c: (w * 2.0 + b * c + -0.5) ** 2, **p).value for p in [start, seen[0]]]
        if any(x is None for x in losses):
            return _wrong("the parameters move as they should; now return the loss, so a training loop can plot it.")
        try:
            if all(_matches(float(x), e) for x, e in zip(losses, expected)):
                return _right("Reset, backward, step: one iteration of every training loop.")
        except (TypeError, ValueError):
            pass
        return _wrong("the parameters move as they should, but return the loss computed at the start of the step.")
    for variant, message in _STEP_MISTAKES.items():
        if follows(_descend(start, stale, rate, variant)):
            return _wrong(message)
    return _wrong(
        "after your step the parameters are not where one step of gradient descent puts them: "
        "p.data -= learning_rate * p.grad for every parameter, with the gradients reset before backward()."
    )


# -- the cross-entropy from the logit ------------------------------------------------------------
_MODERATE = (-2.5, -0.3, 0.0, 1.2, 3.0)
_EXTREME = (40.0, -40.0, 800.0, -800.0)


def _stable(z: float, t: float) -> tuple[float, float]:
    """−[t·log σ(z) + (1 − t)·log(1 − σ(z))] and its slope σ(z) − t, without overflow: the
    loss is max(z, 0) − t·z + log(1 + e^−|z|)."""
    return max(z, 0.0) - t * z + math.log1p(math.exp(-abs(z))), 0.5 * (1.0 + math.tanh(z / 2)) - t


def _failing_log(z: float, t: int) -> str:
    if (z > 0) == (t == 0):
        side = "1" if z > 0 else "0"
        log = "log(1 − σ(z))" if z > 0 else "log σ(z)"
        return f"σ({number(z)}) rounds to exactly {side} in floating point, so {log} is log(0)"
    return "e to the power of a large number overflows"


@checker
def check_logit_loss(value_class, answer) -> Feedback:
    """Does ``answer(z, t)`` give the cross-entropy −[t·log σ(z) + (1 − t)·log(1 − σ(z))] of a
    logit ``z`` (a Value of your class) and a label ``t`` (0 or 1), as a Value whose backward()
    gives ∂L/∂z = σ(z) − t, for any logit, however large?"""
    value_class = _value_class(value_class)
    problem = _unusable(answer, "cross_entropy", "z, t")
    if problem is not None:
        return problem
    rows = []  # (z, t, value, grad, reference value, reference grad)
    for z in _MODERATE + _EXTREME:
        for t in (0, 1):
            where = f"cross_entropy(Value({number(z)}), {t})"
            try:
                got = _outcome(value_class, lambda v, t=t: answer(v, t), [("value", z)], where)
            except _Invalid as e:
                if z in _EXTREME and all(_matches(v, rv) for _, _, v, _, rv, _ in rows):
                    return _wrong(
                        f"right for moderate logits, but {e} Here {_failing_log(z, t)}. Compute the logs from "
                        "the logit: log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z)."
                    )
                raise
            if got is None:
                return _returns_none("your loss returns None")
            value, (grad,) = got
            rows.append((z, t, value, grad, *_stable(z, t)))
            if not math.isfinite(value) and z in _EXTREME:
                return _wrong(
                    f"at z = {number(z)}, t = {t} your loss is {value}: {_failing_log(z, t)}. Compute the logs "
                    "from the logit: log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z)."
                )
    if all(_matches(v, rv) and _matches(g, rg) for _, _, v, g, rv, rg in rows):
        return _right("The loss from the logit, finite for every z, and its slope σ(z) − t.")
    moderate = [row for row in rows if row[0] in _MODERATE]
    if all(_matches(v, rv) for _, _, v, _, rv, _ in moderate):
        if any(not _matches(v, rv) for _, _, v, _, rv, _ in rows):
            z, t = next((z, t) for z, t, v, _, rv, _ in rows if not _matches(v, rv))
            return _wrong(f"right for moderate logits, but not at z = {number(z)}, t = {t}: {_failing_log(z, t)}.")
        if all(g == 0 for _, _, _, g, _, _ in rows):
            return _wrong(
                "right values, but backward() never reaches z: build the loss from operations on the Value z "
                "(a Value made from a plain number has no parents)."
            )
        z, t, _, g, _, _ = next(row for row in rows if not _matches(row[3], row[5]))
        return _wrong(
            f"right values, but at z = {number(z)}, t = {t} backward() gives ∂L/∂z = {number(g)}, not σ(z) − t: "
            "check the partials of the operations you used."
        )
    if all(_matches(-v, rv) for _, _, v, _, rv, _ in moderate):
        return _wrong("that is −L: the loss is minus the log-likelihood, −[t·log σ(z) + …], a positive number.")
    if all(_matches(v, _stable(z, 1 - t)[0]) for z, t, v, *_ in moderate):
        return _wrong("the labels are swapped: for t = 1 the loss is −log σ(z), for t = 0 it is −log(1 − σ(z)).")
    for label in (0, 1):
        if all(_matches(v, rv) for z, t, v, _, rv, _ in moderate if t == label):
            other = "−log(1 − σ(z)) = softplus(z)" if label == 1 else "−log σ(z) = softplus(−z)"
            return _wrong(f"right for t = {label}; for t = {1 - label} the loss is {other}.")
    if all(_matches(v, (0.5 * (1 + math.tanh(z / 2)) - t) ** 2) for z, t, v, *_ in moderate):
        return _wrong("that is the squared error (σ(z) − t)², not the cross-entropy.")
    z, t, v, _, _, _ = next(row for row in moderate if not _matches(row[2], row[4]))
    return _wrong(
        f"at z = {number(z)}, t = {t} your loss is {number(v)}; the cross-entropy is "
        "−[t·log σ(z) + (1 − t)·log(1 − σ(z))]."
    )
