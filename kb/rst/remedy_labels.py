"""A section that tells what is seen and then labels its remedy, whatever its title says.

"A multipath.conf file claims all SCSI devices" / "A multipath.conf file without a blacklist
claims every SCSI device." / "**Workaround**" / the steps: the title names no failure and
quotes no error, but a remedy labelled as one ("**Workaround**", "**Resolution**", "Solution:")
after an opening that says what happens makes the opening a problem met (gathered31's OpenEBS
troubleshooting page). A label at the top, with no opening before it ("How to fetch the logs?"
over "**Workaround**"), says nothing is met; a diagnosis label ("**Troubleshooting**") is no
remedy.
"""

from docutils import nodes

from .prose import bare_label

_REMEDY_FIELDS = ("solution", "workaround")


def opens_then_labels_its_remedy(blocks: list) -> bool:
    """The section's blocks open on a paragraph that is no label, and a later one is a bare
    label naming a fix or a workaround."""
    paragraphs = [b for b in blocks if isinstance(b, nodes.paragraph)]
    if not paragraphs or blocks[0] is not paragraphs[0] or bare_label(paragraphs[0]):
        return False
    return any(bare_label(p) in _REMEDY_FIELDS for p in paragraphs[1:])
