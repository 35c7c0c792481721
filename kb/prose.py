"""An issue's prose fields and what an import writes, named once.

Pure (no Django): the RST/Markdown parser, the sync step, the model's
fingerprint, the admin and the API all read these, so a new field added here
reaches edit detection (Issue.content_fingerprint) and every surface together.
"""

# The prose a document writes beside the lines of its "Log signatures" and "Log signs" sections:
# where upstream each message comes from and why it is a signature, or only a sign. One field per
# section, so that export writes each back into its own section with nothing to tell them apart.
SIGNATURE_NOTES_FIELDS = ("signature_notes", "sign_notes")
# Markdown fields of an issue, in reading order.
PROSE_FIELDS = ("symptoms", "root_cause", "solution", "workaround", "details", *SIGNATURE_NOTES_FIELDS)
# What an import writes to an issue; Issue.content_fingerprint hashes exactly these, so an
# editor's change to any of them (and only to them) counts as an edit since the import.
IMPORTED_FIELDS = ("title", "status", *PROSE_FIELDS, "environment")
