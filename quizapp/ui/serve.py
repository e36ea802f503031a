"""``quizapp serve``: the app in web-browser tabs, one app process per tab (textual-serve).

Safe by default: it listens on loopback only; any other address needs ``--allow-remote``
and comes with a warning that anyone who reaches the port uses quizapp with this data
(there is no password and no encryption). The port is taken before the server's modules
are imported: a busy port is reported at once, and a browser opening the address as soon
as it is printed waits in the listen queue instead of being refused.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import socket
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from quizapp.core.errors import QuizappError

CERT_FILE_VARIABLE = "SSL_CERT_FILE"
"""Where OpenSSL reads its bundle of trusted certificates from, if set."""


class ServeError(QuizappError):
    """The server cannot start (a busy port, an address that cannot be used)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only: ``localhost``, 127.0.0.0/8 or ``::1``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def remote_refusal(host: str) -> str:
    """The one line for a host other machines can reach, asked for without the flag."""
    return (
        f"quizapp: --host {host} is reachable from other machines, and anyone who reaches it "
        "uses quizapp with your progress (no password, no encryption); "
        "pass --allow-remote to serve it anyway"
    )


def remote_warning(host: str, port: int) -> str:
    return (
        f"quizapp: warning: listening on {host}:{port} for other machines too; anyone who "
        "can reach this port uses quizapp with your progress (no password, no encryption)"
    )


def listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets on every address ``host`` resolves to (``localhost``: IPv4 and 6).

    Port 0 picks a free port, the same on each address. ServeError says why it cannot.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(_cannot_listen(host, port, exc)) from None
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in dict.fromkeys(addresses):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            if sys.platform != "win32":  # restart at once after a stop (TIME_WAIT)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:  # "::" must not take the IPv4 port as well
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if port == 0 and len(sockets) > 1:
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            sock.bind(address)
            sock.listen(128)
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise ServeError(_cannot_listen(host, port, exc)) from None
    return sockets


def _cannot_listen(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use; choose another with --port"
    if error.errno == errno.EACCES:
        return f"no permission to listen on port {port}; choose one above 1023 with --port"
    reason = error.strerror or str(error)
    return f"cannot listen on {host}:{port}: {reason}; check --host and --port"


def app_command(data_dir: Path, extra_banks: Sequence[Path] = ()) -> list[str]:
    """The command each browser tab runs: ``quizapp`` on the server's data dir and banks."""
    command = [sys.executable, "-m", "quizapp", "--data-dir", str(data_dir.absolute())]
    for bank in extra_banks:
        command += ["--bank", str(bank.absolute())]
    return command


def serve(
    data_dir: Path,
    extra_banks: Sequence[Path],
    *,
    host: str,
    port: int,
    allow_remote: bool,
) -> int:
    """Run ``quizapp serve``: 2 for a remote host without the flag, 0 once stopped."""
    host = host.strip("[]")  # an IPv6 address as written in a URL
    if not is_loopback(host):
        if not allow_remote:
            print(remote_refusal(host), file=sys.stderr)
            return 2
        print(remote_warning(host, port), file=sys.stderr, flush=True)
    sockets = listen(host, port)
    with contextlib.ExitStack() as closing:
        for sock in sockets:
            closing.enter_context(sock)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sockets[0].getsockname()[1]}"
        print(f"quizapp is served at {url} (one app per browser tab); Ctrl+C stops it", flush=True)
        with no_certificate_bundle():  # aiohttp and textual-serve: ~0.25 s
            from quizapp.ui.web.server import QuizServer

        QuizServer(app_command(data_dir, extra_banks), sockets, allow_remote).serve()
    return 0


@contextlib.contextmanager
def no_certificate_bundle() -> Iterator[None]:
    """OpenSSL pointed at an empty certificate bundle until the block ends.

    Importing aiohttp builds its default HTTPS client settings, reading the system's
    certificate bundle twice: about 50 ms of every start of the server, which makes no
    HTTPS request. The variable is put back as it was, so the apps see the user's own.
    """
    saved = os.environ.get(CERT_FILE_VARIABLE)
    os.environ[CERT_FILE_VARIABLE] = os.devnull
    try:
        yield
    finally:
        if saved is None:
            del os.environ[CERT_FILE_VARIABLE]
        else:
            os.environ[CERT_FILE_VARIABLE] = saved
