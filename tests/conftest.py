import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "fixtures"


def corpus_file(name: str) -> Path:
    """A file of ../shared/corpus; its absence fails in CI and skips elsewhere."""
    path = CORPUS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared/corpus")
        pytest.skip(f"{path} not present on this machine")
    return path


@pytest.fixture(autouse=True)
def _fresh_matcher(settings):
    """Each test sees the matcher of its own database state."""
    from kb.matching.loader import forget

    settings.KB_MATCHER_REFRESH_SECONDS = 0
    forget()
    yield
    forget()
