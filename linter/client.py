"""The ``gxlint`` command's first step: hand the run to a warm server if one listens.

An editor runs gxlint on every save. Starting Python and loading gxlint takes
several times longer than checking one report, so ``gxlint --server`` keeps a
process with everything loaded, listening on a socket in the cache folder
(:mod:`linter.server`). When it runs, every ``gxlint …`` sends it the command
line, the working folder and (for ``gxlint -``) standard input, and prints what
it answers: the same output and exit status as a run of its own.

When no server listens (the usual case), or ``GXLINT_SERVER=off``, or the
server finds gxlint's files changed since it started, the command runs in this
process instead. With ``GXLINT_SERVER=require`` it does not: it says that no
server answered and ends with status 2 (for an editor set up to rely on the
server, and for measuring it). This module imports almost nothing, so that
asking costs little.
"""

from __future__ import annotations

import os
import sys

from . import __version__
from .paths import OFF, socket_path

# What of the caller's environment a run depends on: its configuration and its terminal.
FORWARDED_ENV = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "LINES")
MAX_STDIN = 64 * 1024 * 1024
MAX_ANSWER = 256 * 1024 * 1024


def _request(argv: list[str], data: bytes | None) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key in FORWARDED_ENV or (key.startswith("GXLINT_") and key != "GXLINT_SERVER")}
    return {
        "version": __version__,
        "argv": argv,
        "cwd": os.getcwd(),
        "env": env,
        "stdin": None if data is None else data.decode("latin-1"),
        "tty": [sys.stdout.isatty(), sys.stderr.isatty()],
        "columns": _columns(),
    }


def _columns() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError, AttributeError):
        return None


def _ask(argv: list[str], data: bytes | None) -> dict | None:
    """The server's answer, or None when there is no usable server."""
    path = socket_path()
    import json
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(600)
            connection.connect(path)
            request = _request(argv, data)
            connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
            connection.shutdown(socket.SHUT_WR)
            chunks, size = [], 0
            while size <= MAX_ANSWER:
                chunk = connection.recv(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        answer = json.loads(b"".join(chunks).decode("utf-8"))
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(answer, dict) or answer.get("stale") or not isinstance(answer.get("code"), int):
        return None
    return answer


def _replay(answer: dict) -> int:
    sys.stdout.write(str(answer.get("stdout", "")))
    sys.stdout.flush()
    sys.stderr.write(str(answer.get("stderr", "")))
    return answer["code"]


def _server_setting(argv: list[str]) -> str:
    """"off", "on" or "require"."""
    setting = os.environ.get("GXLINT_SERVER", "on").strip().lower()
    if setting in OFF or "--server" in argv:
        return "off"
    return "require" if setting == "require" else "on"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    setting = _server_setting(argv)
    path = socket_path()
    if setting != "off" and path is not None and os.path.exists(path):
        data = sys.stdin.buffer.read(MAX_STDIN + 1) if "-" in argv else None
        answer = _ask(argv, data)
        if answer is not None:
            return _replay(answer)
        if data is not None:                 # already read: the run here reads it from memory
            import io
            sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    if setting == "require":
        print(f"gxlint: 没有 gxlint 服务应答（{path or '缓存已关闭'}）；请先运行 gxlint --server",
              file=sys.stderr)
        return 2
    tune_collector()
    from . import cli

    cli.TUNE_GC = True
    return cli.main(argv)


def tune_collector() -> None:
    """The garbage collector's passes made rarer, for a process of its own.

    Loading makes tens of thousands of objects that all live as long as the run, and a
    report as many again: the collector's default (a pass every 700 new objects) would
    look at them again and again. (The command also freezes what is loaded, before the
    reports: :data:`linter.cli.TUNE_GC`.)
    """
    import gc

    gc.set_threshold(20_000, 20, 20)


def command() -> None:
    """The ``gxlint`` command: :func:`main`, then the process ends at once with its status.

    Tearing the interpreter down (every object freed one by one, every module
    cleared) took a run of its own over a millisecond, and a run leaves nothing
    that needs it: its files are written and closed before :func:`main` returns.
    Where something registered an exit handler (worker processes, for one) or a
    thread still runs, the process ends as usual.
    """
    code = main()
    if _exit_handlers() or ("threading" in sys.modules and sys.modules["threading"].active_count() > 1):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):       # a closed pipe: the output is lost, as it would be anyway
        pass
    os._exit(code)


def _exit_handlers() -> int:
    import atexit

    counted = getattr(atexit, "_ncallbacks", None)
    return counted() if counted is not None else 1      # unknown: assume there are some
