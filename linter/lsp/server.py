"""The language server: documents in, diagnostics, hovers and quick fixes out (pygls).

Checks run one at a time on a worker thread, so the server keeps reading the
editor's messages while a report is checked. A change is checked at once when the
document has not been checked for the debounce interval (``debounce``, 0.1 s by
default); changes that come faster are gathered, and the latest text is checked
when the interval is over, so typing costs at most one check per interval and the
first change after a pause shows its diagnostics without waiting. Diagnostics are
published only for the text they were computed from: a check overtaken by a newer
change is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..check.loading import load_all, yaml_under
from ..cli.config import Resolver
from ..messages import TwoLanguageError
from .analysis import Analysis, Problem, Settings, analyse, kind_of, path_of
from .diagnostics import diagnostics
from .fixes import fixes_for
from .hover import code_at, fact_hover, rule_hover, template_of
from .ignores import ignore_edit, title as ignore_title
from .positions import LineIndex, encoding_name

logger = logging.getLogger(__name__)

DEBOUNCE = 0.1            # seconds between two checks of one document while it is being typed in
POLL = 2.0                # seconds between looks at the configuration and rule files of open reports
WATCHED = ("**/gxlint.yaml", "**/.gxlint.yaml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")
FAILED = {"zh": "gxlint 内部错误，未能检查此文件：{error}", "en": "gxlint failed to check this file: {error}"}


@dataclass
class Checked:
    version: int | None
    analysis: Analysis
    signature: object
    # Editors ask for code actions whenever the cursor rests on a finding, and each fix is proved
    # by a check of the fixed text: the fixes of each finding (by its index) are kept with the check.
    fixes: dict = field(default_factory=dict)


class Gxlint:
    """The state of one session: settings, the latest check of each open document, timers."""

    def __init__(self, server: LanguageServer, settings: Settings):
        self.server = server
        self.settings = settings
        self.debounce = DEBOUNCE
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.started: dict[str, float] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gxlint-check")
        self.poller: asyncio.Task | None = None

    # --- settings and session --------------------------------------------------------

    def configure(self, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        settings = self.settings
        if options.get("lang") in ("zh", "en"):
            settings = replace(settings, lang=options["lang"])
        if isinstance(options.get("config"), str):
            settings = replace(settings, config=options["config"])
        if isinstance(options.get("rules"), list):
            settings = replace(settings, rules=settings.rules + tuple(str(path) for path in options["rules"]))
        if isinstance(options.get("ruleDocs"), str):
            settings = replace(settings, rule_docs=options["ruleDocs"])
        if isinstance(options.get("debounce"), (int, float)) and 0 <= options["debounce"] <= 10:
            self.debounce = float(options["debounce"])
        self.settings = settings

    async def started_session(self) -> None:
        self.poller = asyncio.get_running_loop().create_task(self._poll())
        capabilities = self.server.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is None or not watched.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
        registration = types.Registration(id="gxlint-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=options)
        try:
            await self.server.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as error:      # a client that refuses: the poll still sees the changes
            logger.info("no file watching: %s", error)

    def stop(self) -> None:
        for task in list(self.pending.values()) + ([self.poller] if self.poller else []):
            task.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)

    # --- documents -------------------------------------------------------------------

    def path(self, uri: str) -> str:
        return path_of(uri, to_fs_path(uri), self.server.workspace.root_path)

    def document(self, uri: str):
        """The open document *uri* (pygls keeps them by their unquoted address), or None."""
        return self.server.workspace.text_documents.get(unquote(uri))

    def opened_text(self, path: str) -> str | None:
        """The editor's text of the file *path*, when it is open there."""
        document = self.document(from_fs_path(path) or "")
        return document.source if document is not None else None

    @property
    def encoding(self) -> str:
        return encoding_name(self.server.workspace.position_encoding)

    # --- checking ----------------------------------------------------------------------

    def schedule(self, uri: str, at_once: bool = False) -> None:
        """Check *uri* now, or when the interval since its last check is over."""
        if kind_of(self.path(uri)) == "data":
            return
        loop = asyncio.get_running_loop()
        wait = 0.0 if at_once else max(0.0, self.started.get(uri, -self.debounce) + self.debounce - loop.time())
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = loop.create_task(self._later(uri, wait))

    async def _later(self, uri: str, wait: float) -> None:
        if wait > 0:
            await asyncio.sleep(wait)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]        # past the wait: a newer change schedules another check
        self.started[uri] = asyncio.get_running_loop().time()
        await self.check(uri)

    def recheck_all(self) -> None:
        for document in list(self.server.workspace.text_documents.values()):
            self.schedule(document.uri, at_once=True)

    async def check(self, uri: str) -> Checked | None:
        document = self.document(uri)
        if document is None:
            return None
        path = self.path(uri)
        disk = kind_of(path) == "disk"
        source = None if disk else document.source
        version = document.version
        loop = asyncio.get_running_loop()
        try:
            checked = await loop.run_in_executor(self.executor, self._run, path, source, version)
        except RuntimeError:            # the executor is shut down: the session is ending
            return None
        current = self.document(uri)
        if current is None or current.version != version:
            return None
        self.checked[uri] = checked
        self.publish(uri, checked)
        return checked

    def _run(self, path: str, source: str | None, version) -> Checked:
        signature = self._signature(path)
        try:
            analysis = analyse(path, source, self.settings)
        except Exception as error:      # a defect in gxlint: say so on the file, log the details
            logger.error("%s", traceback.format_exc())
            analysis = Analysis(path=path, source=source)
            analysis.problem = Problem(FAILED[self.settings.lang].format(error=f"{type(error).__name__}: {error}"))
        return Checked(version, analysis, signature)

    def publish(self, uri: str, checked: Checked) -> None:
        disk = checked.analysis.source is None
        found = diagnostics(checked.analysis, uri, self.encoding, self.settings.lang, disk, self.settings.rule_docs)
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=checked.version))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.checked.pop(uri, None)
        self.started.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    async def current(self, uri: str) -> Checked | None:
        """The check of the document's present text (made now if the last one is older)."""
        document = self.document(uri)
        if document is None:
            return None
        checked = self.checked.get(uri)
        if checked is not None and (checked.version == document.version or checked.analysis.source is None):
            return checked
        return await self.check(uri)

    # --- configuration and rule files changing -------------------------------------------

    def _signature(self, path: str) -> object:
        """What the check of *path* depends on besides the editor's text: its configuration as read,
        the modification times of the rule files that configuration and the settings name, and for a
        Word or PDF file (read from disk) the file's own, so that saving it in Word is seen."""
        try:
            config = Resolver(self.settings.config, self.settings.select, self.settings.ignore).for_path(path)
            files = [file for folder in self.settings.rules + config.rules for file in yaml_under(folder)]
        except TwoLanguageError as error:
            return ("error", str(error))
        if kind_of(path) == "disk":
            files.append(path)
        return config, tuple((file, _mtime(file)) for file in files)

    async def _poll(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(POLL)
            for uri, checked in list(self.checked.items()):
                try:
                    signature = await loop.run_in_executor(self.executor, self._signature, self.path(uri))
                except RuntimeError:
                    return
                if signature != checked.signature and uri not in self.pending:
                    self.schedule(uri, at_once=True)

    # --- hover and code actions ------------------------------------------------------------

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        document = self.document(uri)
        if document is None:
            return None
        markdown = self._markdown()
        index = LineIndex(_lines_of(document.source), self.encoding)
        line, column = index.place(params.position)
        code = code_at(index.line_text(line), column)
        text = None
        if code is not None:        # a rule's code, or something that looks like one (ISO9001)
            text = await asyncio.get_running_loop().run_in_executor(self.executor, self._rule_text, uri, code, markdown)
        if text is None:
            text = await self._cell_text(uri, line, column, markdown)
        if not text:
            return None
        kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text))

    def _rule_text(self, uri: str, code: str, markdown: bool) -> str | None:
        try:
            config = Resolver(self.settings.config).for_path(self.path(uri))
            loaded = load_all(tuple(self.settings.rules) + config.rules)
        except TwoLanguageError:
            loaded = load_all(())
        return rule_hover(loaded, code, self.settings.lang, markdown)

    async def _cell_text(self, uri: str, line: int, column: int, markdown: bool) -> str | None:
        if kind_of(self.path(uri)) != "text":
            return None
        checked = await self.current(uri)
        if checked is None or checked.analysis.report is None or checked.analysis.document.kind != "text":
            return None
        analysis = checked.analysis
        fact = analysis.fact_at(line, column)
        if fact is None:
            return None
        return fact_hover(analysis, fact, template_of(analysis, fact), self.settings.lang, markdown)

    def _markdown(self) -> bool:
        text = self.server.client_capabilities.text_document
        formats = text.hover.content_format if text and text.hover else None
        return not formats or types.MarkupKind.Markdown in formats

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        if params.context.only and not _asks_for_quick_fixes(params.context.only):
            return None
        checked = await self.current(params.text_document.uri)
        if checked is None or checked.analysis.report is None:
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self._actions, params, checked)

    def _actions(self, params: types.CodeActionParams, checked: Checked) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = checked.analysis
        disk = analysis.source is None
        found = diagnostics(analysis, uri, self.encoding, self.settings.lang, disk, self.settings.rule_docs)
        pairs = enumerate(zip(analysis.findings, found))
        chosen = [(index, finding, diagnostic) for index, (finding, diagnostic) in pairs
                  if _meets(diagnostic.range, params.range)]
        actions = []
        for index, finding, diagnostic in chosen:
            if index not in checked.fixes:
                checked.fixes[index] = fixes_for(analysis, finding, self.settings)
            actions.extend(self._fix_action(uri, checked, fix, diagnostic) for fix in checked.fixes[index])
        if to_fs_path(uri) is None:          # an unsaved buffer has no file for per-file-ignores to name
            return actions
        for code in dict.fromkeys(finding.rule for _, finding, _ in chosen):
            action = self._ignore_action(analysis, code, [d for _, f, d in chosen if f.rule == code])
            if action is not None:
                actions.append(action)
        return actions

    def _fix_action(self, uri: str, checked: Checked, fix, diagnostic) -> types.CodeAction:
        index = LineIndex(checked.analysis.document.text, self.encoding)
        edit = fix.edit
        text_edit = types.TextEdit(index.range(edit.line, edit.column, edit.end_line, edit.end_column), edit.text)
        return types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                is_preferred=True, edit=self._edit(uri, checked.version, [text_edit]))

    def _ignore_action(self, analysis: Analysis, code: str, found) -> types.CodeAction | None:
        edit = ignore_edit(analysis.path, code, self.settings.config, self.opened_text)
        if edit is None:
            return None
        opened = self.document(from_fs_path(edit.path) or "")
        uri = opened.uri if opened is not None else from_fs_path(edit.path)
        index = LineIndex(edit.before, self.encoding)
        line, column = _place_of(edit.before, edit.insert.offset)
        at = index.position(line, column)
        text_edit = types.TextEdit(types.Range(at, at), edit.insert.text)
        if edit.create:
            if not self._can_create():
                return None
            changes = types.WorkspaceEdit(document_changes=[
                types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)),
                types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                                       [text_edit])])
        else:
            changes = self._edit(uri, opened.version if opened is not None else None, [text_edit])
        return types.CodeAction(title=ignore_title(edit, code, self.settings.lang),
                                kind=types.CodeActionKind.QuickFix, diagnostics=list(found), edit=changes)

    def _edit(self, uri: str, version, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        workspace = self.server.client_capabilities.workspace
        if workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes:
            return types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits)])
        return types.WorkspaceEdit(changes={uri: edits})

    def _can_create(self) -> bool:
        workspace = self.server.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        return bool(edit and edit.document_changes and edit.resource_operations
                    and types.ResourceOperationKind.Create in edit.resource_operations)


def _lines_of(source: str) -> str:
    """The editor's text with its line ends as gxlint reads them (``\\r\\n`` and ``\\r`` as ``\\n``)."""
    return source.replace("\r\n", "\n").replace("\r", "\n")


def _place_of(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _asks_for_quick_fixes(only) -> bool:
    """Whether the kinds asked for take in ``quickfix`` (kinds are hierarchies: ``""`` takes in all)."""
    wanted = types.CodeActionKind.QuickFix.value
    kinds = [getattr(kind, "value", kind) for kind in only]
    return any(kind in ("", wanted) or wanted.startswith(kind + ".") for kind in kinds)


def _meets(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position):
        return position.line, position.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def build(settings: Settings | None = None) -> LanguageServer:
    """A gxlint language server, its features registered, not yet started."""
    # Whole texts on each change: the protocol splits lines at \n, \r\n and \r only, and a
    # report may hold form feeds (page breaks), which incremental edits would misplace.
    server = LanguageServer("gxlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    state = Gxlint(server, settings or Settings())
    server.gxlint = state

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        state.configure(params)

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        await state.started_session()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        state.schedule(params.text_document.uri, at_once=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if kind_of(state.path(uri)) == "text":
            state.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if kind_of(state.path(uri)) == "data":      # a configuration or rule file
            state.recheck_all()
        else:
            state.schedule(uri, at_once=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        state.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        state.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        return await state.hover(params)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return await state.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(params) -> None:
        state.stop()

    return server
