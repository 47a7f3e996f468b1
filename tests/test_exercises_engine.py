"""Lesson 10's checks on the parts of your own engine: an operation of a Value class, zero_grad,
one training step and the cross-entropy from the logit. Each is run with right answers, with the
mistakes it names, and (hypothesis) with wrong or broken answers, which it never marks right and
never raises on."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autodiff_core.exercises.engine import check_value_op
from autodiff_core.exercises.engine_loop import check_logit_loss, check_train_step, check_zero_grad
from autodiff_core.exercises.feedback import ArgumentError


class Value:
    """The lesson's engine, as the student has it before writing the missing parts."""

    def __init__(self, data, parents=(), partials=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)
        self.partials = tuple(partials)

    @staticmethod
    def lift(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value.lift(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = Value.lift(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __neg__(self):
        return Value(-self.data, (self,), (-1.0,))

    def __pow__(self, c):
        return Value(self.data**c, (self,), (c * self.data ** (c - 1),))

    __radd__, __rmul__ = __add__, __mul__

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return Value.lift(other) - self

    def sigmoid(self):
        s = 0.5 * (1 + math.tanh(self.data / 2))
        return Value(s, (self,), (s * (1 - s),))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def softplus(self):
        a = self.data
        return Value(max(a, 0.0) + math.log1p(math.exp(-abs(a))), (self,), (0.5 * (1 + math.tanh(a / 2)),))

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            v, expanded = stack.pop()
            if expanded:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack += [(v, True)] + [(p, False) for p in v.parents]
        adjoint = {id(v): 0.0 for v in order}
        adjoint[id(self)] = 1.0
        for v in reversed(order):
            for parent, partial in zip(v.parents, v.partials):
                adjoint[id(parent)] += adjoint[id(v)] * partial
        for v in order:
            v.grad += adjoint[id(v)]


def tanh_with(partial):
    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), (partial(t, self.data),))

    return tanh


def binary_with(fn, partials):
    """An operation with the value fn(a, b) and the partials (∂/∂a, ∂/∂b) given as functions."""

    def op(self, other):
        other = Value.lift(other)
        a, b = self.data, other.data
        return Value(fn(a, b), (self, other), tuple(p(a, b) for p in partials))

    return op


def zero_grad(params):
    for p in params.values():
        p.grad = 0.0


def train_step_with(reset="before", sign=-1.0, rate=1.0, returns=True):
    def train_step(params, loss_of, learning_rate):
        if reset == "before":
            zero_grad(params)
        loss = loss_of(params)
        loss.backward()
        if reset == "between":
            zero_grad(params)
        for p in params.values():
            p.data += sign * rate * learning_rate * p.grad
        if reset == "after":
            zero_grad(params)
        return loss if returns else None

    return train_step


# -- right answers, and the mistakes each check names -----------------------------------------
def test_value_op_tanh():
    assert check_value_op(Value, "tanh", tanh_with(lambda t, a: 1 - t * t)).status == "right"
    assert check_value_op(Value, "tanh", answer=tanh_with(lambda t, a: 1 / math.cosh(a) ** 2)).status == "right"
    assert check_value_op(Value, "tanh", tanh_with(lambda t, a: None)).status == "unanswered"
    assert check_value_op(Value, "tanh", None).status == "unanswered"
    assert "the value, not its derivative" in check_value_op(Value, "tanh", tanh_with(lambda t, a: t)).message
    assert "written with the input a" in check_value_op(Value, "tanh", tanh_with(lambda t, a: 1 - a * a)).message
    assert "wrong sign" in check_value_op(Value, "tanh", tanh_with(lambda t, a: t * t - 1)).message
    assert "same factor" in check_value_op(Value, "tanh", tanh_with(lambda t, a: 2 - 2 * t * t)).message
    assert "parent" in check_value_op(Value, "tanh", lambda self: Value(math.tanh(self.data))).message
    plain = check_value_op(Value, "tanh", lambda self: math.tanh(self.data))
    assert plain.status == "invalid" and "return a Value" in plain.message
    typo = check_value_op(Value, "tanh", lambda self: Value(math.tanh(self.dat)))
    assert typo.status == "invalid" and "AttributeError" in typo.message and "tanh(Value(−1.7))" in typo.message
    assert "`typo = check_value_op(" in typo.message  # the line of the student's code
    assert check_value_op(Value, "sigmoid", Value.sigmoid).status == "right"
    assert check_value_op(Value, "log", Value.log).status == "right"  # checked at positive points


def test_value_op_sub_and_truediv():
    assert check_value_op(Value, "sub", lambda s, o: s + (-o)).status == "right"
    assert check_value_op(Value, "sub", binary_with(lambda a, b: a - b, (lambda a, b: 1.0, lambda a, b: -1.0))).correct
    assert check_value_op(Value, "truediv", lambda s, o: s * o**-1).status == "right"
    own = binary_with(lambda a, b: a / b, (lambda a, b: 1 / b, lambda a, b: -a / b**2))
    assert check_value_op(Value, "truediv", answer=own).status == "right"
    assert check_value_op(Value, "sub", lambda s, o: None).status == "unanswered"
    assert "other way round" in check_value_op(Value, "sub", lambda s, o: -s + o).message
    assert "other way round" in check_value_op(Value, "truediv", lambda s, o: Value.lift(o) * s**-1).message
    assert "not a − b" in check_value_op(Value, "sub", lambda s, o: s + o).message
    up = binary_with(lambda a, b: a - b, (lambda a, b: 1.0, lambda a, b: 1.0))
    assert "wrong sign" in check_value_op(Value, "sub", up).message
    cut = lambda s, o: Value(s.data - Value.lift(o).data, (s,), (1.0,))
    assert "never reaches other" in check_value_op(Value, "sub", cut).message
    no_lift = check_value_op(Value, "sub", lambda s, o: Value(s.data - o.data, (s, o), (1.0, -1.0)))
    assert no_lift.status == "invalid" and "Value.lift" in no_lift.message
    swapped = binary_with(lambda a, b: a / b, (lambda a, b: -a / b**2, lambda a, b: 1 / b))
    assert "swapped" in check_value_op(Value, "truediv", swapped).message
    kept_once = lambda s, o: Value(s.data - o.data, (s,), (1.0,)) if o is s else s + (-o)
    assert "both edges" in check_value_op(Value, "sub", kept_once).message


def test_value_op_arguments():
    with pytest.raises(ArgumentError, match="Value class"):
        check_value_op(Value(1.0), "tanh", Value.sigmoid)
    with pytest.raises(ArgumentError, match="no operation 'cosh'"):
        check_value_op(Value, "cosh", Value.sigmoid)
    with pytest.raises(ArgumentError, match="answer missing"):
        check_zero_grad(Value)
    assert check_value_op(Value, "tanh", "1 - t**2").status == "invalid"
    two = check_value_op(Value, "tanh", lambda self, other: self)
    assert two.status == "invalid" and "takes 2 parameters" in two.message
    assert "takes 1 parameter" in check_train_step(Value, lambda params: None).message


def test_zero_grad():
    assert check_zero_grad(Value, zero_grad).status == "right"
    assert check_zero_grad(Value, answer=zero_grad).status == "right"
    assert check_zero_grad(Value, None).status == "unanswered"
    assert check_zero_grad(Value, lambda params: None).status == "unanswered"

    def keys(params):
        for p in params:
            p.grad = 0.0

    def data(params):
        for p in params.values():
            p.data = 0.0

    def to_none(params):
        for p in params.values():
            p.grad = None

    def first(params):
        next(iter(params.values())).grad = 0.0

    def replace(params):
        for name in params:
            params[name] = Value(params[name].data)

    assert "params.values()" in check_zero_grad(Value, keys).message
    assert ".data" in check_zero_grad(Value, data).message
    assert "not None" in check_zero_grad(Value, to_none).message
    assert "b, c still have" in check_zero_grad(Value, first).message
    assert "new collection" in check_zero_grad(Value, lambda params: {n: 0.0 for n in params}).message
    replaced = check_zero_grad(Value, replace)
    assert replaced.status == "right" and "same objects" in replaced.message


def test_train_step():
    assert check_train_step(Value, train_step_with()).status == "right"
    assert check_train_step(Value, answer=train_step_with()).status == "right"
    assert check_train_step(Value, None).status == "unanswered"
    assert check_train_step(Value, lambda params, loss_of, rate: None).status == "unanswered"
    assert "never reset" in check_train_step(Value, train_step_with(reset="never")).message
    assert "after the update" in check_train_step(Value, train_step_with(reset="after")).message
    assert "update read 0" in check_train_step(Value, train_step_with(reset="between")).message
    assert "up the slope" in check_train_step(Value, train_step_with(sign=1.0)).message
    assert "learning rate" in check_train_step(Value, train_step_with(rate=10.0)).message  # rate·0.1 = 1
    assert "return the loss" in check_train_step(Value, train_step_with(returns=False)).message
    assert check_train_step(Value, train_step_with(rate=2.0)).status == "wrong"


def stable(z, t):
    return z.softplus() - t * z


def test_logit_loss():
    assert check_logit_loss(Value, stable).status == "right"
    assert check_logit_loss(Value, answer=lambda z, t: t * (-z).softplus() + (1 - t) * z.softplus()).correct
    assert check_logit_loss(Value, None).status == "unanswered"
    assert check_logit_loss(Value, lambda z, t: None).status == "unanswered"
    naive = check_logit_loss(Value, lambda z, t: -(t * z.sigmoid().log() + (1 - t) * (1 - z.sigmoid()).log()))
    assert naive.status == "wrong" and "log(0)" in naive.message and "softplus" in naive.message
    assert "−L" in check_logit_loss(Value, lambda z, t: t * z - z.softplus()).message
    assert "swapped" in check_logit_loss(Value, lambda z, t: z.softplus() - (1 - t) * z).message
    assert "right for t = 1" in check_logit_loss(Value, lambda z, t: (-z).softplus()).message
    assert "squared error" in check_logit_loss(Value, lambda z, t: (z.sigmoid() - t) ** 2).message
    detached = check_logit_loss(Value, lambda z, t: Value(stable(z, t).data))
    assert "never reaches z" in detached.message


def test_the_checks_agree_with_the_package_on_the_loss():
    from autodiff_core import log, sigmoid, trace

    for z in (-3.0, -0.2, 0.0, 1.7):
        for t in (0, 1):
            g = trace(lambda z, t=t: -(t * log(sigmoid(z)) + (1 - t) * log(1 - sigmoid(z))), z=z)
            mine = Value(z)
            loss = stable(mine, t)
            loss.backward()
            assert loss.data == pytest.approx(g.value, rel=1e-12)
            assert mine.grad == pytest.approx(g.gradient()["z"], rel=1e-9, abs=1e-15)


# -- hypothesis: wrong answers are never right, and nothing the student writes makes a check raise --
def anything():
    return st.one_of(
        st.none(), st.integers(), st.floats(), st.text(max_size=3), st.lists(st.integers(), max_size=2), st.booleans()
    )


def misbehaving():
    """A function that returns anything, or raises."""
    errors = st.sampled_from([ValueError, TypeError, ZeroDivisionError, AttributeError, KeyError, RuntimeError])
    return st.one_of(
        anything().map(lambda out: lambda *args: out),
        errors.map(lambda e: lambda *args: (_ for _ in ()).throw(e("boom"))),
    )


STATUSES = {"right", "wrong", "close", "unanswered", "invalid"}


@settings(max_examples=60, deadline=None)
@given(misbehaving())
def test_a_broken_answer_gets_feedback_never_an_error(answer):
    for feedback in (
        check_value_op(Value, "tanh", answer),
        check_value_op(Value, "sub", answer),
        check_zero_grad(Value, answer),
        check_train_step(Value, answer),
        check_logit_loss(Value, answer),
    ):
        assert feedback.status in STATUSES and feedback.status != "right"


@settings(max_examples=80, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3), st.floats(-0.5, 0.5))
def test_a_wrong_tanh_is_never_right(c0, c1, c2, shift):
    assume(abs(c0 - 1) + abs(c1) + abs(c2 + 1) + abs(shift) > 1e-2)

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t + shift, (self,), (c0 + c1 * t + c2 * t * t,))

    assert check_value_op(Value, "tanh", tanh).status != "right"


@settings(max_examples=80, deadline=None)
@given(st.floats(-2, 2), st.floats(-2, 2), st.floats(-0.5, 0.5), st.sampled_from(["sub", "truediv"]))
def test_a_wrong_sub_or_truediv_is_never_right(alpha, beta, shift, name):
    assume(abs(alpha - 1) + abs(beta - 1) + abs(shift) > 1e-2)
    if name == "sub":
        op = binary_with(lambda a, b: a - b + shift, (lambda a, b: alpha, lambda a, b: -beta))
    else:
        op = binary_with(lambda a, b: a / b + shift, (lambda a, b: alpha / b, lambda a, b: -beta * a / b**2))
    assert check_value_op(Value, name, op).status != "right"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0, 1.0, -2.5, None]), min_size=3, max_size=3), st.booleans())
def test_zero_grad_is_right_only_when_every_grad_is_zero_and_no_value_moved(new_grads, move):
    def answer(params):
        for p, g in zip(params.values(), new_grads):
            p.grad = g
        if move:
            next(iter(params.values())).data += 1.0

    right = all(g is not None and g == 0 for g in new_grads) and not move
    assert (check_zero_grad(Value, answer).status == "right") == right


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["before", "never", "between", "after"]),
    st.sampled_from([-1.0, 1.0]),
    st.sampled_from([0.5, 1.0, 1.1, 2.0, 10.0]),
)
def test_a_training_step_is_right_only_when_it_resets_first_and_steps_down(reset, sign, rate):
    right = reset == "before" and sign == -1.0 and rate == 1.0
    assert (check_train_step(Value, train_step_with(reset, sign, rate)).status == "right") == right


@settings(max_examples=80, deadline=None)
@given(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2), st.sampled_from([0.0, 0.5]))
def test_a_loss_is_right_only_when_it_is_the_cross_entropy(alpha, beta, gamma, delta):
    def loss(z, t):
        return alpha * z.softplus() + beta * t * z + gamma * (-z).softplus() + delta

    right = (alpha, beta, gamma, delta) == (1, -1, 0, 0.0)
    assert (check_logit_loss(Value, loss).status == "right") == right


# -- the lesson's own cells: its templates are 'not answered yet', its versions are right ------
def test_the_lessons_templates_and_versions(capsys):
    import nbformat

    from support import REPO

    nb = nbformat.read(REPO / "notebooks" / "10_your_engine_trains.ipynb", as_version=4)
    source = {cell.id: cell.source for cell in nb.cells}
    ns = {"check_value_op": check_value_op, "check_zero_grad": check_zero_grad}
    ns.update(check_train_step=check_train_step, check_logit_loss=check_logit_loss)
    exec("import math", ns)
    run = lambda cell_id: exec(source[cell_id], ns)
    run("743a81ba")  # the class
    for template in ("a1c0e002", "a1c0e007", "a1c0e011", "a1c0e014"):  # tanh, − and /, zero_grad, train_step
        run(template)
    Value = ns["Value"]
    assert check_value_op(Value, "tanh", ns["tanh"]).status == "unanswered"
    assert check_value_op(Value, "sub", ns["sub"]).status == "unanswered"
    assert check_value_op(Value, "truediv", ns["truediv"]).status == "unanswered"
    run("a1c0e005")  # the lesson's versions take over while the templates are unanswered
    run("a1c0e010")
    assert Value.tanh is ns["lessons_tanh"] and Value.__sub__ is ns["lessons_sub"]
    assert check_value_op(Value, "tanh", ns["lessons_tanh"]).status == "right"
    assert check_value_op(Value, "sub", ns["lessons_sub"]).status == "right"
    assert check_value_op(Value, "truediv", ns["lessons_truediv"]).status == "right"
    assert check_zero_grad(Value, ns["zero_grad"]).status == "unanswered"
    assert check_train_step(Value, ns["train_step"]).status == "unanswered"
    run("a1c0e016")
    assert check_zero_grad(Value, ns["zero_grad"]).status == "right"
    assert check_train_step(Value, ns["train_step"]).status == "right"
    run("a1c0e020")  # softplus
    run("a1c0e022")
    assert check_logit_loss(Value, ns["cross_entropy"]).status == "unanswered"
    run("a1c0e024")
    assert check_logit_loss(Value, ns["cross_entropy"]).status == "right"
    naive = check_logit_loss(Value, lambda z, t: -(t * z.sigmoid().log() + (1 - t) * (1 - z.sigmoid()).log()))
    assert "log(0)" in naive.message
    assert "the lesson's" in capsys.readouterr().out


def test_an_answer_that_is_not_a_function_of_the_right_parameters_says_so():
    for check, name, params in (
        (lambda a: check_value_op(Value, "sub", a), "sub", "self, other"),
        (lambda a: check_zero_grad(Value, a), "zero_grad", "params"),
        (lambda a: check_train_step(Value, a), "train_step", "params, loss_of, learning_rate"),
        (lambda a: check_logit_loss(Value, a), "cross_entropy", "z, t"),
    ):
        fb = check(3.0)
        assert fb.status == "invalid" and f"def {name}({params}): ..." in fb.message and "not a float" in fb.message
        n = len(params.split(", "))
        fb = check(lambda *never, x, y, z: None)  # takes no positional argument
        assert fb.status == "invalid" and f"{name} is called with {n}: ({params})" in fb.message, fb.message
