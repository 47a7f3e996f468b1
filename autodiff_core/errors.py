"""The errors a student can meet: bad expression text, bad numbers, a bad custom rule."""


class ExpressionError(ValueError):
    """A typed expression (or a trace call) that cannot be turned into a graph.

    ``column`` is the 1-based column in the text where the problem is, or None.
    """

    def __init__(self, message: str, column: int | None = None, text: str | None = None):
        self.column = column
        self.text = text
        if column is not None:
            message = f"{message} (column {column})"
        super().__init__(message)


class DomainError(ValueError, ArithmeticError):
    """A value outside an operation's domain: log(-1), 1/0, sqrt(-4), overflow.

    ``node`` is the plain name of the node (for example ``w1_2``) when known,
    ``rule`` how it is computed, ``value`` the offending input value.
    """

    def __init__(self, message: str, node: str | None = None, rule: str | None = None, value: float | None = None):
        self.node = node
        self.rule = rule
        self.value = value
        super().__init__(message)


class RuleError(TypeError):
    """A custom primitive (:func:`autodiff_core.primitive`) declared wrongly, or whose
    evaluation or partial misbehaves when used (raises, or returns something that is not
    a number). The message names the primitive, the partial and the point."""
