"""Parsing RST incident reports into plain records (no database here)."""

from .errors import RstImportError
from .parser import parse_bytes, parse_file
from .records import ParsedDocument, ParsedIssue, ParsedLink, ParsedRelation, ParsedSignature

__all__ = [
    "ParsedDocument",
    "ParsedIssue",
    "ParsedLink",
    "ParsedRelation",
    "ParsedSignature",
    "RstImportError",
    "parse_bytes",
    "parse_file",
]
