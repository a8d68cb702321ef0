"""Benchmark gxlint against its speed targets, on this machine, in one run.

    python bench/bench.py               # all measurements, with a verdict per target
    python bench/bench.py --files 200   # smaller folders (quicker, less exact)

Run it with the interpreter of the environment gxlint is installed in (``.venv/bin/python
bench/bench.py``): it times the ``gxlint`` command installed beside that interpreter, as a user runs
it. What is measured (wall time; medians of commands run in turn, so that a machine whose speed
drifts during the measurement weighs on both sides alike):

1. one report: ``gxlint`` on a real report against ``yamllint`` (installed by the benchmark into a
   virtual environment of its own, in a temporary folder) on a YAML file of the same size; target:
   gxlint takes at most the time yamllint takes (printed beside it, for reference: what every run
   does before any of its own work, importing the libraries and parsing the rule files, alone);
2. a folder of N reports (default 500, made from the real samples with some numbers varied): wall
   time per report of ``gxlint --format concise FOLDER`` on all cores; target: at most half a bare
   ``python -c pass`` per report;
3. growth with size: one report 1x, 10x and 100x a seed's size, read, bound and checked in-process
   (the quickest of several runs); target: time linear in size (100x within 1.5x of linear);
4. peak memory of a folder of 1,000 reports: the largest sum of resident memory over gxlint's
   process and its workers, sampled every 10 ms from /proc; target: under 150 MB;
5. the progress display: ``--format rich`` with standard error on a terminal (a pseudo-terminal),
   against ``--format concise``, on the folder of item 2; target: at most 10% more time;
6. the HTML page of the folder of item 2 in headless Chromium (where one is installed): the time
   from the start of loading until the page is parsed, styled and laid out (the reports on the
   first screen in full), as the page's own ``performance.now()`` gives it; target: under 5 s.

The time from an edit to its diagnostics in the language server is measured by
``bench/lsp_latency.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seeds" / "002_e4d77d33f04ebca9.txt"


def run(command: list[str], **options) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **options)
    return time.perf_counter() - started


def in_turn(first: list[str], second: list[str], repeat: int, **options) -> tuple[float, float]:
    """Median times of two commands run alternately."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(run(first))
        times[1].append(run(second, **options))
    return statistics.median(times[0]), statistics.median(times[1])


def gxlint_command() -> list[str]:
    script = Path(sys.executable).with_name("gxlint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "linter"]


GXLINT = gxlint_command()


# The part of a run no change to gxlint's own code can take away: the libraries it is built on
# (Lark's parsers as generated at build time, or Lark itself in a checkout) and the YAML of its
# built-in rules, templates and vocabulary.
FLOOR = """
import glob, os, yaml, regex
try:
    import linter.grammars.report_parser, linter.grammars.expr_parser
except ImportError:
    import lark
import linter
rules = os.path.join(os.path.dirname(linter.__file__), "rules")
if not os.path.isdir(rules):
    rules = os.path.join(os.path.dirname(os.path.dirname(linter.__file__)), "rules")
for name in sorted(glob.glob(os.path.join(rules, "**", "*.yaml"), recursive=True)):
    with open(name, encoding="utf-8") as stream:
        yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
"""


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
            f"{', ' + model if model else ''}; Python {platform.python_version()}")


def yamllint(folder: Path) -> list[str]:
    """yamllint, installed into a virtual environment under *folder*."""
    environment = folder / "yamllint-venv"
    venv.create(environment, with_pip=True)
    subprocess.run([str(environment / "bin" / "pip"), "install", "-q", "yamllint"], check=True,
                   stdout=subprocess.DEVNULL)
    return [str(environment / "bin" / "yamllint")]


def yaml_like(report: Path, target: Path) -> None:
    """A YAML file of the report's size: its lines as a list of strings."""
    size = report.stat().st_size
    lines = [line.replace("\t", " ").replace('"', "'") for line in report.read_text(encoding="utf-8").split("\n")]
    text = "---\nlines:\n" + "".join(f'  - "{line}"\n' for line in lines)
    target.write_text(text[:size] if len(text.encode()) > size else text, encoding="utf-8")
    while len(target.read_bytes()) > size:
        lines.pop()
        target.write_text("---\nlines:\n" + "".join(f'  - "{line}"\n' for line in lines), encoding="utf-8")


def make_folder(folder: Path, count: int) -> None:
    """*count* report files from the real samples, each with some table numbers changed."""
    sources = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    rng = random.Random(20261130)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        lines = texts[index % len(texts)].split("\n")
        for _ in range(3):
            at = rng.randrange(len(lines))
            if lines[at].strip().isdigit():
                lines[at] = lines[at].replace(lines[at].strip(), str(rng.randrange(100)))
        (folder / f"report-{index:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of *pid* and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
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


def peak_memory(command: list[str]) -> int:
    peak = 0
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak


def with_terminal(command: list[str]) -> float:
    """Wall time of *command* with its standard error on a pseudo-terminal (standard output to
    /dev/null), so that it shows its progress display."""
    controller, terminal = pty.openpty()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    while True:
        try:
            if not os.read(controller, 65536):
                break
        except OSError:
            break
    process.wait()
    os.close(controller)
    return time.perf_counter() - started


# Appended to the page at the end of its body: runs once the page is parsed; asking for boxes makes
# the browser lay out the reports on the first screen (the others wait, content-visibility).
MEASURE = """<script>
Array.prototype.forEach.call(document.querySelectorAll("section.rep"), function (section) {
  if (section.getBoundingClientRect().top < innerHeight) { section.lastElementChild.getBoundingClientRect(); }
});
document.documentElement.scrollHeight;
document.title = "gxlint-measured " + performance.now();
</script>"""


def chromium() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if (found := shutil.which(name))), None)


def page_time(browser: str, folder: Path, work: Path) -> float:
    """Milliseconds from the start of loading the HTML page of *folder* until it is laid out."""
    page = work / "page.html"
    run([*GXLINT, "--format", "html", "-o", str(page), str(folder)])
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", f"--user-data-dir={work / 'chromium-profile'}",
                           "--window-size=1280,900", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=300, check=False)
    found = re.search(r"gxlint-measured ([0-9.]+)", done.stdout)
    if not found:
        raise RuntimeError(f"Chromium did not run the page's script: {done.stderr[-500:]}")
    return float(found.group(1))


def in_process_times(factors: list[int]) -> dict[int, float]:
    sys.path.insert(0, str(ROOT))
    from linter.bind import bind_report
    from linter.check.engine import run_rules
    from linter.check.loading import load_all
    from linter.read import read_document

    loaded = load_all()
    text = SEED.read_text(encoding="utf-8")
    times = {}
    for factor in factors:
        data = ("\n\n".join([text] * factor)).encode("utf-8")
        samples = []
        for _ in range(3 if factor >= 100 else 5 if factor >= 10 else 15):
            started = time.perf_counter()
            run_rules(bind_report(read_document("big.txt", data), loaded.catalog), loaded.ruleset)
            samples.append(time.perf_counter() - started)
        times[factor] = min(samples)      # other work on a shared machine only ever adds time
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=500, help="reports in the folder (default 500)")
    parser.add_argument("--repeat", type=int, default=21, help="runs per timing (default 21)")
    options = parser.parse_args()
    results: list[tuple[str, str, bool]] = []
    print(f"machine: {machine()}")
    print(f"gxlint command: {' '.join(GXLINT)}")
    work = Path(tempfile.mkdtemp(prefix="gxlint-bench-"))
    try:
        lint_yaml = yamllint(work)
        yaml_file = work / "report.yaml"
        yaml_like(SEED, yaml_file)
        one_yaml, one = in_turn([*lint_yaml, str(yaml_file)], [*GXLINT, "--format", "concise", str(SEED)],
                                options.repeat)
        print(f"one report ({SEED.stat().st_size} bytes): gxlint {one * 1000:.0f} ms; yamllint on a YAML file "
              f"of {yaml_file.stat().st_size} bytes {one_yaml * 1000:.0f} ms ({one / one_yaml:.2f}x)")
        results.append(("one report ≤ yamllint on the same size", f"{one / one_yaml:.2f}x", one <= one_yaml))
        one_yaml, floor = in_turn([*lint_yaml, str(yaml_file)], [sys.executable, "-c", FLOOR], options.repeat)
        print(f"  for reference, what every run does before its own work (importing PyYAML, regex and Lark's "
              f"parsers, parsing gxlint's rule files), alone: {floor * 1000:.0f} ms, {floor / one_yaml:.2f}x yamllint")

        folder = work / "reports"
        make_folder(folder, options.files)
        concise = [*GXLINT, "--format", "concise", str(folder)]
        run(concise)                                   # the operating system's file cache, warmed
        bare, batch = in_turn([sys.executable, "-c", "pass"], concise, 5)
        per_report = batch / options.files
        print(f"folder of {options.files}: {batch:.2f} s, {per_report * 1000:.2f} ms a report "
              f"({per_report / bare:.2f}x a bare start, {bare * 1000:.1f} ms)")
        results.append((f"folder of {options.files} ≤ 0.5x bare a report", f"{per_report / bare:.2f}x",
                         per_report <= bare / 2))

        rich = [*GXLINT, "--format", "rich", str(folder)]
        plain_times, shown_times = [], []
        for _ in range(5):                             # in turn, as the other commands
            plain_times.append(run(concise))
            shown_times.append(with_terminal(rich))
        plain, shown = statistics.median(plain_times), statistics.median(shown_times)
        print(f"progress display: rich on a terminal {shown:.2f} s, concise {plain:.2f} s")
        results.append(("progress display ≤ 1.1x concise", f"{shown / plain:.2f}x", shown <= 1.1 * plain))

        browser = chromium()
        if browser is None:
            print("HTML page: no Chromium installed, not measured")
        else:
            loaded = statistics.median(page_time(browser, folder, work) for _ in range(3))
            print(f"HTML page of {options.files} reports: laid out in Chromium after {loaded:.0f} ms")
            results.append((f"HTML page of {options.files} in Chromium < 5 s", f"{loaded / 1000:.2f} s",
                            loaded < 5000))

        thousand = work / "thousand"
        make_folder(thousand, 1000)
        peak = peak_memory([*GXLINT, "--format", "concise", str(thousand)])
        print(f"folder of 1000: peak memory {peak / 2**20:.0f} MB")
        results.append(("peak memory < 150 MB (1000 reports)", f"{peak / 2**20:.0f} MB", peak < 150 * 2**20))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    times = in_process_times([1, 10, 100])
    slope = times[100] / (100 * times[1])
    print("size growth (in-process): " + ", ".join(f"{factor}x {times[factor] * 1000:.1f} ms" for factor in times)
          + f"; 100x takes {slope:.2f} times 100 × 1x")
    results.append(("time linear in size", f"{slope:.2f} at 100x", slope <= 1.5))

    print()
    width = max(len(name) for name, _, _ in results)
    for name, value, ok in results:
        print(f"{name:<{width}}  {value:>14}  {'met' if ok else 'MISSED'}")
    return 0 if all(ok for _, _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
