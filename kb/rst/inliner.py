"""docutils' inline-markup reader, its two big searches skipping text that cannot match.

docutils reads every paragraph, title and list item for inline markup with
two regular expressions: `initial` (the start of emphasis, literals,
references, footnote and substitution references) and `uri` (a standalone
URI or e-mail address). Both begin with a look-behind tried at every
position of the text, and most text holds no markup: on the 5 MiB document
of tests/bench/bench_import.py the searches that found nothing took 1.0 s
of the 3.2 s docutils spent reading it (measured 2026-12-06).

Every match of `initial` holds one of * ` _ | (a footnote reference `[1]_`
ends in `_`) and every match of `uri` a `:` (after the scheme) or an `@`;
a match is a run of characters none of which is whitespace (words, URI and
e-mail characters, markup). So where the text holds none of those
characters there is no match, and otherwise none begins before the run of
non-whitespace around the first of them: the search starts there, which
finds the same match (a look-behind still sees the characters before the
start, and `^` matches only at the real beginning). The result is the one
docutils' own search gives, always; only the time differs.
"""

from docutils.parsers.rst import states

INITIAL_CHARS = "*`_|"
URI_CHARS = ":@"


class Inliner(states.Inliner):
    """states.Inliner with `initial` and `uri` searched from where a match can begin."""

    # docutils fills its patterns in from vars(self.__class__): this class's own
    # namespace, which must hold the pieces (simplename, uric, ...) too.
    locals().update({name: value for name, value in vars(states.Inliner).items() if isinstance(value, str)})

    def init_customizations(self, settings) -> None:
        super().init_customizations(settings)  # builds the patterns again, for each state machine
        uri = self.patterns.uri
        self.patterns.initial = FromFirst(self.patterns.initial, INITIAL_CHARS)
        self.implicit_dispatch = [(FromFirst(uri, URI_CHARS) if pattern is uri else pattern, method)
                                  for pattern, method in self.implicit_dispatch]


class FromFirst:
    """pattern.search(text) started at the whitespace-delimited run holding the first of `chars`.

    For a pattern whose every match holds one of `chars` and no whitespace
    (see the module's docstring). Everything but search() is the pattern's own.
    """

    __slots__ = ("pattern", "chars")

    def __init__(self, pattern, chars: str):
        self.pattern, self.chars = pattern, chars

    def search(self, text: str):
        first = -1
        for char in self.chars:
            at = text.find(char, 0, first) if first >= 0 else text.find(char)
            if at >= 0:
                first = at
        if first < 0:
            return None
        start = first
        while start and not text[start - 1].isspace():
            start -= 1
        return self.pattern.search(text, start)

    def __getattr__(self, name):
        return getattr(self.pattern, name)
