"""Log signs: the importer reads them as signatures that are signs, and a re-import follows them.

A sign is a message the issue logs that other failures log too (README, Importing knowledge;
kb.models.Signature.is_sign). Matching makes it a lead, never a confident answer alone
(tests/test_matching_signs.py). The prose beside the lines of both sections is kept apart from
them, as the issue's signature_notes and sign_notes.
"""

import pytest

from kb import sync
from kb.models import Issue, Signature
from kb.rst import parse_bytes

DOCUMENT = """
Lab
===

Port binding fails after a migration
------------------------------------

Symptoms
~~~~~~~~

The instance ends in ERROR after its migration; nova-compute logs::

    Binding failed for port 3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b, please check neutron logs
    for more information.

Log signatures
~~~~~~~~~~~~~~

Nova binds the port for the destination host before it migrates (``bind_ports_to_host`` in
``nova/network/neutron.py``), so this line is logged by a migration only.

::

    Binding failed for port <UUID> and host <*>.

Log signs
~~~~~~~~~

Nova logs this at any spawn whose port did not bind, not only after a migration.

::

    Binding failed for port <UUID>, please check neutron logs for more information.
    Failed to bind port <UUID> on host <*>

- ``Failed to bind port ...`` is *ML2's* message for any binding no driver could make.
"""


def parsed_signatures(text: str) -> dict[str, tuple[str, bool]]:
    (issue,) = parse_bytes("lab.rst", text.encode()).issues
    return {s.text: (s.source, s.sign) for s in issue.signatures}


def test_it_reads_the_lines_under_log_signs_as_signs_and_the_others_not():
    signatures = parsed_signatures(DOCUMENT)
    assert signatures["Binding failed for port <UUID> and host <*>."] == ("curated", False)
    assert signatures["Failed to bind port <UUID> on host <*>"] == ("curated", True)


def test_a_line_its_symptoms_quote_too_is_one_signature_and_a_sign():
    # the Symptoms block derives the same text (its example's UUID made a placeholder, its
    # wrapped line joined): the one signature kept for it is the symptom's, and the Log signs
    # listing makes it a sign
    quoted = "Binding failed for port <UUID>, please check neutron logs for more information."
    assert parsed_signatures(DOCUMENT)[quoted] == ("symptom", True)


def test_a_whole_record_its_symptoms_quote_around_a_listed_sign_is_a_sign_too():
    # a second new user's trial (2026-12-07): Symptoms quoted the agent's whole ERROR record and
    # Log signs listed its message; the record was imported as an ordinary signature, so the
    # agent's real line was answered confidently in spite of the sign
    document = DOCUMENT.replace(
        "    Binding failed for port 3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b, please check neutron logs\n"
        "    for more information.\n",
        "    2016-01-01 10:00:00.000 123 ERROR nova.compute.manager [-] Binding failed for port\n"
        "    3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b, please check neutron logs for more information.\n")
    record = {text: sign for text, (source, sign) in parsed_signatures(document).items()
              if source == "symptom"}
    assert record == {"ERROR nova.compute.manager [-] Binding failed for port <UUID>, please check neutron "
                      "logs for more information.": True}


def test_a_document_without_log_signs_has_no_sign():
    without = DOCUMENT.split("Log signs\n")[0]
    assert not any(sign for _source, sign in parsed_signatures(without).values())


def test_it_keeps_the_prose_of_log_signatures_and_log_signs_beside_their_lines():
    # the prose says where upstream a message comes from and why it is a signature or a sign;
    # it used to be dropped, and with it every citation of the document's source
    (issue,) = parse_bytes("lab.rst", DOCUMENT.encode()).issues
    assert issue.signature_notes == (
        "Nova binds the port for the destination host before it migrates (`bind_ports_to_host` in "
        "`nova/network/neutron.py`), so this line is logged by a migration only.")
    # every block but the literal ones, in order, before the block and after it
    assert issue.sign_notes == (
        "Nova logs this at any spawn whose port did not bind, not only after a migration.\n\n"
        "- `Failed to bind port ...` is *ML2's* message for any binding no driver could make.")


def test_a_section_of_lines_alone_has_no_notes():
    bare = DOCUMENT.replace(
        "Nova binds the port for the destination host before it migrates (``bind_ports_to_host`` in\n"
        "``nova/network/neutron.py``), so this line is logged by a migration only.\n\n", "")
    (issue,) = parse_bytes("lab.rst", bare.split("Log signs\n")[0].encode()).issues
    assert (issue.signature_notes, issue.sign_notes) == ("", "")


def stored() -> dict[str, bool]:
    return dict(Signature.objects.values_list("text", "is_sign"))


@pytest.mark.django_db
def test_it_stores_signs_and_a_reimport_follows_the_document_both_ways():
    sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    assert stored()["Failed to bind port <UUID> on host <*>"] is True
    assert stored()["Binding failed for port <UUID> and host <*>."] is False
    # an editor switched the sign off for this deployment (the switch the document keeps)
    Signature.objects.filter(text="Failed to bind port <UUID> on host <*>").update(is_active=False)
    rows = set(Signature.objects.values_list("pk", flat=True))

    moved = DOCUMENT.replace("    Failed to bind port <UUID> on host <*>\n", "").replace(
        "    Binding failed for port <UUID> and host <*>.\n",
        "    Binding failed for port <UUID> and host <*>.\n    Failed to bind port <UUID> on host <*>\n")
    summary = sync.sync_document(parse_bytes("lab.rst", moved.encode()))
    assert summary.updated and stored()["Failed to bind port <UUID> on host <*>"] is False
    summary = sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    assert summary.updated and stored()["Failed to bind port <UUID> on host <*>"] is True
    # the same rows, updated in place: the editor's switch stays
    assert set(Signature.objects.values_list("pk", flat=True)) == rows
    assert not Signature.objects.get(text="Failed to bind port <UUID> on host <*>").is_active
    assert sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode())).updated == []


@pytest.mark.django_db
def test_it_stores_the_notes_and_a_reimport_keeps_an_editors_edit_of_them():
    sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    issue = Issue.objects.get()
    assert issue.signature_notes.startswith("Nova binds the port for the destination host")
    assert issue.sign_notes.startswith("Nova logs this at any spawn")
    assert not issue.edited_since_import
    changed = DOCUMENT.replace("not only after a migration.", "not only after a live migration.")
    assert sync.sync_document(parse_bytes("lab.rst", changed.encode())).updated == [issue.slug]
    assert Issue.objects.get().sign_notes.startswith("Nova logs this at any spawn whose port did not "
                                                     "bind, not only after a live migration.")
    issue = Issue.objects.get()
    issue.sign_notes = "An editor's reading of the signs."
    issue.save()
    assert issue.edited_since_import

    summary = sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    assert summary.kept_edits == [issue.slug]
    assert Issue.objects.get().sign_notes == "An editor's reading of the signs."
    sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()), overwrite_edits=True)
    assert Issue.objects.get().sign_notes.startswith("Nova logs this at any spawn whose port did not "
                                                     "bind, not only after a migration.")


@pytest.mark.django_db
def test_an_issue_imported_before_the_notes_gains_them_on_its_next_import():
    sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    # as the import before migration 0008 left it: no notes, and the fingerprint of that
    issue = Issue.objects.get()
    issue.signature_notes = issue.sign_notes = ""
    issue.import_fingerprint = issue.content_fingerprint()
    issue.save()
    summary = sync.sync_document(parse_bytes("lab.rst", DOCUMENT.encode()))
    assert (summary.updated, summary.kept_edits) == ([issue.slug], [])
    issue.refresh_from_db()
    assert issue.signature_notes and issue.sign_notes and not issue.edited_since_import
