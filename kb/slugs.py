"""The one way kb makes a slug: for documents, imported issues, issues made from the unknown
queue and issues created through the API without one.

`make_slug` is pure (the parser uses it before anything touches the database); `taken`
says whether a candidate is in use (a set's __contains__, or a query). `free_slug` is it
with the database saying what is taken; the model is passed in, so this module imports none.
"""

from collections.abc import Callable

from django.utils.text import slugify

# Issue.slug and Document.slug hold COLUMN_LENGTH. A slug kb derives (from a title, a path) is
# cut at SLUG_LENGTH, leaving room for "<document>-" prefixes and "-2" suffixes; a slug an
# author states (`:slug:` in a document) is kept up to the column's length. Changing either
# changes the slugs of existing issues on their next import.
COLUMN_LENGTH = 100
SLUG_LENGTH = 80


def make_slug(text: str, *, taken: Callable[[str], bool] = lambda slug: False, fallback: str = "issue",
              max_length: int = SLUG_LENGTH, numbering: dict | None = None) -> str:
    """A slug of `text` (ASCII, lower case, hyphens) of at most max_length, with -2, -3... when taken.

    `numbering`, for a caller that takes every slug returned and whose `taken`
    only grows: where the search for each base goes on, so that a title
    repeated n times costs n tries, not n²/2 (the 5 MiB bench document
    repeats each issue title 181 times). The slugs are the same.
    """
    base = slugify(text)[:max_length].strip("-") or fallback
    key = (base, max_length)
    number = numbering.get(key, 1) if numbering is not None else 1
    while True:
        suffix = f"-{number}"
        slug = base if number == 1 else f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
        if not taken(slug):
            break
    if numbering is not None:
        numbering[key] = number  # every candidate before it is taken, and stays taken
    return slug


def free_slug(model, text: str, *, fallback: str = "issue") -> str:
    """A slug of `text` no row of `model` (Issue, Document) has yet, with -2, -3... when taken."""
    return make_slug(text, taken=lambda slug: model.objects.filter(slug=slug).exists(), fallback=fallback)
