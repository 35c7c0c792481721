"""Words of a line or of prose, for the IDF-weighted evidence and for search.

Compound identifiers are common in logs (MessagingTimeout, max_pool_size,
DBConnectionError); they are kept whole (exact evidence) and also split into
their parts, so prose that says "pool size" or "timeout" meets them.
"""

import re

from .normalize import PLACEHOLDER_RE

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,79}|\d+")
_PART = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_CONTRACTION = re.compile(r"n't\b")

# English function words (the indefinite pronouns too: `nothing` was a lead): never evidence.
STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into onto as is are was
    were be been being am it its this that these those there here we you he she they i me my our
    your their his her them us do does did done has have had having will shall may might must
    can could would should so such than too very just also not no nor only own same s t
    about above after again against all any both each few more most other some what which who
    whom why how when where while until up down out over under once off per via yet
    during before between through within without because since among across upon despite
    except along around whether though although unless
    nothing something anything everything nobody somebody anybody everybody
    noone someone anyone everyone""".split()
)

# Words every log is full of. They still count, but weakly: their presence says
# little about which known issue a line belongs to (calibration: engine.py).
COMMON = frozenset(
    """error errors err warning warn info debug trace critical fatal exception exceptions
    traceback recent call last file line self return raise raised failed failure fail fails
    failing unable cannot cant could couldnt unexpected unknown invalid internal occurred
    get post put delete head patch http https request requests response status code message
    msg value values id ids name type data object objects true false none null ok
    start started starting stop stopped stopping run running process processing service
    services server client connection connections connect port host node using use used
    time seconds second ms sec took timestamp date log logs logging logger new old
    py usr lib python python2 python3 dist packages site local var opt etc bin sbin home
    root src pkg go main init module modules function method class args kwargs result
    handle handler handling find found check checking update updated create created
    delete deleted list listing read write wrote open close closed set get got default""".split()
)


def _parts(word: str) -> list[str]:
    if "_" in word:
        return [p.lower() for p in word.split("_") if len(p) > 1]
    if word.islower() or word.isupper():
        return []
    return [p.lower() for p in _PART.findall(word) if len(p) > 1]


def words(text: str) -> list[str]:
    """Ordered lower-case words with compound parts; placeholders and most numbers dropped.

    Numbers of three or four digits are kept: 429, 500, 2003, 1213 are what an
    operator greps for; shorter ones are counts, longer ones ids and sizes.
    """
    text = PLACEHOLDER_RE.sub(" ", text)
    if "\u2019" in text:  # typographic apostrophe: "can\u2019t" is "can't"
        text = text.replace("\u2019", "'")
    if "n't" in text:
        text = _CONTRACTION.sub("nt", text)
    out: list[str] = []
    for word in _WORD.findall(text):
        if word[0].isdigit():
            if 3 <= len(word) <= 4:
                out.append(word)
            continue
        out.append(word.lower())
        parts = _parts(word)
        if len(parts) > 1:
            out.extend(parts)
    return out


def terms(tokens: list[str]) -> list[str]:
    """The tokens that can be evidence: no stop words, no single characters."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS]
