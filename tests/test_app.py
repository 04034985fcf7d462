"""The command line: options, the start-up banner, and the open-files limit."""

import pytest

import app as entry
from kiosk import create_app


def test_defaults():
    args = entry.parse_args([])
    assert (args.port, args.data_dir, args.public_url, args.no_browser) == (5000, None, None, False)


def test_every_option_is_read():
    args = entry.parse_args(
        [
            "--port",
            "8080",
            "--data-dir",
            "d",
            "--public-url",
            "http://kiosk.local:8080",
            "--no-browser",
        ]
    )
    assert (args.port, args.data_dir, args.public_url, args.no_browser) == (
        8080,
        "d",
        "http://kiosk.local:8080",
        True,
    )


@pytest.mark.parametrize("argv", [["--port", "0"], ["--port", "x"], ["--public-url", "kiosk"]])
def test_bad_options_stop_with_a_message(argv, capsys):
    with pytest.raises(SystemExit):
        entry.parse_args(argv)
    assert "error:" in capsys.readouterr().err


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


def test_open_files_limit_is_raised_to_the_hard_limit():
    resource = pytest.importorskip("resource")
    before_soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        got = entry.raise_open_files_limit()
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        assert soft == got >= before_soft
        if hard != resource.RLIM_INFINITY:
            assert soft == hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (before_soft, hard))
