"""A match's score as a person reads it, the same on every surface that shows it to one.

The page, text/plain answers, `manage.py match` and the chat replies write a score with
score_text(); JSON keeps the number (rounded to 3 places, kb.analysis). Before, each surface
formatted the float itself: 0.855 showed as "86%" on the page and "0.85" in a terminal (a binary
float's :.2f rounds 0.855 down). Pure: no Django.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def score_text(score) -> str:
    """A score in [0, 1] as a whole percentage, "86%": from the value JSON gives (3 places),
    rounded half up as a person rounds it. Anything not a number: ""."""
    try:
        exact = Decimal(repr(round(float(score), 3)))
    except (TypeError, ValueError, OverflowError, InvalidOperation):
        return ""
    if not exact.is_finite():
        return ""
    return f"{(exact * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
