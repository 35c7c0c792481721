"""Properties of the matcher and the importer on input nobody planned for.

Pure code, no database: the engine is built from the shipped fixtures parsed
in memory. Example counts are bounded so the module stays under ~30 s.
"""

import json
import re
import string
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kb.matching import CONFIDENT, Engine, normalize
from kb.matching.normalize import mask_secrets, mask_values
from kb.rst import RstImportError, parse_bytes
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.rst"))

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])


@cache
def engine() -> Engine:
    """The shipped knowledge, as an import would load it, without the database."""
    specs = specs_from_files(FIXTURES)
    assert len(specs) >= 20
    return Engine.build(specs)


@cache
def signature_texts() -> list[str]:
    return [text for _slug, text in engine().signatures()]


# ---- Strategies ---------------------------------------------------------------------

# Every code point, lone surrogates included (a str can hold them; a bad decoder may make them).
any_char = st.characters(codec=None, categories=None, exclude_categories=())
any_text = st.text(any_char, max_size=300)
PLACEHOLDER = re.compile(r"<(?:\*|[A-Z]{2,6})>")
VALUES = ["10.0.0.7", "10.0.0.7:5672", "fe80::1", "0x7f3a", "6f9c1a2e-7b3d-4c5e-8f90-a1b2c3d4e5f6", "42",
          "'galera.local'", "node-12", "2016-12-11 16:59:22.220", "Dec 11 16:59:31", "", "\x00", "\u202e",
          "\ud800", "…", "<NUM>", "<*>", "\t", "\x1b[31m"]


@st.composite
def log_line(draw) -> str:
    """A line that looks like a log: prefix, a (mutated) signature or noise, odd bytes here and there."""
    prefix = draw(st.sampled_from([
        "", "2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager [req-1 - - - - -] ",
        "Dec 11 16:59:31 node-3 dnsmasq[7]: ", "E1211 16:59:31.552018   1 reflector.go:199] ",
        "[12345.678901] ", "<3>", "  ", "\ufeff",
    ]))
    if draw(st.booleans()):
        body = draw(st.sampled_from(signature_texts()))
        body = PLACEHOLDER.sub(lambda _m: draw(st.sampled_from(VALUES)), body)
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(body)))
            body = body[:cut] + draw(any_text.filter(lambda t: len(t) < 20)) + body[cut:]
    else:
        body = draw(st.one_of(any_text, st.text(string.printable, max_size=200)))
    return prefix + body + draw(st.sampled_from(["", "\r", " ", "\\", ":", "\x00"]))


log_text = st.lists(log_line(), max_size=40).map(lambda lines: "\n".join(lines))
line_lists = st.lists(st.one_of(log_line(), any_text), max_size=40)


# ---- normalize ------------------------------------------------------------------------


@BOUNDED
@given(st.one_of(any_text, log_line()))
def test_normalize_never_raises_and_returns_one_clean_line(text):
    result = normalize(text)
    assert isinstance(result, str)
    assert result == " ".join(result.split())  # no control characters, runs of spaces or line breaks
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result)
    assert mask_values(text) == " ".join(mask_values(text).split())


@pytest.mark.parametrize("text", ["[fe80::1]:8080", "fe80::1/64", "host ::1:", "time 10::20:", "port 5672:",
                                  "server 10.0.0.1:5672", "at 12:30:01.5 retry"])
def test_normalize_is_idempotent_on_log_values(text):
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize("text", ["ab::1x", "10.0.0.1::a1", "0'/'F_.", "1u'-_9>1", "x.svc::Dec 11",
                                  "@fe80::10:F>u'", "fe80::1fe80::1", "A.svc.1",
                                  "host.example.com.1"])
def test_normalize_is_idempotent_next_to_a_placeholder(text):
    """A placeholder stands for word characters: what touches it is masked as in the first pass."""
    once = normalize(text)
    assert normalize(once) == once


@BOUNDED
@given(st.one_of(any_text, log_line(), st.lists(st.sampled_from(
    list("ab1:.-' x09fF/@<>_u") + ["::", "<NUM>", "<IP>", "<*>", "Dec 11 ", "16:59:31", "0x", "req-",
                                    "10.0.0.1", "fe80::1", ".svc", "\x1b[31m", "\x00"]),
    max_size=12).map("".join)))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


HOSTILE_RUNS = ["a", "1", "1.", "1.1.1.1.", "a:", "::", "f" * 7 + ":", "'", "' ", "0x", "-", "a-", "1-",
                "Dec 11 ", "2016-12-11 ", "[ ", "\\", "\x00", "<NUM>", "<", "a.b.", "\ud800", "é", "\t"]


@pytest.mark.parametrize("run", HOSTILE_RUNS)
def test_normalize_is_linear_on_a_100k_character_line(run):
    line = (run * (100_000 // len(run) + 1))[:100_000]
    started = time.perf_counter()
    normalize(line)
    assert time.perf_counter() - started < 2.0, f"{run!r} x 100k took too long"


SECRET_RUNS = ["password=", "password", "password:", "password= ", "token ", "Authorization: ",
               "Authorization: Bearer ", "Bearer ", "Bearer a", "://", "://a:", "://a:b", "a:b@", "eyJ",
               "eyJaaaa.", "Aa1", "aA1+/", "=", '"password": "', "X-Auth-Token: ", "aPassword=", "<SECRET>",
               "u'", "A>", "<NUM>::"]


@pytest.mark.parametrize("run", HOSTILE_RUNS + SECRET_RUNS)
def test_mask_secrets_is_linear_on_a_100k_character_line(run):
    line = (run * (100_000 // len(run) + 1))[:100_000]
    started = time.perf_counter()
    mask_secrets(line)
    normalize(line)
    assert time.perf_counter() - started < 2.0, f"{run!r} x 100k took too long"


@BOUNDED
@given(st.one_of(any_text, log_line(), st.lists(st.sampled_from(
    list("ab1:'\" =x<>@/") + ["password", "token", ": ", "Authorization: ", "Bearer ", "://", "<SECRET>",
                               "<*>", "eyJabcd.", "aB3dE5gH7jK9mN1pQ3sT5"]), max_size=12).map("".join)))
def test_mask_secrets_is_idempotent(text):
    once = mask_secrets(text)
    assert mask_secrets(once) == once


# ---- The engine -----------------------------------------------------------------------


def assert_well_formed(report, lines_total: int, min_score=None) -> None:
    data = report.as_dict()
    json.dumps(data)  # what the API returns must serialise
    assert data["lines_total"] == lines_total
    assert 0 <= data["lines_matched"] <= lines_total
    assert data["lines_matched"] + data["unmatched_count"] <= lines_total
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)
    slugs = [m["issue"]["slug"] for m in data["matches"]]
    assert len(slugs) == len(set(slugs))
    for match in data["matches"]:
        assert 0.0 <= match["score"] <= 1.0
        assert match["confident"] == (match["score"] >= CONFIDENT) or min_score is not None
        if min_score is not None:
            assert match["score"] >= min_score - 0.0005  # as_dict rounds to 3 places
        assert match["lines"] and match["line_count"] >= len(match["lines"])
        for line in match["lines"]:
            assert 1 <= line["number"] <= lines_total
        assert match["why"]
    for line in data["unmatched"]:
        assert 1 <= line["number"] <= lines_total
    assert len(data["unmatched"]) <= data["unmatched_count"]


def text_lines(text: str) -> int:
    lines = re.split(r"\r\r?\n|\r|\n", text)  # every line end, as grouping.physical_lines (\r\r\n is one)
    if lines and not lines[-1].strip():
        lines.pop()
    return len(lines)


@BOUNDED
@given(st.one_of(log_text, any_text))
def test_match_text_never_raises_and_reports_well_formed(text):
    assert_well_formed(engine().match_text(text), text_lines(text))


@BOUNDED
@given(line_lists, st.one_of(st.none(), st.floats(0, 1)))
def test_match_lines_never_raises_and_numbers_lines_within_range(lines, min_score):
    assert_well_formed(engine().match_lines(lines, min_score=min_score), len(lines), min_score)


@FEW
@given(st.lists(log_line(), min_size=1, max_size=5), st.sampled_from(["\r\n", "\n", "\r\n\r\n", "\r"]))
def test_crlf_pastes_match_like_lf_pastes(lines, newline):
    lines = [line.replace("\r", "").replace("\n", "") for line in lines]
    assume(all(line.strip() for line in lines))
    lf = engine().match_text("\n".join(lines)).as_dict()
    other = engine().match_text(newline.join(lines)).as_dict()
    if newline in ("\r\n", "\r"):
        assert lf["lines_total"] == other["lines_total"]
        assert [m["issue"]["slug"] for m in lf["matches"] if m["confident"]] == [
            m["issue"]["slug"] for m in other["matches"] if m["confident"]]


def test_a_known_line_still_matches_inside_hostile_noise():
    line = ("I1211 16:59:31.000000 1 nanny.go:108] "
        "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)")
    noise = ["\x00" * 10, "\ud800 lone surrogate", "x" * 100_000, "\u202e" * 50, "\\", "\t\t", "é" * 5000]
    report = engine().match_lines([*noise, line, *noise])
    assert_well_formed(report, 2 * len(noise) + 1)
    assert any(m.confident for m in report.matches)


@pytest.mark.parametrize("run", HOSTILE_RUNS)
def test_match_text_is_bounded_on_100k_character_lines(run):
    line = (run * (100_000 // len(run) + 1))[:100_000]
    started = time.perf_counter()
    text = f"{line}\n{line}\r\n{line[:5000]}"
    report = engine().match_text(text)
    assert_well_formed(report, text_lines(text))
    assert time.perf_counter() - started < 5.0, f"{run!r} x 100k took too long"


@BOUNDED
@given(st.one_of(any_text, log_line()))
def test_search_never_raises_and_its_snippets_only_hold_marks(query):
    for hit in engine().search(query, limit=5):
        assert 0 <= hit.score
        tags = re.findall(r"<[^>]*>", hit.snippet_html)
        assert set(tags) <= {"<mark>", "</mark>"}, tags


# ---- The importer ---------------------------------------------------------------------

UNDERLINE = "=-~^*+#\"'`:._"
FIELDS = ["Symptoms", "Symptom", "Problem", "Description", "Root cause", "Cause", "Solution", "Fix",
          "Workaround", "Resolution/Workaround", "Upstream issues", "Upstream issue (fixed)",
          "Log signatures", "Related issues", "Root cause and solution", "Glossary", "Notes"]
words = st.text(string.ascii_letters + string.digits + " -_/.,()'`*|:<>[]&#", min_size=1, max_size=40)


@st.composite
def title(draw, level_chars):
    text = draw(st.one_of(st.sampled_from(FIELDS), words)).strip() or "T"
    char = draw(st.sampled_from(level_chars))
    length = len(text) + draw(st.sampled_from([0, 0, 0, 3, -1]))
    underline = char * max(length, 1)
    if draw(st.integers(0, 5)) == 0:
        return f"{underline}\n{text}\n{underline}\n"
    return f"{text}\n{underline}\n"


@st.composite
def body_block(draw):
    kind = draw(st.integers(0, 12))
    text = draw(words)
    if kind == 0:
        lines = draw(st.lists(st.one_of(words, st.sampled_from(signature_texts())), min_size=1, max_size=4))
        return "::\n\n" + "".join(f"    {line}\n" for line in lines)
    if kind == 1:
        name = draw(st.sampled_from(["code-block", "note", "warning", "raw", "include", "image", "toctree",
                                     "unknown-directive", "code", "versionadded", "seealso", "todo"]))
        arg = draw(st.sampled_from(["", " python", " html", " /etc/passwd", " " + text]))
        option = draw(st.sampled_from(["", "   :linenos:\n", "   :alt: x\n", "   :bogus: y\n"]))
        return f".. {name}::{arg}\n{option}\n   {draw(words)}\n"
    if kind == 2:
        role = draw(st.sampled_from(["ref", "doc", "command", "file", "unknownrole", "abbr", "code"]))
        return f"A :{role}:`{text}` and ``{draw(words)}`` and *{draw(words)}* text.\n"
    if kind == 3:
        return "".join(f":{name}: {draw(words)}\n" for name in draw(st.lists(
            st.sampled_from(["components", "status", "slug", "author", "bogus"]), min_size=1, max_size=3)))
    if kind == 4:
        return "".join(f"- {draw(words)}\n" for _ in range(draw(st.integers(1, 3))))
    if kind == 5:
        first, second = draw(st.sampled_from(FIELDS)), draw(st.sampled_from(FIELDS))
        return f"**{first}**\n    {text}\n\n**{second}**\n    {text}\n"
    if kind == 6:
        return f"`{text} <https://bugs.launchpad.net/nova/+bug/{draw(st.integers(1, 10**7))}>`__ (fixed)\n"
    if kind == 7:
        return f"- Caused by `{text}`_\n"
    if kind == 8:
        return f".. _{text}: {draw(st.sampled_from(['https://e.example/', 'javascript:x', '#', text]))}\n"
    if kind == 9:
        return "=====  =====\n a      b\n=====  =====\n"
    if kind == 10:
        return "\t" + text + "\n"
    return text + "\n"


@st.composite
def rst_document(draw) -> str:
    levels = draw(st.permutations(list(UNDERLINE))).copy()[:4]
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        depth = draw(st.integers(0, 3))
        parts.append(draw(title(levels[depth:depth + 1] + levels[:1])))
        parts.append("\n")
        for _ in range(draw(st.integers(0, 3))):
            parts.append(draw(body_block()))
            parts.append("\n")
    text = "".join(parts)
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", newline)


def check_parsed(document) -> None:
    slugs = [issue.slug for issue in document.issues]
    assert len(slugs) == len(set(slugs))
    for issue in document.issues:
        assert issue.symptoms.strip(), issue.title
        assert issue.slug and len(issue.slug) <= 80 and re.fullmatch(r"[-a-zA-Z0-9_]+", issue.slug)
        assert issue.title.strip()
        for signature in issue.signatures:
            assert signature.text.strip() and len(signature.text) <= 500
        for link in issue.upstream:
            assert link.url.lower().startswith(("http://", "https://"))
        for relation in issue.relations:
            assert relation.target in slugs and relation.target != issue.slug


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rst_document())
def test_the_importer_only_refuses_with_rst_import_error_and_issues_have_symptoms(text):
    try:
        document = parse_bytes("generated.rst", text.encode("utf-8"))
    except RstImportError as exc:
        assert exc.path == "generated.rst" and exc.reason
        return
    check_parsed(document)


@FEW
@given(st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_importer_refuses_arbitrary_bytes_cleanly(data):
    try:
        document = parse_bytes("random.rst", data)
    except RstImportError:
        return
    check_parsed(document)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_the_shipped_fixtures_survive_every_newline_convention(path):
    data = path.read_bytes()
    reference = [(i.slug, i.symptoms) for i in parse_bytes(path.name, data).issues]
    for newline in (b"\r\n", b"\r"):
        converted = parse_bytes(path.name, data.replace(b"\n", newline))
        assert [(i.slug, i.symptoms) for i in converted.issues] == reference
