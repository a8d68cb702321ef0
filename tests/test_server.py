"""linter.server and linter.client: a warm server answers exactly as a run of its own would."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter import server

from .conftest import fixture_path

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the server needs Unix sockets")


def gxlint(*args, env, stdin=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "linter", *args], input=stdin, capture_output=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.fixture
def running(tmp_path):
    """A server in its own cache folder; yields the environment its clients need."""
    env = dict(os.environ, GXLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "linter", "--server"], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    socket_file = tmp_path / "cache" / "server.sock"
    for _ in range(300):
        if socket_file.exists():
            break
        time.sleep(0.05)
    assert socket_file.exists(), process.stderr.read1().decode()
    assert socket_file.stat().st_mode & 0o777 == 0o600                   # its user's alone
    yield env, process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    assert not socket_file.exists()


@pytest.mark.parametrize("args", [
    ["--format", "concise", str(fixture_path("seeds/001"))],
    ["--format", "json", str(fixture_path("seeds/002")), str(fixture_path("seeds/004"))],
    ["--format", "sarif", str(fixture_path("seeds/000"))],
    ["--format", "concise", "--lang", "en", "--statistics", str(fixture_path("seeds/003"))],
    ["--explain", "GX304"],
    ["--version"],
    ["--format", "concise", "nope.txt"],
    ["--no-such-option"],
])
def test_the_server_answers_as_a_run_of_its_own(running, args):
    env, _ = running
    served = gxlint(*args, env=dict(env, GXLINT_SERVER="require"))
    alone = gxlint(*args, env=dict(env, GXLINT_SERVER="off"))
    assert (served.returncode, served.stdout, served.stderr) == (alone.returncode, alone.stdout, alone.stderr)


def test_standard_input_and_working_folder_travel(running, tmp_path):
    env, _ = running
    report = fixture_path("seeds/002").read_bytes()
    served = gxlint("--format", "concise", "-", "--stdin-filename", "drafts/a.txt", stdin=report,
                    cwd=tmp_path, env=dict(env, GXLINT_SERVER="require"))
    alone = gxlint("--format", "concise", "-", "--stdin-filename", "drafts/a.txt", stdin=report, cwd=tmp_path,
                   env=dict(env, GXLINT_SERVER="off"))
    assert served.returncode == alone.returncode == 1
    assert served.stdout == alone.stdout and served.stdout.startswith(b"drafts/a.txt:54:27: error GX320")
    (tmp_path / "gxlint.yaml").write_text("ignore: [GX3]\n", encoding="utf-8")
    quiet = gxlint("--format", "concise", "-", "--stdin-filename", "a.txt", stdin=report, cwd=tmp_path,
                   env=dict(env, GXLINT_SERVER="require"))
    assert b"GX3" not in quiet.stdout and b"GX112" in quiet.stdout


def test_a_second_server_is_refused(running):
    env, _ = running
    second = gxlint("--server", env=env)
    assert second.returncode == 2 and "已有 gxlint 服务" in second.stderr.decode()


def test_a_changed_gxlint_stops_the_server(running, monkeypatch):
    env, process = running
    request = {"version": "0.0.0-other", "argv": ["--version"]}
    import json
    import socket
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(os.path.join(env["GXLINT_CACHE_DIR"], "server.sock"))
        connection.sendall(json.dumps(request).encode())
        connection.shutdown(socket.SHUT_WR)
        answer = json.loads(connection.recv(1 << 16))
    assert answer == {"stale": True}
    assert process.wait(timeout=20) == 0
    alone = gxlint("--format", "concise", str(fixture_path("seeds/004")), env=env)    # runs on its own
    assert alone.returncode == 0


def test_without_a_server_the_command_runs_alone(tmp_path):
    env = dict(os.environ, GXLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "server.sock").write_text("")             # a stale file, nobody listening
    result = gxlint("--format", "concise", str(fixture_path("seeds/002")), env=env)
    assert result.returncode == 1 and b"GX304" in result.stdout


def test_required_server_that_does_not_answer(tmp_path):
    env = dict(os.environ, GXLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), GXLINT_SERVER="require")
    result = gxlint("--format", "concise", str(fixture_path("seeds/002")), env=env)
    assert result.returncode == 2 and result.stdout == b""
    assert "没有 gxlint 服务应答" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_fingerprint_sees_a_changed_file(tmp_path, monkeypatch):
    package = tmp_path / "linter"
    (package / "sub").mkdir(parents=True)
    (tmp_path / "rules").mkdir()
    (package / "server.py").write_text("x = 1\n")
    (tmp_path / "rules" / "a.yaml").write_text("a: 1\n")
    (package / "notes.txt").write_text("not code\n")
    monkeypatch.setattr(server, "__file__", str(package / "server.py"))
    before = server.fingerprint()
    assert [Path(path).name for path, _, _ in before] == ["server.py", "a.yaml"]
    assert server.fingerprint() == before
    (package / "notes.txt").write_text("still not code\n")
    assert server.fingerprint() == before
    (tmp_path / "rules" / "a.yaml").write_text("a: 22\n")
    assert server.fingerprint() != before
