"""``quizapp serve`` without a browser: bad input in one line, requests it refuses, stopping.

A websocket client stands in for a browser tab here (the server cannot tell them apart);
tests/test_serve_browser.py drives a real tab.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from textual_serve.download_manager import DownloadManager

from quizapp.cli import main
from quizapp.ui.serve import CERT_FILE_VARIABLE, is_loopback, no_certificate_bundle
from quizapp.ui.web.server import QUIT_GRACE_S, AppProcess
from tests.serving import Served, serve_command, serving, wait_until_gone


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command, which must not be a traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "myhost.example"])
def test_a_host_other_machines_reach_needs_the_flag(
    host: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", host]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.strip().splitlines()
    assert line.startswith(f"quizapp: --host {host} is reachable from other machines")
    assert "--allow-remote" in line
    assert not data_dir.exists()  # nothing was started


@pytest.mark.parametrize("port", ["70000", "-1", "eighty"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", port])
    assert exit_info.value.code == 2
    assert f"argument --port: '{port}' is not a port number (0-65535)" in capsys.readouterr().err


def test_a_busy_port_is_one_line(data_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            serve_command(data_dir, "--port", str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert one_line_error(result) == (
        f"quizapp: port {port} on 127.0.0.1 is in use; choose another with --port"
    )


def test_allow_remote_warns_before_listening(data_dir: Path) -> None:
    """With the flag the warning comes first; an address not on this machine is one line."""
    result = subprocess.run(
        # 192.0.2.1 (TEST-NET-1) is on no interface here: the bind fails, nothing listens.
        serve_command(data_dir, "--host", "192.0.2.1", "--allow-remote", "--port", "8123"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    warning, error = result.stderr.strip().splitlines()
    assert warning.startswith("quizapp: warning: listening on 192.0.2.1:8123 for other machines")
    assert "no password" in warning
    assert error.startswith("quizapp: cannot listen on 192.0.2.1:8123: ")
    assert error.endswith("; check --host and --port")


def get(served: Served, path: str, headers: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_the_page_links_back_to_the_name_the_browser_used(data_dir: Path) -> None:
    with serving(data_dir) as served:
        for name in ("127.0.0.1", "localhost"):
            status, page = get(served, "/", {"Host": f"{name}:{served.port}"})
            assert status == 200
            assert f'data-session-websocket-url="ws://{name}:{served.port}/ws"' in page
            assert f'href="http://{name}:{served.port}/static/css/xterm.css"' in page
            links = re.findall(r"\w+://[^\s\"')]+", page)
            assert links and all(f"://{name}:{served.port}/" in link for link in links), links


def test_requests_under_another_name_or_from_another_site_are_refused(data_dir: Path) -> None:
    """A DNS-rebinding page and another site's websocket never reach an app."""
    websocket = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
    websocket["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
    with serving(data_dir) as served:
        here = f"127.0.0.1:{served.port}"
        assert get(served, "/", {"Host": f"attacker.example:{served.port}"})[0] == 403
        assert (
            get(served, "/ws", {"Host": f"attacker.example:{served.port}", **websocket})[0] == 403
        )
        for origin in ("http://attacker.example", f"http://localhost:{served.port}", "null"):
            status, _ = get(served, "/ws", {"Host": here, "Origin": origin, **websocket})
            assert status == 403, origin
        assert not served.app_pids()
        assert get(served, "/", {"Host": here, "Origin": f"http://{here}"})[0] == 200


async def open_tab(
    session: aiohttp.ClientSession, served: Served
) -> aiohttp.ClientWebSocketResponse:
    """A websocket as textual.js opens it; returns once the app has drawn its home screen."""
    tab = await session.ws_connect(f"{served.url}/ws?width=100&height=30")
    drawn = b""
    async with asyncio.timeout(30):
        while b"Practice exam" not in drawn:
            message = await tab.receive()
            assert message.type == aiohttp.WSMsgType.BINARY, message
            drawn += message.data
    return tab


async def test_closing_a_tab_ends_its_app(data_dir: Path) -> None:
    with serving(data_dir) as served:
        async with aiohttp.ClientSession() as session:
            first = await open_tab(session, served)
            first_app = served.app_pids()
            second = await open_tab(session, served)
            second_app = served.app_pids() - first_app
            assert len(first_app) == len(second_app) == 1
            await first.close()
            assert wait_until_gone(first_app) == set()
            assert wait_until_gone(second_app, seconds=0) == second_app  # still running
            await second.close()
            assert wait_until_gone(second_app) == set()
        assert served.process.poll() is None  # the server goes on


async def test_ctrl_c_stops_the_server_and_every_app_with_tabs_open(data_dir: Path) -> None:
    with serving(data_dir) as served:
        async with aiohttp.ClientSession() as session:
            tabs = [await open_tab(session, served) for _ in range(2)]
            apps = served.app_pids()
            assert len(apps) == 2
            seconds = await asyncio.to_thread(served.interrupt)
            assert served.process.returncode == 0
            assert seconds < 5
            assert wait_until_gone(apps, seconds=0) == set()
            for tab in tabs:  # the server closed them
                async with asyncio.timeout(5):
                    while not tab.closed:
                        await tab.receive()
        assert served.process.stderr is not None
        assert "Traceback" not in served.process.stderr.read()


async def test_an_app_that_does_not_quit_is_killed() -> None:
    """The server asks an app to quit; one that does not is killed after the grace time."""
    stubborn = (
        "import time; print('__GANGLION__', flush=True)\n"
        "while True: time.sleep(1)  # never reads its input, so never sees 'quit'"
    )

    async def ignore(_: object) -> None:
        pass

    async def nothing() -> None:
        pass

    app = AppProcess(
        [sys.executable, "-c", stubborn],
        write_bytes=ignore,
        write_str=ignore,
        close=nothing,
        download_manager=DownloadManager(),
    )
    await app.start(80, 24)
    started = time.monotonic()
    await asyncio.gather(app.stop(), app.stop())  # the handler's and the shutdown's
    assert QUIT_GRACE_S <= time.monotonic() - started < QUIT_GRACE_S + 3
    assert app._process is not None and app._process.returncode == -signal.SIGKILL


def test_data_dir_and_banks_before_or_after_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quizapp serve --data-dir DIR --bank DIR` as the global options say it."""
    calls: list[tuple[Path, list[Path], dict[str, object]]] = []

    def fake_serve(data_dir: Path, banks: list[Path], **options: object) -> int:
        calls.append((data_dir, banks, options))
        return 0

    monkeypatch.setattr("quizapp.ui.serve.serve", fake_serve)
    assert main(["--bank", "one", "serve", "--data-dir", str(tmp_path), "--bank", "two"]) == 0
    assert main(["--data-dir", str(tmp_path), "serve", "--port", "0"]) == 0
    expected = {"host": "127.0.0.1", "port": 0, "allow_remote": False}
    assert calls == [
        (tmp_path, [Path("one"), Path("two")], {**expected, "port": 8000}),
        (tmp_path, [], expected),
    ]


def test_no_route_serves_other_files_of_the_machine(data_dir: Path) -> None:
    with serving(data_dir) as served:
        here = {"Host": f"127.0.0.1:{served.port}"}
        assert get(served, "/static/js/textual.js", here)[0] == 200
        for path in ("/static/", "/static/js/", "/download/anything", "/static/../server.py"):
            assert get(served, path, here)[0] in (403, 404), path
        assert get(served, "/static/%2e%2e/server.py", here)[0] in (403, 404)


@pytest.mark.parametrize("users_own", [None, "/etc/my-company-roots.pem"])
def test_the_certificate_bundle_is_empty_only_while_the_server_is_imported(
    users_own: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aiohttp reads the bundle when imported, for HTTPS requests the server never makes;
    the apps it starts, and anything after, see the user's setting again."""
    if users_own is None:
        monkeypatch.delenv(CERT_FILE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(CERT_FILE_VARIABLE, users_own)
    with no_certificate_bundle():
        assert ssl.create_default_context().cert_store_stats()["x509_ca"] == 0
    assert os.environ.get(CERT_FILE_VARIABLE) == users_own
