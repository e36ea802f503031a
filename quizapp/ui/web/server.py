"""The server behind ``quizapp serve``: textual-serve with quizapp's process start and stop.

Every tab that connects gets its own ``quizapp`` process, the same command a terminal
runs with Textual's web driver in place of the terminal. All of them share one data
dir, which the store is built for: every change is one journal line written under an
OS lock, and each instance first takes in the lines the others wrote.

On loopback the server refuses requests naming another host (a DNS-rebinding page)
and, always, a request from another site's page (a websocket is not bound by the
same-origin rule).

Stopping: each app runs in a session of its own, so a Ctrl+C in the terminal reaches the
server only; the server then asks every app to quit, kills any that has not within
``QUIT_GRACE_S``, and closes. textual-serve is pinned exactly: this module replaces its
process start (no shell, a new session) and its shutdown, which it does not export.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import hdrs, web
from aiohttp.typedefs import Handler, Middleware
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from quizapp.ui.serve import is_loopback

PAGE = Path(__file__).parent / "page.html"
"""textual-serve's page with its web font served from here (nothing from the internet)."""
QUIT_GRACE_S = 2.0
"""How long an app may take to quit when the server stops, before it is killed."""
SHUTDOWN_S = 2.0
"""How long the server waits for open connections once every app has ended."""


class AppProcess(AppService):
    """One tab's app: started without a shell in a session of its own, stopped for sure."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)
        self._stopping: asyncio.Future[None] | None = None

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        """Start the app; a new session keeps the terminal's Ctrl+C for the server alone."""
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit, kill it if it has not in time; safe to call more than once."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process = self._process
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE_S)
            except TimeoutError:
                _kill(process)
                await process.wait()
        if self._task is not None:  # ends with the app's output
            await self._task
            self._task = None


def _kill(process: asyncio.subprocess.Process) -> None:
    """Kill an app and anything it started (its process group, outside Windows)."""
    with contextlib.suppress(ProcessLookupError):
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)


class QuizServer(Server):
    """textual-serve's server with quizapp's process start, request checks and shutdown."""

    def __init__(
        self, argv: Sequence[str], sockets: Sequence[socket.socket], allow_remote: bool
    ) -> None:
        host, port = sockets[0].getsockname()[:2]
        super().__init__(shlex.join(argv), host=host, port=port, title="quizapp")
        self.argv = list(argv)
        self.sockets = list(sockets)
        self.loopback_only = not allow_remote
        self.apps: set[AppProcess] = set()

    async def _make_app(self) -> web.Application:
        """The page, its websocket, textual-serve's own static files (no folder index) and
        the files an app hands to its tab (a screenshot): nothing else of the machine."""
        app = web.Application(middlewares=[self._guard()])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE.parent))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    def _guard(self) -> Middleware:
        loopback_only = self.loopback_only

        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            """Refuse a page that reached us under another name, or another site's request."""
            if loopback_only and not is_loopback(request.url.host or ""):
                raise web.HTTPForbidden(text="quizapp serves this machine only (localhost)")
            origin = request.headers.get(hdrs.ORIGIN)
            if origin is not None:
                try:
                    same = URL(origin).origin() == request.url.origin()
                except ValueError:
                    same = False
                if not same:
                    raise web.HTTPForbidden(text="quizapp refuses requests from other sites")
            return await handler(request)

        return guard

    @aiohttp_jinja2.template(PAGE.name)
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its links built from the address the browser used (any loopback name)."""
        origin = str(request.url.origin())
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": "ws" + origin.removeprefix("http") + "/ws",
            "config": {"static": {"url": origin + "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own app process, fed the tab's keys and resizes until either ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        app = AppProcess(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.apps.add(app)
        try:
            await app.start(width, height)
            await self._process_messages(websocket, app)
        finally:
            self.apps.discard(app)
            await app.stop()
            await websocket.close()
        return websocket

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT or SIGTERM, then stop every app."""
        asyncio.run(self.run())

    async def run(self) -> None:
        """Serve on the sockets until SIGINT or SIGTERM, then stop every app."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
            except NotImplementedError:  # Windows
                signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop.set))
        runner = web.AppRunner(
            await self._make_app(),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=SHUTDOWN_S,
        )
        await runner.setup()
        try:
            for sock in self.sockets:
                await web.SockSite(runner, sock).start()
            await stop.wait()
            await asyncio.gather(*(app.stop() for app in list(self.apps)))
        finally:
            await runner.cleanup()
