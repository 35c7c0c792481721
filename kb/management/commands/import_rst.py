"""`import_rst`, kept for the scripts and habits that use it: the same command as `import_docs`."""

from .import_docs import Command as ImportDocs


class Command(ImportDocs):
    help = "Import RST (or Markdown) troubleshooting documents into kb; the same as import_docs."
