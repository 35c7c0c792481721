"""`import_rst`, kept for the scripts and habits that use it: the same command as `import_docs`."""

from .import_docs import Command as ImportDocs


class Command(ImportDocs):
    help = ("Import RST troubleshooting documents into kb (a directory gives its *.rst files); "
            "import_docs also takes Markdown.")
    suffixes = (".rst",)
