"""Driving ``gxlint --lsp`` as an editor would: pygls's client over the server's stdin and stdout."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20.0


def capabilities(encodings=("utf-16",), create: bool = True, watch: bool = True) -> types.ClientCapabilities:
    operations = [types.ResourceOperationKind.Create] if create else []
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=list(encodings)),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True,
                                                                 resource_operations=operations),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch)),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)),
    )


class Session:
    """One server process and what it has published, per document address."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.client = Client("gxlint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.registrations: list[types.Registration] = []
        self.arrived = asyncio.Event()
        self.arrival_times: list[float] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self.arrival_times.append(time.perf_counter())
            self.arrived.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams):
            self.registrations.extend(params.registrations)

    async def start(self, options: dict | None = None, caps: types.ClientCapabilities | None = None,
                    encoding: str = "utf-16") -> types.InitializeResult:
        environment = dict(os.environ, PYTHONPATH=str(ROOT))
        await self.client.start_io(sys.executable, "-m", "linter", "--lsp", cwd=str(self.folder), env=environment)
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            process_id=os.getpid(), root_uri=self.folder.as_uri(),
            capabilities=caps or capabilities((encoding,)), initialization_options=options or {})), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return result

    def open(self, path: Path, text: str | None = None, language: str = "plaintext", version: int = 1) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0,
                          timeout: float = TIMEOUT) -> types.PublishDiagnosticsParams:
        """The first publication for *uri* (for *version*, when given) after the *after*-th one."""
        deadline = time.monotonic() + timeout
        while True:
            for params in self.published.get(uri, [])[after:]:
                if version is None or params.version == version:
                    return params
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no diagnostics for {uri} (version {version}) in {timeout} s")
            self.arrived.clear()
            try:
                await asyncio.wait_for(self.arrived.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    async def until(self, condition, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "the server did not do it in time"
            await asyncio.sleep(0.02)

    def count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))), TIMEOUT)

    async def code_actions(self, uri: str, where: types.Range,
                           found: list[types.Diagnostic]) -> list[types.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), where, types.CodeActionContext(diagnostics=found))), TIMEOUT)
        return list(result or [])

    async def stop(self) -> int | None:
        """Shut the server down as an editor does; its exit status."""
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)
        return self.client.exit_code


class Client(LanguageClient):
    exit_code: int | None = None

    async def server_exit(self, server: asyncio.subprocess.Process):
        self.exit_code = server.returncode


# --- what the tests compare with ------------------------------------------------------------

def cli_findings(folder: Path, name: str) -> list[dict]:
    """``gxlint --format json NAME`` run in *folder*, as a user runs it: its findings."""
    import json
    import subprocess

    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "linter", "--format", "json", name], cwd=folder, env=environment,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    (result,) = json.loads(done.stdout)["files"]
    return result["findings"]


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_range(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> tuple:
    """gxlint's 1-based code-point range as the protocol's 0-based UTF-16 (line, character) pairs."""
    return ((line - 1, utf16_units(lines[line - 1][:column - 1])),
            (end_line - 1, utf16_units(lines[end_line - 1][:end_column - 1])))


def as_tuple(where: types.Range) -> tuple:
    return (where.start.line, where.start.character), (where.end.line, where.end.character)


def offset(text: str, position: types.Position) -> int:
    """The index in *text* of a UTF-16 protocol position (lines split at \\n)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:position.line])
    units = 0
    for index, char in enumerate(lines[position.line]):
        if units >= position.character:
            return start + index
        units += utf16_units(char)
    return start + len(lines[position.line])


def apply_edits(text: str, edits) -> str:
    """*text* with protocol TextEdits made, last first so that earlier offsets hold."""
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(text, edit.range.start)] + edit.new_text + text[offset(text, edit.range.end):]
    return text
