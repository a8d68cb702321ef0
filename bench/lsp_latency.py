"""The language server's edit-to-diagnostics time against a one-shot ``gxlint`` run, side by side.

    .venv/bin/python bench/lsp_latency.py              # seed 002, 15 rounds
    .venv/bin/python bench/lsp_latency.py --rounds 30 --report path/to/report.txt

Run it with the interpreter of the environment gxlint is installed in: it runs the ``gxlint``
command beside that interpreter (``python -m linter`` where there is none), as an editor would.

1. one-shot: the wall time of ``gxlint --format concise REPORT`` (start, load, check, print);
2. warm server: ``gxlint --lsp`` started once, the report opened; then in each round an edit
   (the figure 5475 becomes 500 and back, so GX112 comes and goes) is sent as
   ``textDocument/didChange``, and the time taken until the ``textDocument/publishDiagnostics``
   for that version arrives.

The two are measured in turn, round by round, so that a machine whose speed drifts weighs on both
alike; the medians are printed with their ratio. Target: the server's time is at most 0.2 times the
one-shot run's. The exit status is 1 when the target is missed.

The client here speaks JSON-RPC over the server's standard input and output itself (no client
library), so the time measured is the server's and the pipe's, and each change is sent after the
previous one's diagnostics arrived, one round at a time, with a pause longer than the server's
debounce interval in between, as a person's edits come.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "002_e4d77d33f04ebca9.txt"
TARGET = 0.2
PAUSE = 0.3          # between rounds: longer than the server's debounce interval (0.1 s)
TIMEOUT = 30.0


def gxlint_command() -> list[str]:
    beside = Path(sys.executable).with_name("gxlint")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "linter"]


class Server:
    """``gxlint --lsp`` in a child process, and the messages it sends, read on a thread."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(gxlint_command() + ["--lsp"], cwd=folder, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        body = json.dumps(dict(message, jsonrpc="2.0"), ensure_ascii=False).encode("utf-8")
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return sent

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == self.next_id and "method" not in message)[1]

    def notify(self, method: str, params) -> float:
        return self.send({"method": method, "params": params})

    def wait(self, wanted) -> tuple[float, dict]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            arrived, message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if "method" in message and "id" in message:       # a request from the server: answer it
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return arrived, message

    def diagnostics(self, uri: str, version: int) -> tuple[float, list]:
        arrived, message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                     and m["params"]["uri"] == uri and m["params"].get("version") == version)
        return arrived, message["params"]["diagnostics"]

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=TIMEOUT)


def one_shot(report: Path) -> float:
    started = time.perf_counter()
    subprocess.run(gxlint_command() + ["--format", "concise", str(report)], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def warm_round(server: Server, uri: str, text: str, version: int) -> tuple[float, list]:
    sent = server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                    "contentChanges": [{"text": text}]})
    arrived, found = server.diagnostics(uri, version)
    return arrived - sent, found


def measure(report: Path, rounds: int) -> tuple[list[float], list[float]]:
    original = report.read_text(encoding="utf-8")
    cell = "\t5475\n"           # the table's cell (the prose states the figure too)
    if cell not in original:
        raise SystemExit(f"{report} has no table cell 5475 to edit")
    texts = [original.replace(cell, "\t500\n", 1), original]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / report.name
        copy.write_text(original, encoding="utf-8")
        uri = copy.as_uri()
        server = Server(Path(folder))
        server.request("initialize", {"processId": os.getpid(), "rootUri": Path(folder).as_uri(), "capabilities": {}})
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                                "version": 1, "text": original}})
        server.diagnostics(uri, 1)
        shots, warm = [], []
        for index in range(rounds):
            shots.append(one_shot(copy))
            time.sleep(PAUSE)
            seconds, found = warm_round(server, uri, texts[index % 2], index + 2)
            _check(found, edited=index % 2 == 0)
            warm.append(seconds)
        server.close()
    return shots, warm


def _check(found: list, edited: bool) -> None:
    """The diagnostics measured are the right ones: GX112 for 5475 goes with the edit, and comes back."""
    lines = {d["range"]["start"]["line"] for d in found if d.get("code") == "GX112"}
    if (181 in lines) == edited:
        raise SystemExit(f"unexpected diagnostics after the edit: GX112 on lines {sorted(lines)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--report", type=Path, default=SEED)
    options = parser.parse_args()
    shots, warm = measure(options.report, options.rounds)
    shot, edit = statistics.median(shots), statistics.median(warm)
    ratio = edit / shot
    print(f"report: {options.report.name}, {options.rounds} rounds, medians")
    print(f"one-shot gxlint run:             {shot * 1000:8.1f} ms")
    print(f"didChange -> publishDiagnostics: {edit * 1000:8.1f} ms   (slowest {max(warm) * 1000:.1f} ms)")
    print(f"ratio: {ratio:.3f}  (target <= {TARGET}: {'met' if ratio <= TARGET else 'MISSED'})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
