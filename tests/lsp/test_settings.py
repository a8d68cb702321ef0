"""The server's settings: from gxlint's command line, then from the editor's initializationOptions."""

from __future__ import annotations

from lsprotocol import types

from linter.cli.arguments import parse
from linter.lsp import settings_from
from linter.lsp.analysis import Settings
from linter.lsp.server import DEBOUNCE, build


def test_command_line_options():
    settings = settings_from(parse(["--lsp", "--lang", "en", "--rules", "本地/", "--select", "GX1,gx2",
                                    "--ignore", "GX112", "--config", "x/gxlint.yaml"]))
    assert settings == Settings(lang="en", config="x/gxlint.yaml", rules=("本地/",), select=("GX1", "GX2"),
                                ignore=("GX112",))
    assert settings_from(None) == Settings()


def initialized(options, settings: Settings = Settings()):
    server = build(settings)
    server.gxlint.configure(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                   initialization_options=options))
    return server.gxlint


def test_initialization_options_override_and_add():
    state = initialized({"lang": "en", "rules": ["b/"], "ruleDocs": "https://example.org/r#{code}",
                         "debounce": 0.25}, Settings(rules=("a/",)))
    assert state.settings.lang == "en" and state.settings.rules == ("a/", "b/")
    assert state.settings.rule_docs == "https://example.org/r#{code}" and state.debounce == 0.25


def test_unusable_options_are_left_out():
    state = initialized({"lang": "fr", "debounce": -1, "rules": "not a list", "config": 3})
    assert state.settings == Settings() and state.debounce == DEBOUNCE
    assert initialized(None).settings == Settings()
