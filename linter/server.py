"""``gxlint --server``: a warm gxlint for editors that lint on every save.

The server loads the templates and rules once and listens on a socket in the
cache folder (``server.sock``, in a folder only its user can open). Every
``gxlint …`` run while it listens sends it the command line, the working
folder, the environment variables gxlint reads (``GXLINT_*``, ``NO_COLOR``,
``TERM``, ``COLUMNS`` …) and standard input, and prints the answer: the same
output and exit status it would have produced itself, in a fraction of the
time (see :mod:`linter.client`).

The server answers one run at a time. If gxlint's own files (its code, grammars
or built-in rules) change while it runs, it answers the next run with "stale"
and stops; that run, and the ones after it, run on their own until a server is
started again. Rule files named with ``--rules`` and configuration files are
read again whenever they change. Stop it with Ctrl-C or ``kill``.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sys
from pathlib import Path

from . import __version__, cli
from .client import FORWARDED_ENV
from .paths import socket_path

MAX_REQUEST = 80 * 1024 * 1024


class ServerError(Exception):
    """The server cannot start; the message is for the user."""


class _Output(io.StringIO):
    """What a run writes, kept to send back; a terminal if the client's stream is one."""

    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def fingerprint() -> tuple:
    """Size and modification time of every file of gxlint itself (code, grammars, built-in rules)."""
    package = Path(__file__).resolve().parent
    roots = [package]
    for name in ("grammars", "rules"):
        roots += [package / name, package.parent / name]
    seen = []
    for root in roots:
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                if file.suffix in (".py", ".lark", ".yaml", ".yml") and "__pycache__" not in file.parts:
                    status = file.stat()
                    seen.append((str(file), status.st_size, status.st_mtime_ns))
    return tuple(seen)


def _read_request(connection: socket.socket) -> dict:
    chunks, size = [], 0
    while True:
        chunk = connection.recv(1 << 16)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_REQUEST:
            raise ValueError("request too large")
        chunks.append(chunk)
    request = json.loads(b"".join(chunks).decode("utf-8"))
    if not isinstance(request, dict) or not isinstance(request.get("argv"), list) \
            or not all(isinstance(arg, str) for arg in request["argv"]):
        raise ValueError("not a gxlint request")
    return request


def run_request(request: dict) -> dict:
    """Run one gxlint command as the client would have, and say what it wrote and how it ended."""
    tty = request.get("tty") or [False, False]
    stdout, stderr = _Output(bool(tty[0])), _Output(bool(tty[1]))
    data = request.get("stdin")
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("latin-1") if isinstance(data, str) else b""),
                             encoding="utf-8")
    env = {str(key): str(value) for key, value in (request.get("env") or {}).items()}
    if request.get("columns") and "COLUMNS" not in env:
        env["COLUMNS"] = str(request["columns"])
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    try:
        for key in [key for key in os.environ if key.startswith("GXLINT_") and key != "GXLINT_CACHE_DIR"]:
            del os.environ[key]
        for key in FORWARDED_ENV:
            os.environ.pop(key, None)
        os.environ.update({key: value for key, value in env.items() if key != "GXLINT_CACHE_DIR"})
        os.chdir(str(request.get("cwd") or saved_cwd))
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            code = cli.main(request["argv"])
        except SystemExit as exit:            # argparse: --help, --version, bad arguments
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return {"stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "code": code}


def _answer(connection: socket.socket, started: tuple) -> bool:
    """Handle one connection; False when the server should stop (its files changed)."""
    try:
        request = _read_request(connection)
    except (OSError, ValueError, UnicodeDecodeError):
        return True
    stale = request.get("version") != __version__ or fingerprint() != started
    answer = {"stale": True} if stale else run_request(request)
    try:
        # ASCII with escapes: a report's odd characters (lone surrogates) travel safely
        connection.sendall(json.dumps(answer).encode("ascii"))
    except OSError:
        pass
    return not stale


def _alive(path: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
            return True
        except OSError:
            return False


def _listen(path: str) -> socket.socket:
    if not hasattr(socket, "AF_UNIX"):
        raise ServerError("此平台不支持 gxlint --server（需要 Unix 套接字）")
    if os.path.exists(path):
        if _alive(path):
            raise ServerError(f"已有 gxlint 服务在 {path} 运行")
        os.unlink(path)                      # left behind by a server that did not stop cleanly
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    umask = os.umask(0o177)                  # the socket is the user's alone from the start
    try:
        listener.bind(path)
    except OSError as error:
        listener.close()
        raise ServerError(f"无法在 {path} 监听（{error.strerror or error}）") from None
    finally:
        os.umask(umask)
    listener.listen(16)
    return listener


def _stop(_signum, _frame):
    raise KeyboardInterrupt


def serve() -> int:
    """Listen until stopped; 0 when stopped, 2 when the server cannot start."""
    path = socket_path()
    if path is None:
        print("gxlint: 缓存已关闭（GXLINT_CACHE_DIR=off），服务没有地方放套接字", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop)      # before the socket exists, so a kill always removes it
    try:
        listener = _listen(path)
    except ServerError as error:
        print(f"gxlint: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    try:
        from .loading import load_all
        from .rules import RuleError
        from .templates import TemplateError

        cli.SHOW_PROGRESS = False
        try:
            load_all()                       # what every run needs, loaded before the first
        except (RuleError, TemplateError) as error:
            print(f"gxlint: {error}", file=sys.stderr)
            return 2
        started = fingerprint()
        print(f"gxlint 服务已启动：{path}（Ctrl-C 停止）", file=sys.stderr, flush=True)
        while True:
            connection, _ = listener.accept()
            with connection:
                if not _answer(connection, started):
                    print("gxlint 的文件已更新，服务停止；请重新启动", file=sys.stderr)
                    return 0
    except KeyboardInterrupt:
        return 0
    finally:
        listener.close()
        try:
            os.unlink(path)
        except OSError:
            pass
