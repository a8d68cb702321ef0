"""``gxlint --lsp``: a language server for editors, over standard input and output.

Editors that speak the Language Server Protocol (VS Code, Neovim, Emacs with
eglot, Helix, Sublime Text, Kate) show gxlint's findings in the report as it is
written, with hovers and quick fixes; set-up for each is in docs/lsp.md.

What the server does
--------------------

Diagnostics
    for plain-text and Markdown reports on opening, on each change (debounced:
    see :mod:`.server`) and on saving: the same findings as ``gxlint FILE``, with
    the same configuration (``gxlint.yaml``, ``.gxlint.yaml`` or ``pyproject.toml``
    found from the file's folder). Positions are in the protocol's UTF-16 units
    (or UTF-8 / UTF-32 when the editor asks for them), right for lines with
    Chinese text. The cells a rule compared come as related information; the rule
    code links to the rule's documentation. A saved web page (``.html``) is checked
    from the text the editor sends, with diagnostics at the cells' places in its
    source. Word and PDF files, which editors do not send as text, are read from
    disk when opened and saved (and again when the file changes on disk), each
    diagnostic naming its place in the message
    (``第 2 个表格第 5 行第 3 格``). Files the configuration's ``exclude`` names get
    no diagnostics, as with ``--force-exclude``.
Hover
    on a table cell: its fact key, the template's row and column labels, the value
    read and the rules that use it; on a rule code (``GX112``, in a report, a
    ``gxlint.yaml`` or a rule file): the rule's explanation.
Quick fixes
    a blank total whose parts are numbers → the sum of its parts; a stated share
    (GX320) → the recomputed percentage; a row label that differs from the template
    (GX006) → the template's label; each only where checking the fixed text clears
    the finding and finds nothing new (:mod:`.fixes`). For every finding, "ignore
    this rule for this file" adds the file to ``per-file-ignores`` in its
    ``gxlint.yaml`` (:mod:`.ignores`): no suppression comment goes into a report.
Configuration and rules
    every check reads the configuration afresh, and rule files are reloaded when
    they change; open reports are checked again when the editor reports a changed
    ``gxlint.yaml`` or rule file, when one is saved in the editor, and otherwise
    within :data:`.server.POLL` seconds.

Options
-------

``initializationOptions`` from the editor, all optional::

    {"lang": "en",                 # messages in English (default zh)
     "config": "path/gxlint.yaml", # one configuration for every file, as --config
     "rules": ["本省规则/"],        # more rule files and folders, as --rules
     "ruleDocs": "https://example.org/rules#{code}",  # each diagnostic's link
     "debounce": 0.1}              # seconds between checks while typing

:func:`serve` given gxlint's parsed command line takes ``--lang``, ``--config``, ``--rules``,
``--select`` and ``--ignore`` from it; ``initializationOptions`` add to them or override them.
"""

from __future__ import annotations

from .analysis import Settings


def settings_from(options) -> Settings:
    """The server's settings from ``gxlint``'s parsed command line (or the defaults for None)."""
    if options is None:
        return Settings()
    return Settings(lang=getattr(options, "lang", "zh") or "zh",
                    config=getattr(options, "config", None),
                    rules=tuple(getattr(options, "rules", None) or ()),
                    select=tuple(code for codes in getattr(options, "select", None) or () for code in codes),
                    ignore=tuple(code for codes in getattr(options, "ignore", None) or () for code in codes))


def serve(options=None) -> int:
    """Run the language server on standard input and output until the editor ends the session."""
    import logging
    import os
    import sys

    from .server import build

    logging.basicConfig(level=logging.WARNING)     # pygls's own messages: to standard error
    # The protocol gets a copy of standard output; the descriptor itself then points at standard
    # error, so that a stray print (ours or a library's) cannot corrupt the protocol's stream, and
    # the closing of the protocol's stream at exit leaves sys.stdout usable.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    build(settings_from(options)).start_io(sys.stdin.buffer, protocol_out)
    return 0
