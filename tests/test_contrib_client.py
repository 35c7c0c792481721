"""contrib/kb_client.py prints kb's answer in 100 columns, messages without their log prefix."""

import importlib.util
from pathlib import Path

import pytest

CLIENT = Path(__file__).resolve().parent.parent / "contrib" / "kb_client.py"


@pytest.fixture
def client_module():
    pytest.importorskip("requests")
    spec = importlib.util.spec_from_file_location("kb_client", CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_prints_messages_the_short_remedy_and_upstream_in_100_columns(client_module, capsys):
    issue = {"title": "KubeDNS cannot handle big cluster load", "status": "partially_fixed",
             "url": "/issues/k/", "absolute_url": "https://kb.example.com/issues/k/", "fixed_in": "1.5.2",
             "remedy": "x" * 2000, "remedy_short": "The fix needs several levels:\n• Raise the limits.",
             "upstream": [{"label": "kargo issue #643", "status": "fixed",
                           "url": "https://github.com/kubernetes-incubator/kargo/issues/643"}]}
    line = {"number": 2, "text": "2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager " + "y" * 300,
            "message": "Maximum number of concurrent DNS queries reached (max: 150) " + "z" * 200}
    match = {"issue": issue, "score": 1.0, "confident": True, "lines": [line]}
    report = {"matches": [match], "lines_total": 3}
    assert client_module.show(report) == 0
    out = capsys.readouterr().out
    assert all(len(row) <= 100 for row in out.splitlines())
    assert "  line 2: Maximum number of concurrent DNS queries reached (max: 150)" in out
    assert "16:59:22.220" not in out and "x" * 50 not in out
    assert "  upstream: kargo issue #643 (fixed) https://github.com/kubernetes-incubator/kargo/issues/643\n" \
        in out
    assert "fix in 1.5.2" in out and "https://kb.example.com/issues/k/" in out
