"""A known-issue bullet that only states what must be in place is no issue.

"When installing with the CLI, you must ensure the KUBECONFIG variable is set.", "To reclaim
space online, the node's OS may require the ``discard`` mount option.", "If using the SAN
driver on OpenShift 4.5, make sure the nodes use MD5 for CHAP.": a circumstance or a purpose,
then what it requires, and nothing said to go wrong. A list of known issues holds them beside
its issues (gathered31's Trident page); they are prerequisites of a setup, with no failure to
recognise. One that opens on what happens ("If a class is deleted while the service is down,
the service will not remove it ... it must be deleted by hand") tells an issue and its remedy.
"""

import re

from . import cues
from .prose import SENTENCE

_CIRCUMSTANCE = re.compile(r"^\W*(when|if|to|for|before|while|in order to)\b", re.I)
_REQUIRES = re.compile(
    r"^.{0,80}?\b(must|make sure|ensure|(may |will )?(require|requires|need|needs)|(has|have) to|should)\b",
    re.I)


def only_a_prerequisite(text: str) -> bool:
    """The bullet opens on a circumstance and requires something in its main clause, and none of
    its sentences names a failure."""
    sentences = SENTENCE.split(" ".join(text.split()))
    opening = sentences[0]
    if not _CIRCUMSTANCE.match(opening) or "," not in opening:
        return False
    clause = opening.split(",", 1)[1].strip()  # (what the circumstance is followed by)
    return bool(_REQUIRES.match(clause)) and not any(cues.names_failure(s) for s in sentences)
