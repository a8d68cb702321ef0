"""Benchmark gxlint against its speed targets, on this machine, in one run.

    python bench/bench.py               # all measurements, with a verdict per target
    python bench/bench.py --files 200   # a smaller batch (quicker, less exact)

What is measured (wall time, median of several runs unless said otherwise):

1. one file: ``gxlint --format concise <a seed>`` against a bare ``python -c pass``, both as a
   run of its own and as an editor runs it with ``gxlint --server`` listening (the command
   hands the run to the warm server); target: at most 4x the bare interpreter start. The
   bare start and gxlint are run in turn (31 times each by default, the median counts), so
   that a machine whose speed drifts during the measurement weighs on both alike.
2. a batch of N report files (default 1,000, made from the real samples with their numbers
   varied): wall time per report for ``gxlint --format concise FOLDER`` on all cores;
   target: at most a quarter of a bare interpreter start per report (the quickest of the
   bare starts measured in the run, so that a slow moment of the machine does not flatter it).
3. growth with size: one report 1x, 10x and 100x a seed's size (the seed repeated), timed
   in-process so that start-up does not hide the slope (the quickest of several runs each,
   the garbage collector set as the gxlint command sets it); target: time linear in size.
4. peak memory of the 1,000-file batch: the largest sum of resident memory over gxlint's
   process and its workers, sampled every 10 ms from /proc; target: under 100 MB.

It runs the ``gxlint`` command installed beside the interpreter running this script (as
a user or an editor runs it; ``python -m linter`` where there is none), so run it from
the environment gxlint is installed in. The cache of parsed rules is warmed first and the
cold first run is shown too.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seeds" / "002_e4d77d33f04ebca9.txt"


def run(command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - started


def median_time(command: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(run(command, env) for _ in range(repeat))


def paired_medians(first: tuple[list[str], dict | None], second: tuple[list[str], dict | None],
                   repeat: int) -> tuple[float, float]:
    """Median times of two commands run in turn: a machine that slows down or speeds up
    during the measurement (a shared virtual machine does) weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(run(*first))
        times[1].append(run(*second))
    return statistics.median(times[0]), statistics.median(times[1])


def gxlint(*args: str) -> list[str]:
    return [*COMMAND, "--format", "concise", *args]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("gxlint.exe" if os.name == "nt" else "gxlint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "linter"]


COMMAND = _command()


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
            f"{', ' + model if model else ''}; Python {platform.python_version()}")


class Server:
    """``gxlint --server`` in a cache folder of its own, for the time of a ``with`` block."""

    def __init__(self, cache: str):
        self.env = dict(os.environ, GXLINT_CACHE_DIR=cache, GXLINT_SERVER="require")
        self.socket = Path(cache) / "server.sock"

    def __enter__(self) -> dict:
        self.process = subprocess.Popen([*COMMAND, "--server"], env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # the server announces itself on stderr once it has loaded everything
        self.process.stderr.readline()
        if not self.socket.exists():
            raise SystemExit("gxlint --server did not start")
        return self.env

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stderr.close()


def same_answer(command: list[str], env: dict, served_env: dict) -> None:
    """Stop unless the server answers exactly as a run of its own: a fast wrong answer is no answer."""
    alone = subprocess.run(command, capture_output=True, env=dict(env, GXLINT_SERVER="off"))
    served = subprocess.run(command, capture_output=True, env=served_env)
    if (alone.returncode, alone.stdout) != (served.returncode, served.stdout):
        raise SystemExit(f"the server answered differently: {served.stderr.decode(errors='replace')}")


def make_batch(folder: Path, count: int) -> None:
    """*count* report files from the real samples, each with some table numbers changed."""
    sources = sorted(FIXTURES.rglob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    rng = random.Random(20261123)
    for index in range(count):
        text = texts[index % len(texts)]
        lines = text.split("\n")
        for _ in range(3):
            at = rng.randrange(len(lines))
            if lines[at].strip().isdigit():
                lines[at] = lines[at].replace(lines[at].strip(), str(rng.randrange(100)))
        (folder / f"report-{index:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of *pid* and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            total += int((Path("/proc") / str(current) / "statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(current, []))
    return total


def batch_run(folder: Path) -> tuple[float, int]:
    """Wall time and peak memory of linting *folder*."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(gxlint(str(folder)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            if Path("/proc").is_dir():
                peak = max(peak, tree_rss(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return elapsed, peak


def in_process_times(repeats: list[int]) -> dict[int, float]:
    sys.path.insert(0, str(ROOT))
    import gc

    from linter.checks import CHECKS
    from linter.client import tune_collector
    from linter.document import load
    from linter.engine import run_rules
    from linter.loading import load_all

    tune_collector()                # the collector as the gxlint command sets it
    loaded = load_all()
    gc.freeze()
    text = SEED.read_text(encoding="utf-8")
    times = {}
    for factor in repeats:
        data = ("\n\n".join([text] * factor)).encode("utf-8")
        samples = []
        for _ in range(5 if factor >= 100 else 7 if factor >= 10 else 21):
            started = time.perf_counter()
            report = load("big.txt", data, loaded.catalog)
            run_rules(report, loaded.ruleset, CHECKS)
            samples.append(time.perf_counter() - started)
        # the quickest: on a shared machine other work only ever adds time, and a slow moment
        # during the short 1x runs would make growth look better than it is, or worse
        times[factor] = min(samples)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="reports in the batch (default 1000)")
    parser.add_argument("--repeat", type=int, default=31, help="runs per timing (default 31)")
    options = parser.parse_args()
    results: list[tuple[str, str, bool]] = []

    print(f"machine: {machine()}")
    print(f"gxlint command: {' '.join(COMMAND)}")
    bare_command = ([sys.executable, "-c", "pass"], None)
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, GXLINT_CACHE_DIR=cache)
        cold = run(gxlint(str(SEED)), env)
        run(gxlint(str(SEED)), env)                 # the first run with the cache writes what it made
        bare, one = paired_medians(bare_command, (gxlint(str(SEED)), env), options.repeat)
        with Server(cache) as served_env:
            same_answer(gxlint(str(SEED)), env, served_env)
            bare_served, served = paired_medians(bare_command, (gxlint(str(SEED)), served_env), options.repeat)
    one_default = median_time(gxlint(str(SEED)), options.repeat)
    print(f"bare interpreter start (python -c pass): {bare * 1000:.1f} ms")
    print(f"one file, a run of its own: {one * 1000:.1f} ms ({one / bare:.2f}x bare); first run with an "
          f"empty cache {cold * 1000:.0f} ms; with the default cache {one_default * 1000:.1f} ms")
    print(f"one file, gxlint --server listening: {served * 1000:.1f} ms ({served / bare_served:.2f}x bare, "
          f"{bare_served * 1000:.1f} ms, timed in turn with it)")
    results.append(("one file ≤ 4x bare (gxlint --server)", f"{served / bare_served:.2f}x",
                    served <= 4 * bare_served))
    results.append(("one file ≤ 4x bare (run of its own)", f"{one / bare:.2f}x", one <= 4 * bare))

    folder = Path(tempfile.mkdtemp(prefix="gxlint-bench-"))
    try:
        make_batch(folder, options.files)
        run(gxlint(str(folder)))                       # warm the file cache of the OS and gxlint's
        elapsed, peak = batch_run(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    per_report = elapsed / options.files
    # The quickest bare start measured: a start timed while the machine was slow would flatter the batch.
    fastest = min(bare, bare_served, median_time(bare_command[0], options.repeat))
    print(f"batch of {options.files}: {elapsed:.2f} s, {per_report * 1000:.2f} ms a report "
          f"({per_report / fastest:.2f}x the quickest bare start measured, {fastest * 1000:.1f} ms); "
          f"peak memory {peak / 2**20:.0f} MB")
    results.append(("batch ≤ 0.25x bare a report", f"{per_report / fastest:.2f}x", per_report <= fastest / 4))
    results.append(("peak memory < 100 MB (batch)", f"{peak / 2**20:.0f} MB", peak < 100 * 2**20))

    times = in_process_times([1, 10, 100])
    slope = [times[factor] / (factor * times[1]) for factor in (10, 100)]
    print("size growth (in-process, load and rules): " + ", ".join(
        f"{factor}x: {times[factor] * 1000:.1f} ms" for factor in times)
        + f"; time per seed-size {slope[0]:.2f} (10x), {slope[1]:.2f} (100x) of 1x")
    results.append(("time linear in size", f"{slope[1]:.2f} per unit at 100x", slope[1] <= 1.5))

    print()
    width = max(len(name) for name, _, _ in results)
    for name, value, ok in results:
        print(f"{name:<{width}}  {value:>22}  {'met' if ok else 'MISSED'}")
    return 0 if all(ok for _, _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
