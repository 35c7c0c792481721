"""Parsing RST incident reports into plain records (no database here)."""

from .errors import RstImportError
from .parser import DOCUMENT_SUFFIXES, parse_bytes, parse_file
from .records import ParsedDocument, ParsedIssue, ParsedLink, ParsedRelation, ParsedSignature

__all__ = [
    "DOCUMENT_SUFFIXES",
    "ParsedDocument",
    "ParsedIssue",
    "ParsedLink",
    "ParsedRelation",
    "ParsedSignature",
    "RstImportError",
    "parse_bytes",
    "parse_file",
]
