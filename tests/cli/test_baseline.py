"""linter.cli.baseline: old findings recorded, only new ones reported, unrelated edits do not resurrect them."""

import json
import shutil

from linter.cli import baseline
from linter.cli.main import main
from linter.cli.runner import FileJob, lint_one

from ..conftest import FIXTURES, fixture_path

TABLE_RULES = "--select=GX0,GX1,GX2"


def lint(capsys, *args):
    code = main(["--format", "concise", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def copy_seed(tmp_path, name="seeds/000"):
    path = tmp_path / "drafts" / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture_path(name), path)
    return path


def insert_prose(path, before_line, text):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(before_line - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_baseline_of_the_seeds_silences_them(tmp_path, capsys):
    file = tmp_path / "baseline.json"
    code, out, err = lint(capsys, "--write-baseline", file, FIXTURES / "seeds")
    assert (code, out) == (0, "") and "记入基线" in err
    recorded = json.loads(file.read_text(encoding="utf-8"))["findings"]
    assert {"path", "rule", "fingerprint", "line", "message"} <= set(recorded[0])
    assert len(recorded) == len(lint(capsys, FIXTURES / "seeds")[1].splitlines()) > 10
    assert lint(capsys, "--baseline", file, FIXTURES / "seeds")[:2] == (0, "")


def test_inserting_prose_above_the_table_does_not_resurrect_findings(tmp_path, capsys):
    report = copy_seed(tmp_path)
    file = tmp_path / "baseline.json"
    assert lint(capsys, TABLE_RULES, report)[1].splitlines()[0].startswith(f"{report}:176:2: error GX103")
    lint(capsys, TABLE_RULES, "--write-baseline", file, report)
    # two lines of prose above the statistics table (the old test put the second one at line 100, which
    # is inside the table: a line of prose there now ends the table, as it does between two tables)
    insert_prose(report, 3, "（本报告于审核后补充了说明。）")
    insert_prose(report, 30, "以下为下一步改进措施。")
    _, moved, _ = lint(capsys, TABLE_RULES, report)
    assert [line.split(": ")[0] for line in moved.splitlines()] == [f"{report}:178:2", f"{report}:304:2"]
    assert lint(capsys, TABLE_RULES, "--baseline", file, report)[:2] == (0, "")


def test_a_new_mistake_is_reported_through_the_baseline(tmp_path, capsys):
    report = copy_seed(tmp_path)
    file = tmp_path / "baseline.json"
    lint(capsys, TABLE_RULES, "--write-baseline", file, report)
    lines = report.read_text(encoding="utf-8").split("\n")
    assert lines[155] == "\t2"                         # 3.网络申请数
    lines[155] = "\t3"
    report.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = lint(capsys, TABLE_RULES, "--baseline", file, report)
    assert code == 1 and [line.split(": ")[:2] for line in out.splitlines()] == [[f"{report}:144:2", "error GX101 “（一）收到申请数”为 2，当面、传真、网络、信函申请数之和为 3"]]


def test_baseline_paths_do_not_depend_on_the_working_directory(tmp_path, capsys, monkeypatch):
    report = copy_seed(tmp_path)
    file = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    lint(capsys, TABLE_RULES, "--write-baseline", "baseline.json", "drafts/report.txt")
    assert {entry["path"] for entry in json.loads(file.read_text(encoding="utf-8"))["findings"]} == \
        {"drafts/report.txt"}
    monkeypatch.chdir(tmp_path / "drafts")
    assert lint(capsys, TABLE_RULES, "--baseline", "../baseline.json", "report.txt")[:2] == (0, "")
    assert lint(capsys, TABLE_RULES, "--baseline", file, report)[:2] == (0, "")


def test_a_baseline_absorbs_only_as_many_findings_as_it_recorded(tmp_path):
    report = copy_seed(tmp_path)
    file = str(tmp_path / "baseline.json")
    result = lint_one(FileJob(str(report), select=("GX103",)))
    assert [f.rule for f in result.findings] == ["GX103"]
    baseline.write(file, [result])
    twice = lint_one(FileJob(str(report), select=("GX103",)))
    twice.findings = twice.findings * 2                 # the same finding made twice
    baseline.new_findings([twice], baseline.read(file), file)
    assert [f.rule for f in twice.findings] == ["GX103"]


def test_missing_or_broken_baseline_is_exit_2(tmp_path, capsys):
    code, out, err = lint(capsys, "--baseline", tmp_path / "nope.json", fixture_path("seeds/004"))
    assert (code, out) == (2, "") and "基线文件不存在" in err and "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"findings": 3}', encoding="utf-8")
    code, _, err = lint(capsys, "--baseline", broken, fixture_path("seeds/004"))
    assert code == 2 and "不是 gxlint 基线文件" in err
    broken.write_text("{", encoding="utf-8")
    code, _, err = lint(capsys, "--lang", "en", "--baseline", broken, fixture_path("seeds/004"))
    assert code == 2 and "cannot read the baseline" in err


def test_write_and_read_baseline_are_exclusive(capsys):
    code = main(["--baseline", "a.json", "--write-baseline", "b.json", str(fixture_path("seeds/004"))])
    assert code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_a_missing_baseline_stops_the_run_before_linting(tmp_path, capsys, monkeypatch):
    import linter.cli.main
    linted = []
    monkeypatch.setattr(linter.cli.main, "lint_all", lambda jobs, *args: linted.append(jobs) or [])
    code, _, err = lint(capsys, "--baseline", tmp_path / "nope.json", FIXTURES / "seeds")
    assert code == 2 and "基线文件不存在" in err and linted == []


def test_the_same_problem_with_other_numbers_stays_recorded(tmp_path, capsys):
    report = copy_seed(tmp_path, "seeds/002")
    file = tmp_path / "baseline.json"
    lint(capsys, TABLE_RULES, "--write-baseline", file, report)
    lines = report.read_text(encoding="utf-8").split("\n")
    assert lines[181] == "\t5475"                       # 3.政务微博公开政府信息数, above the total 610 (GX112)
    lines[181] = "\t5480"
    report.write_text("\n".join(lines), encoding="utf-8")
    _, out, _ = lint(capsys, TABLE_RULES, report)
    assert ":182:2: error GX112 “3.政务微博公开政府信息数”为 5480" in out
    assert lint(capsys, TABLE_RULES, "--baseline", file, report)[:2] == (0, "")
