"""The command line: options, the start-up banner, and the open-files limit."""

import sys

import pytest

import app as entry
from kiosk import create_app


@pytest.fixture
def served(monkeypatch):
    """Run the command line with serving replaced by a note of the options it was given."""
    seen = []
    monkeypatch.setattr(entry, "serve", lambda options: seen.append(options))
    return seen


def test_defaults(served):
    assert entry.main([]) == 0
    assert served == [entry.Options()]
    assert (served[0].port, served[0].data_dir, served[0].no_browser) == (5000, None, False)


def test_every_option_is_read(served):
    argv = ["--port", "8080", "--data-dir", "d", "--public-url", "http://kiosk.local:8080"]
    argv += ["--no-browser", "--access-log", "--council", "themed", "--theme", "health"]
    assert entry.main([*argv, "--name", "Health council"]) == 0
    assert served == [
        entry.Options(
            8080, "d", "http://kiosk.local:8080", True, True, "themed", "health", "Health council"
        )
    ]


@pytest.mark.parametrize(
    "argv",
    [["--port", "0"], ["--port", "x"], ["--public-url", "kiosk"], ["--council", "themed"]],
)
def test_bad_options_stop_with_a_message(argv, served, capsys):
    assert entry.main(argv) == 2
    assert "Error:" in capsys.readouterr().err
    assert served == []


def test_the_commands_listed_are_the_commands_that_exist():
    from kiosk.cli import commands

    assert set(entry.COMMANDS) == set(commands)


def test_banner_prints_join_url_facilitator_link_and_qr(tmp_path):
    app = create_app(
        {
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.local:5000",
            "FACILITATOR_KEY": "k3y",
        }
    )
    text = entry.banner(app)
    assert "Join (phones):      http://kiosk.local:5000/m/" in text
    assert "Facilitator link:   http://127.0.0.1:5000/facilitate?key=k3y" in text
    assert "█" in text


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no open-files limit to raise")
def test_open_files_limit_is_raised_to_the_hard_limit():
    import resource

    before_soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        got = entry.raise_open_files_limit()
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        assert soft == got >= before_soft
        if hard != resource.RLIM_INFINITY:
            assert soft == hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (before_soft, hard))
