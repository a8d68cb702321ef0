"""The server's other duties: configuration and rule files changing, Word files from disk, web pages,
hovers on rule codes, excluded and closed files, and changes that come faster than checks."""

from __future__ import annotations

import asyncio
import shutil
import time

from lsprotocol import types

from linter.read.model import Origin
from tests.conftest import fixture_path
from tests.lsp.session import Session, capabilities, cli_findings

SEED = fixture_path("seeds/002")


def run(coroutine):
    return asyncio.run(coroutine)


def codes(params: types.PublishDiagnosticsParams) -> list[str]:
    return [d.code for d in params.diagnostics]


def test_configuration_change_seen_without_the_editors_help(tmp_path):
    """An editor that watches no files: a new gxlint.yaml still applies within the poll interval."""
    report = tmp_path / "report.txt"
    shutil.copy(SEED, report)

    async def session():
        server = Session(tmp_path)
        await server.start(caps=capabilities(watch=False))
        uri = server.open(report)
        assert "GX112" in codes(await server.diagnostics(uri, version=1))
        assert server.registrations == []
        seen = server.count(uri)
        (tmp_path / "gxlint.yaml").write_text("ignore: [GX112]\n", encoding="utf-8")
        after = await server.diagnostics(uri, after=seen, timeout=10)
        assert "GX112" not in codes(after) and "GX320" in codes(after)
        seen = server.count(uri)
        (tmp_path / "gxlint.yaml").write_text("selct: [GX]\n", encoding="utf-8")     # a mistake
        broken = await server.diagnostics(uri, after=seen, timeout=10)
        (problem,) = broken.diagnostics
        assert "gxlint.yaml" in problem.message and "selct" in problem.message
        assert problem.severity == types.DiagnosticSeverity.Error and problem.range.start.line == 0
        assert await server.stop() == 0

    run(session())


def test_rule_file_change_rechecks_open_reports(tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(SEED, report)
    (tmp_path / "本地规则").mkdir()
    rule = tmp_path / "本地规则" / "weibo.yaml"
    rule.write_text(_rule("微博 {left} 条，超过 100"), encoding="utf-8")
    (tmp_path / "gxlint.yaml").write_text("rules: [本地规则/]\n", encoding="utf-8")

    async def session():
        server = Session(tmp_path)
        await server.start()
        uri = server.open(report)
        (mine,) = [d for d in (await server.diagnostics(uri, version=1)).diagnostics if d.code == "ORG001"]
        assert mine.message == "微博 5475 条，超过 100" and mine.range.start.line == 181
        time.sleep(0.05)                    # a modification time the file system tells apart
        rule.write_text(_rule("微博写了 {left} 条"), encoding="utf-8")
        await server.until(lambda: server.registrations)
        assert [r.method for r in server.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        seen = server.count(uri)
        server.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=rule.as_uri(), type=types.FileChangeType.Changed)]))
        after = await server.diagnostics(uri, after=seen)
        assert [d.message for d in after.diagnostics if d.code == "ORG001"] == ["微博写了 5475 条"]
        await server.stop()

    run(session())


def _rule(message: str) -> str:
    return ("rules:\n  - id: ORG001\n    title: 微博条数不超过 100\n    severity: warning\n"
            f"    templates: [\"2008\"]\n    assert: stats.active.channel.weibo <= 100\n    message: {message}\n")


def test_word_file_is_read_from_disk(tmp_path):
    document = tmp_path / "blank.docx"
    shutil.copy(fixture_path("real/template-2021-blank.docx"), document)
    expected = cli_findings(tmp_path, document.name)
    assert expected and all("location" in finding for finding in expected)

    async def session():
        server = Session(tmp_path)
        await server.start()
        # An editor has no text for a Word file: what it sends is not what is checked.
        uri = server.open(document, text="", language="plaintext")
        found = (await server.diagnostics(uri, version=1)).diagnostics
        # Saved again outside the editor (here: spoilt): read again without a word from the editor.
        seen = server.count(uri)
        document.write_bytes(b"PK\x03\x04 not a Word file any more")
        (problem,) = (await server.diagnostics(uri, after=seen, timeout=10)).diagnostics
        assert problem.severity == types.DiagnosticSeverity.Error and problem.code is None
        await server.stop()
        return found

    found = run(session())
    assert sorted(d.code for d in found) == sorted(f["rule"] for f in expected)
    assert all((d.range.start.line, d.range.start.character, d.range.end.line) == (0, 0, 0) for d in found)
    shown = sorted(d.message for d in found)
    assert shown == sorted(f"{Origin(**f['location']).describe()}：{f['message']}" for f in expected)


def test_web_page_diagnostics_point_into_its_source(tmp_path):
    page = tmp_path / "page.html"
    source = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>年报</title></head>\n<body>\n"
              "<p>某区卫生健康委员会2018年政府信息公开工作年度报告</p>\n<table>\n"
              "<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>\n"
              "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>610</td></tr>\n"
              "<tr><td>3.政务微博公开政府信息数</td><td>条</td><td>5475</td></tr>\n</table>\n</body></html>\n")
    page.write_text(source, encoding="utf-8")

    async def session():
        server = Session(tmp_path)
        await server.start()
        uri = server.open(page, language="html")
        found = (await server.diagnostics(uri, version=1)).diagnostics
        await server.stop()
        return found

    (weibo,) = [d for d in run(session()) if d.code == "GX112"]
    line = source.split("\n")[7]
    start = line.index("5475")                   # no character outside the BMP: UTF-16 = code points
    assert (weibo.range.start.line, weibo.range.start.character, weibo.range.end.character) == (7, start, start + 4)


def test_hover_on_a_rule_code_and_no_diagnostics_for_configuration(tmp_path):
    config = tmp_path / "gxlint.yaml"
    config.write_text("ignore: [GX006, GX112]\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    shutil.copy(SEED, report)

    async def session():
        server = Session(tmp_path)
        await server.start(options={"lang": "en"})
        config_uri = server.open(config, language="yaml")
        uri = server.open(report)
        found = await server.diagnostics(uri, version=1)
        hover = await server.hover(config_uri, 0, len("ignore: [GX006, GX1"))
        outside = await server.hover(config_uri, 0, 2)
        published = server.count(config_uri)
        await server.stop()
        return found, hover, outside, published

    found, hover, outside, published = run(session())
    assert published == 0
    assert "GX112" not in codes(found)
    assert "The text states a share" in next(d.message for d in found.diagnostics if d.code == "GX320")   # lang: en
    assert "GX112" in hover.contents.value and "No disclosure channel exceeds the total" in hover.contents.value
    assert outside is None


def test_excluded_and_closed_files_have_no_diagnostics(tmp_path):
    (tmp_path / "gxlint.yaml").write_text('exclude: ["drafts/**"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft, report = tmp_path / "drafts" / "old.txt", tmp_path / "report.txt"
    shutil.copy(SEED, draft)
    shutil.copy(SEED, report)

    async def session():
        server = Session(tmp_path)
        await server.start()
        draft_uri, uri = server.open(draft), server.open(report)
        assert not (await server.diagnostics(draft_uri, version=1)).diagnostics
        assert (await server.diagnostics(uri, version=1)).diagnostics
        seen = server.count(uri)
        server.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        assert not (await server.diagnostics(uri, after=seen)).diagnostics
        await server.stop()

    run(session())


def test_fast_changes_end_with_the_last_texts_diagnostics(tmp_path):
    report = tmp_path / "report.txt"
    text = SEED.read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    versions = [text.replace("\t5475\n", f"\t{n}\n") for n in (5000, 600, 7000, 800, 5475, 500)]

    async def session():
        server = Session(tmp_path)
        await server.start()
        uri = server.open(report, text)
        await server.diagnostics(uri, version=1)
        seen = server.count(uri)
        for number, edited in enumerate(versions, start=2):
            server.change(uri, edited, number)
        last = await server.diagnostics(uri, version=len(versions) + 1)
        await asyncio.sleep(0.5)                 # anything still to come would come now
        published = server.published[uri][seen:]
        await server.stop()
        return last, published

    last, published = run(session())
    assert [d.range.start.line for d in last.diagnostics if d.code == "GX112"] == [186]     # 500: only 1050 left
    numbers = [params.version for params in published]
    assert numbers == sorted(numbers) and numbers[-1] == len(versions) + 1
    assert len(published) < len(versions)        # changes faster than checks are checked together
