"""An issue told in one sentence under a topic title: the failure, its cause, what to do.

"If live migration fails because the nodes have incompatible hardware, refer to the
configuration guide.": under "Live migration", a title that states no failure, one sentence
gives the failure under a condition, its cause ("because", "due to") and the remedy or where it
is told. gathered32's Hyper-V page told its one issue so. Reading every sentence's "If ..., you
will see errors" invented issues before (gathered31's study): here the sentence must hold the
failure, its cause and a remedy or a pointer to one, all three.
"""

import re

from . import cues, structures

_FAILS_BECAUSE = re.compile(r"^\W*(if|when)\b[^,.;]{0,80}\b(fails?|failed|failing|crash(es|ed)?|breaks?)\b"
                            r"[^,.;]{0,40}\b(because|due to)\b", re.I)
_POINTS_TO = re.compile(r"^\W*(refer to|see|consult|follow)\b", re.I)


def remedies_or_points(clause: str) -> bool:
    """A remedy, or a pointer to where the remedy is told ("refer to the configuration guide")."""
    return cues.states_remedy(clause) or bool(_POINTS_TO.match(clause))


def tells_failure_cause_and_remedy(sentence: str) -> bool:
    return bool(_FAILS_BECAUSE.search(sentence)) and remedies_or_points(structures.main_clause(sentence))
