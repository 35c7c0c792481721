"""Writing the knowledge base back to RST that kb's importer reads into the same data.

markdown_to_rst inverts kb/rst/markdown.py, writer lays out a document the
way kb/rst/parser.py reads one, roundtrip names what would not survive a
re-import, and loader (the only module touching the ORM) gathers the records.
"""
