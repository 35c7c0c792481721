"""The one way kb makes a slug: for documents, imported issues and issues made from the unknown queue.

Pure (the parser uses it before anything touches the database); `taken` says
whether a candidate is in use (a set's __contains__, or a query).
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
              max_length: int = SLUG_LENGTH) -> str:
    """A slug of `text` (ASCII, lower case, hyphens) of at most max_length, with -2, -3... when taken."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, number = base, 2
    while taken(slug):
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    return slug
