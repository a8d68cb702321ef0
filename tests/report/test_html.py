"""--format html: the page a clerk looks at, checked as HTML and in a real browser.

The structure tests parse the page (html5lib) and compare the marked cells with the
places the findings point at, worked out here from the bound report (which cells are
table cells), not from the page. The browser tests render the page in headless Chromium
(``chromium --headless --dump-dom`` on a test-only copy of the page with a measuring
script at its end; the page itself has none) and check that every marked cell is
drawn, visible and marked by more than colour; they write a screenshot of each seed's
page to ``tests/screenshots/``. Without a Chromium the browser tests are skipped
(``.ci/run`` installs one); with one, they run.
"""

from __future__ import annotations

import dataclasses
import html as html_escape
import io
import json
import os
import re
import shutil
import struct
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup

from linter.check.findings import SEVERITY_RANK
from linter.cli.runner import FileJob, FileResult, lint_one
from linter.report import html

from ..conftest import SEEDS
from ..cli.helpers import gxlint

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ICONS = {"error": "✖", "warning": "▲", "info": "●"}
BORDERS = {"error": "solid", "warning": "dashed", "info": "dotted"}
SEED_IDS = [seed.name[:3] for seed in SEEDS]


# --- results and pages -------------------------------------------------------------------

@lru_cache(maxsize=None)
def seed_result(index: int) -> FileResult:
    return lint_one(FileJob(path=str(SEEDS[index]), keep_report=True))


def seed_page(index: int, lang: str = "zh") -> str:
    return html.render([seed_result(index)], lang)


def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html5lib")


def table_cells(report) -> set[tuple[int, int]]:
    """Where every cell gxlint placed in a table of the report stands: values, row labels,
    units, cells beyond a row's columns."""
    places = set()
    for table in report.binding.tables:
        places |= {(fact.cell.line, fact.cell.column) for fact in table.facts.values()}
        places |= {(cell.line, cell.column) for _, cell in table.extra_cells}
        for row in table.rows:
            cells = row.label_cells + row.value_cells + ([row.unit_cell] if row.unit_cell else [])
            places |= {(cell.line, cell.column) for cell in cells if cell.text or cell in row.label_cells}
    return places


def expected_marks(result: FileResult) -> dict[str, str]:
    """line:column -> the gravest severity of the findings on that table cell."""
    cells = table_cells(result.report)
    marks: dict[str, str] = {}
    for finding in result.findings:
        if (finding.line, finding.column) in cells:
            at = f"{finding.line}:{finding.column}"
            if at not in marks or SEVERITY_RANK[finding.severity] > SEVERITY_RANK[marks[at]]:
                marks[at] = finding.severity
    return marks


def expected_related(result: FileResult) -> set[str]:
    cells = table_cells(result.report)
    return {f"{place.line}:{place.column}" for finding in result.findings for place in finding.related
            if place.path is None and (place.line, place.column) in cells}


def outside_tables(result: FileResult) -> list:
    cells = table_cells(result.report)
    return [finding for finding in result.findings if (finding.line, finding.column) not in cells]


def own_text(element) -> str:
    """An element's own text, without its marks and notes."""
    return "".join(element.find_all(string=True, recursive=False)).strip()


def severity_of(element) -> str:
    classes = element.get("class", [])
    return next(name for name, letter in (("error", "e"), ("warning", "w"), ("info", "i")) if letter in classes)


# --- the page as HTML ------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_page_parses_as_html5_without_errors(index):
    html5lib.HTMLParser(strict=True).parse(seed_page(index))


def test_folder_page_parses_as_html5_without_errors(small_folder_page):
    html5lib.HTMLParser(strict=True).parse(small_folder_page)


def test_page_loads_nothing_from_anywhere(small_folder_page):
    page = soup(small_folder_page)
    assert not page.find_all(["script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"])
    for element in page.find_all(True):
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = element.get(name)
            if value is not None:
                assert value.startswith("#"), (element.name, name, value)
    style = " ".join(tag.get_text() for tag in page.find_all("style"))
    assert "url(" not in style and "@import" not in style and "http" not in style
    assert "http" not in small_folder_page.split("<style>")[0]


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_exactly_the_cells_of_the_findings_are_marked(index):
    result = seed_result(index)
    page = soup(seed_page(index))
    marked = {cell["data-at"]: severity_of(cell) for cell in page.select("td.m, th.m")}
    assert marked == expected_marks(result)
    for finding in result.findings:
        at = f"{finding.line}:{finding.column}"
        if at not in marked:
            continue
        cell = page.select_one(f'[data-at="{at}"]')
        icons = {icon["href"][1:]: icon.get_text() for icon in cell.select("a.ic")}
        entry = next(page.find(id=name) for name in icons if finding.message in page.find(id=name).get_text())
        assert icons[entry["id"]] == ICONS[finding.severity]
        assert entry.select_one("a.go")["href"] == f"#{cell['id']}"


def test_the_seeds_mark_the_cells_a_clerk_would():
    """By hand, from the seeds' text: 000's blank （三）申请答复数 (line 176) and 专项经费
    (line 302); 002's 政务微博 5475 and 政务微信 1050 (lines 182, 187), larger than the 610
    items published, and its two amounts given in 元 (unit cells on lines 411 and 446)."""
    assert expected_marks(seed_result(0)) == {"176:2": "error", "302:2": "error"}
    page = soup(seed_page(2))
    assert {cell["data-at"]: cell.get_text() for cell in page.select("td.m.e")} == \
        {"182:2": "✖5475", "187:2": "✖1050"}
    assert {cell["data-at"]: cell.get_text() for cell in page.select("td.m.w")} == {"411:2": "▲元", "446:2": "▲元"}
    assert not page.select("td.m.i, th.m.i")
    # seed 004's one finding is about its part 5 (无问题。), not about a cell
    assert [f.rule for f in seed_result(4).findings] == ["GX503"] and not soup(seed_page(4)).select("td.m, th.m")


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_related_cells_are_outlined_and_linked(index):
    result = seed_result(index)
    page = soup(seed_page(index))
    outlined = {cell["data-at"] for cell in page.select("td.rel, th.rel")}
    assert outlined == expected_related(result)
    ids = {cell["id"] for cell in page.select("td.rel, th.rel")}
    links = {link["href"][1:] for link in page.select("li.f .rl a")}
    assert ids <= links


def test_the_parts_of_a_broken_sum_are_outlined():
    """Seed 000 leaves （三）申请答复数 blank while its eight parts hold numbers (lines 180–232)."""
    page = soup(seed_page(0))
    parts = {cell["data-at"]: cell.get_text() for cell in page.select("td.rel")}
    assert parts == {"180:2": "0", "184:2": "2", "188:2": "0", "192:2": "0",
                     "220:2": "0", "224:2": "0", "228:2": "0", "232:2": "0"}


def test_every_link_in_the_page_finds_its_target(small_folder_page):
    page = soup(small_folder_page)
    ids = {element["id"] for element in page.find_all(id=True)}
    targets = [link["href"][1:] for link in page.find_all("a", href=True)]
    assert targets and set(targets) <= ids
    assert len(ids) == len(page.find_all(id=True))


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_findings_outside_the_tables_are_in_the_summary_with_their_figure(index):
    result = seed_result(index)
    page = soup(seed_page(index))
    summary = page.select("section.rep > ol.fl > li.f")
    assert len(summary) == len(outside_tables(result))
    lines = result.report.document.lines
    for finding, entry in zip(outside_tables(result), summary):
        assert finding.message in entry.get_text()
        if finding.line == finding.end_line and finding.end_column > finding.column:
            figure = lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
            letter = finding.severity[0]
            assert [mark.get_text() for mark in entry.select(f"mark.{letter}")] == [figure]


def test_prose_share_is_quoted_with_its_sentence():
    """Seed 002 line 54: “我委共受理申请44件。其中,当面申请20件,占总数的45.4%;” (20 ÷ 44 is
    45.45…%): the share marked in its sentence, the count 20 outlined beside it, the total 44
    quoted from the sentence before."""
    page = soup(seed_page(2))
    entry = next(item for item in page.select("section.rep > ol.fl > li.f") if "GX320" in item.get_text())
    share, total = entry.select("blockquote")
    assert share.get_text() == "…其中,当面申请20件,占总数的45.4%;"
    assert share.select_one("mark.w").get_text() == "45.4%"      # a last-digit slip: a warning
    assert share.select_one("mark.rel").get_text() == "20"
    assert total.get_text() == "我委共受理申请44件。"
    assert total.select_one("mark.rel").get_text() == "44"


def test_blank_not_applicable_and_converted_values_are_shown_as_such():
    blank = soup(seed_page(0)).select_one('[data-at="176:2"]')
    assert "blank" in blank["class"] and "（空）" in blank.get_text()
    not_applicable = [cell for cell in soup(seed_page(0)).select("td.na")]
    assert not_applicable and all(cell.get_text() == "——" for cell in not_applicable)
    # seed 002 line 447: 18500 in a row whose unit cell says 元; the template asks for 万元
    converted = soup(seed_page(2)).select("td.conv")
    texts = {cell.get_text(" ", strip=True) for cell in converted}
    assert "18500元 → 1.85万元" in texts


def test_tables_are_drawn_as_the_template_lays_them_out():
    page = soup(seed_page(4))                  # 2019 format
    apply = next(table for table in page.select("table.g") if "法人或其他组织" in table.get_text())
    head = apply.select("thead tr")
    assert len(head) == 2
    assert head[0].find("th", string="法人或其他组织")["colspan"] == "5"
    assert head[0].find("th", string="自然人")["rowspan"] == "2"
    assert [th.get_text() for th in head[1].find_all("th")] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    template = seed_result(4).report.binding.tables[1].section
    assert [own_text(th) for th in apply.select("tbody th")] == [row.label for row in template.rows]
    review = next(table for table in page.select("table.g") if "复议后起诉" in table.get_text())
    assert [(th.get_text(), th.get("colspan")) for th in review.select("thead tr")[0].find_all("th")] == \
        [("行政复议", "5"), ("未经复议直接起诉", "5"), ("复议后起诉", "5")]
    assert len(review.select("tbody td")) == 15
    parts = [table.caption.get_text() for table in page.select("table.g") if table.caption]
    assert parts == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"]


def test_a_cut_table_shows_where_it_stops_and_what_is_missing():
    """Seed 001's appended 2008 table stops after 4.微博微信回应事件数 (line 481)."""
    page = soup(seed_page(1))
    stats = next(table for table in page.select("table.g") if "统计指标" in table.get_text())
    rows = stats.select("tbody tr")
    cut = next(index for index, row in enumerate(rows) if "cut" in row.get("class", []))
    assert "4.微博微信回应事件数" in rows[cut - 1].get_text()
    assert rows[cut - 1].select_one('[data-at="481:2"]') is not None
    assert all("miss" in row["class"] or "grp" in row["class"] for row in rows[cut + 1:])
    missing_before = [row for row in rows[:cut] if "miss" in row.get("class", [])]
    assert [own_text(row.th) for row in missing_before] == \
        ["其中：主动公开规范性文件数", "制发规范性文件总数", "5.其他方式公开政府信息数"]


def test_a_changed_row_label_is_shown_beside_the_templates():
    """Seed 003 line 64 writes 2. 电视台在线访谈次数 for 2.政府网站在线访谈次数."""
    label = soup(seed_page(3)).select_one('[data-at="64:3"]')
    assert label.name == "th" and "m" in label["class"] and "w" in label["class"]
    assert "2.政府网站在线访谈次数" in label.get_text() and "电视台在线访谈次数" in label.small.get_text()


def test_tables_without_marks_are_folded_and_those_with_marks_open():
    for index in range(len(SEEDS)):
        for details in soup(seed_page(index)).select("details.tb"):
            marked = details.select(".m, .rel")
            assert details.has_attr("open") == bool(marked), (index, details.summary.get_text())


def test_summary_names_template_year_counts_and_verdict():
    summary = soup(seed_page(0)).select_one("dl.sum").get_text(" ", strip=True)
    assert "2008" in summary and "2018" in summary and "✖ 2 错误" in summary and "不通过" in summary
    clean = soup(seed_page(4)).select_one("dl.sum").get_text(" ", strip=True)
    assert "通过" in clean and "不通过" not in clean
    warnings_only = soup(html.render([seed_result(3)], fail_on="warning")).select_one("dl.sum").get_text()
    assert "不通过" in warnings_only


def test_english_page():
    page = seed_page(0, "en")
    parsed = soup(page)
    assert parsed.html["lang"] == "en"
    assert "(blank)" in parsed.select_one('[data-at="176:2"]').get_text()
    assert "fails" in parsed.select_one("dl.sum").get_text()
    assert all(table["lang"] == "zh-CN" for table in parsed.select("table.g"))
    html5lib.HTMLParser(strict=True).parse(page)


def test_folder_index_sorted_by_errors_with_unreadable_files_first(small_folder_page):
    page = soup(small_folder_page)
    rows = page.select("nav.index tbody tr")
    assert len(rows) == 6
    assert "unread" in rows[0]["class"] and "不是有效的 Word 文件" in rows[0].get_text()
    errors = [int(row.find_all("td")[3].get_text()) for row in rows[1:]]
    assert errors == sorted(errors, reverse=True)
    for row in rows:
        section = page.find(id=row.a["href"][1:])
        assert section.name == "section" and section.h2.get_text() == row.a.get_text()


def test_text_from_the_report_is_shown_not_obeyed():
    hostile = FileResult(path="年报<script>\x1b[2J\ufdd0\U0001fffe.docx", error="坏\x07文件 <b>")
    page = html.render([hostile, seed_result(0)])
    html5lib.HTMLParser(strict=True).parse(page)
    assert "<script>" not in page and "\x1b" not in page and "\x07" not in page
    assert "\\x1b" in page and "&lt;b&gt;" in page


def test_cli_writes_the_page(tmp_path, capsys):
    target = tmp_path / "报告.html"
    code, out, _ = gxlint(capsys, "--format", "html", SEEDS[0].parent, "-o", target)
    assert code == 1 and out == ""
    page = target.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert len(soup(page).select("section.rep")) == len(SEEDS)
    code, out, _ = gxlint(capsys, "--format", "html", "--lang", "en", SEEDS[4])
    assert code == 0 and soup(out).html["lang"] == "en"


def test_a_page_for_500_reports_stays_light(folder_page):
    sections = re.findall(r'<section class="rep".*?</section>', folder_page, re.S)
    assert len(sections) == 501
    assert max(len(section.encode("utf-8")) for section in sections) < 150_000
    assert len(folder_page.encode("utf-8")) < 500 * 40_000


def test_results_without_their_reports_list_the_findings():
    """A caller that did not keep the bound reports still gets every finding, in the summary."""
    result = dataclasses.replace(seed_result(2), report=None)
    page = soup(html.render([result]))
    entries = page.select("section.rep > ol.fl > li.f")
    assert [entry.code.get_text() for entry in entries] == [finding.rule for finding in result.findings]
    assert not page.select("table.g")


# --- fixtures shared by the folder tests ------------------------------------------------------

@pytest.fixture(scope="module")
def folder_results(tmp_path_factory) -> list[FileResult]:
    """An unreadable file and the seeds' results a hundred times over, under other names
    (linting 500 files would test the linter's speed, not the page's)."""
    broken = tmp_path_factory.mktemp("broken") / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    unreadable = lint_one(FileJob(path=str(broken), keep_report=True))
    assert unreadable.error
    seeds = [seed_result(index) for index in range(len(SEEDS))]
    copies = [dataclasses.replace(result, path=f"{copy:03d}/{Path(result.path).name}")
              for copy in range(100) for result in seeds]
    return [unreadable] + copies


@pytest.fixture(scope="module")
def small_folder_page(folder_results) -> str:
    """The unreadable file and each seed once: the page of a folder, small enough to parse in Python."""
    return html.render(folder_results[:1 + len(SEEDS)])


@pytest.fixture(scope="module")
def folder_page(folder_results) -> str:
    out = io.StringIO()
    html.write(folder_results, out, "zh", "error")
    return out.getvalue()


# --- in a browser ------------------------------------------------------------------------------

def _chromium() -> str | None:
    named = os.environ.get("GXLINT_CHROMIUM")
    if named:
        return named
    return next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if (found := shutil.which(name))), None)


CHROMIUM = _chromium()
browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (.ci/run installs one)")

# Test-only: appended to a copy of the page, at the end of its body, so that it runs once the page
# is parsed; asking for boxes and styles makes the browser lay the page out. It writes what the
# browser drew into the page, for --dump-dom to bring back.
MEASURE = """<script>
(function () {
  var root = document.documentElement;
  // A page of many reports lays out only the reports on screen (content-visibility), in the frame
  // after this one: done here, for the reports on the first screen.
  Array.prototype.forEach.call(document.querySelectorAll("section.rep"), function (section) {
    if (section.getBoundingClientRect().top < innerHeight) {
      section.lastElementChild.getBoundingClientRect();
    }
  });
  var height = root.scrollHeight, width = root.scrollWidth;
  var time = performance.now();
  function drawn(element) {
    var box = element.getBoundingClientRect(), style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility === "visible" && style.display !== "none"
      && element.checkVisibility({opacityProperty: true, visibilityProperty: true});
  }
  var cells = CELLS && Array.prototype.map.call(document.querySelectorAll("[data-at]"), function (cell) {
    var style = getComputedStyle(cell);
    return {at: cell.dataset.at, id: cell.id, classes: cell.className, drawn: drawn(cell),
            border: style.borderTopStyle, borderWidth: parseFloat(style.borderTopWidth),
            outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            icons: Array.prototype.map.call(cell.querySelectorAll("a.ic"), function (icon) {
              return {text: icon.textContent, href: icon.getAttribute("href"), drawn: drawn(icon)}; })};
  });
  var out = document.createElement("pre");
  out.id = "gxlint-measure";
  out.textContent = JSON.stringify({cells: cells, time: time, width: width, height: height, viewport: innerWidth});
  (window.parent === window ? document : window.parent.document).body.appendChild(out);
})();
</script>"""
MIN_WINDOW = 500
MEASURED = re.compile(r'<pre id="gxlint-measure">(.*?)</pre>', re.S)


def run_chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
               "--mute-audio", f"--user-data-dir={profile}", *arguments]
    done = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done


def measure(tmp_path: Path, page: str, width: int = 1280, height: int = 900, cells: bool = True) -> dict:
    """What Chromium drew of *page*; *cells*: also each cell's box and style (slow on a page of hundreds)."""
    copy = tmp_path / "measured.html"
    script = MEASURE.replace("CELLS", "true" if cells else "false")
    measured = page.replace("</body>", script + "</body>")
    if width < MIN_WINDOW:
        measured = phone_frame(measured, width, height)
    copy.write_text(measured, encoding="utf-8")
    window = f"--window-size={max(width, MIN_WINDOW)},{height}"
    done = run_chromium(tmp_path, window, "--dump-dom", copy.as_uri())
    found = MEASURED.search(done.stdout.decode("utf-8"))
    assert found, "the measuring script did not run"
    return json.loads(html_escape.unescape(found.group(1)))


def phone_frame(page: str, width: int, height: int) -> str:
    """*page* in a frame as wide as a phone's screen: headless Chromium's window is never narrower
    than MIN_WINDOW. The frame is the page's viewport, as a phone's screen is."""
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>phone</title></head>'
            '<body style="margin:0"><iframe title="phone" style="border:0;display:block;'
            f'width:{width}px;height:{height}px" srcdoc="{html_escape.escape(page, quote=True)}"></iframe>'
            '</body></html>')


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@browser
@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_in_chromium_every_finding_cell_is_drawn_visible_and_marked(index, tmp_path):
    result = seed_result(index)
    page = seed_page(index)
    measured = measure(tmp_path, page)
    cells = {cell["at"]: cell for cell in measured["cells"]}
    marks = expected_marks(result)
    drawn_marks = {at for at, cell in cells.items() if " m " in f" {cell['classes']} "}
    assert drawn_marks == set(marks)
    for at, severity in marks.items():
        cell = cells[at]
        assert cell["drawn"], at
        assert cell["border"] == BORDERS[severity] and cell["borderWidth"] >= 2, (at, cell)
        icons = [icon for icon in cell["icons"] if icon["drawn"]]
        assert icons and ICONS[severity] in {icon["text"] for icon in icons}, (at, cell)
    for at in expected_related(result):
        assert cells[at]["drawn"] and cells[at]["outline"] != "none" and cells[at]["outlineWidth"] >= 2, at
    assert measured["width"] <= measured["viewport"]
    _screenshot(tmp_path, page, f"{SEED_IDS[index]}.png", measured["height"])


def _screenshot(tmp_path: Path, page: str, name: str, height: int, width: int = 1280) -> None:
    """For people to look at: tests/screenshots/ (not tracked)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    height = min(max(height, 600), 16000)
    source = tmp_path / f"{name}.html"
    source.write_text(page if width >= MIN_WINDOW else phone_frame(page, width, height), encoding="utf-8")
    target = SCREENSHOTS / name
    window = max(width, MIN_WINDOW)
    run_chromium(tmp_path, f"--window-size={window},{height}", f"--screenshot={target}", source.as_uri())
    assert png_size(target) == (window, height)


@browser
def test_in_chromium_the_page_fits_a_phone_screen(tmp_path):
    page = seed_page(2)
    measured = measure(tmp_path, page, width=390, height=844)
    assert measured["viewport"] == 390
    assert measured["width"] <= 390           # wide tables scroll inside their box, not the page
    assert measured["cells"] and all(cell["drawn"] for cell in measured["cells"])
    _screenshot(tmp_path, page, "002-phone.png", measured["height"], width=390)


@browser
def test_in_chromium_the_page_prints_on_a4(tmp_path):
    import pdfplumber

    source = tmp_path / "page.html"
    source.write_text(seed_page(2), encoding="utf-8")
    target = tmp_path / "page.pdf"
    run_chromium(tmp_path, f"--print-to-pdf={target}", "--no-pdf-header-footer", source.as_uri())
    with pdfplumber.open(target) as pdf:
        assert pdf.pages
        text = ""
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (595, 842)     # A4 in points
            assert all(0 <= char["x0"] and char["x1"] <= page.width + 0.5 for char in page.chars)
            text += page.extract_text() or ""
    # NFKC: the PDF's text layer gives some CJK characters as their Kangxi radicals (⼯ for 工)
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    assert "✖5475" in compact and "18500" in compact and "→1.85万元" in compact and "GX112" in compact


@browser
def test_in_chromium_a_page_of_500_reports_loads_and_is_laid_out(folder_page, tmp_path):
    # how long it takes is measured by bench/bench.py (under 5 s)
    measured = measure(tmp_path, folder_page, cells=False)
    assert measured["height"] > 500 * 100
