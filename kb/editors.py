"""Who saves: the name recorded beside each version of an issue or a signature (updated_by).

An editor refused because the object changed since they opened it is told who made the newer
version; before this, only an admin save could be named (from the admin's log), and an edit
through the API, an import or a signature's own page read as "someone else".

The saver is set where the work starts (a request: kb.middleware.EditorMiddleware; a command:
`saving_as("manage.py import_docs")`) and read where a version is written: EditorField as a
row is saved, and the UPDATEs that make a version without a save (kb.signals.touch_issues,
the API's conditional writes).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db import models

# A name, or a request whose user is read when a row is written: the API's token user is
# known only once DRF has authenticated, after every middleware has run (DRF then sets it
# on the request, as django.contrib.auth's login does).
_saver: ContextVar = ContextVar("kb_saver", default=None)


@contextmanager
def saving_as(saver):
    """Saves made inside are recorded as `saver`'s: a name, or a request (its user)."""
    token = _saver.set(saver)
    try:
        yield
    finally:
        _saver.reset(token)


def current_saver() -> str:
    """The username (or command) saving now; "" when nobody is known (a shell, a test)."""
    saver = _saver.get()
    if saver is None or isinstance(saver, str):
        return saver or ""
    user = getattr(saver, "user", None)
    return user.get_username() if user is not None and user.is_authenticated else ""


def last_save(saved_by: str, saved_at: datetime, what: str) -> str:
    """'alice saved this issue at 2026-12-06 22:40:01 UTC': the refusal's words, on every surface."""
    return f"{saved_by or 'someone else'} saved this {what} at {saved_at:%Y-%m-%d %H:%M:%S} UTC"


class EditorField(models.CharField):
    """Who made the row's version: set on every save, as auto_now sets updated_at beside it."""

    def pre_save(self, model_instance, add):
        value = current_saver()[: self.max_length]
        setattr(model_instance, self.attname, value)
        return value
