"""``--format concise``: one finding a line, ``path:line:col: severity rule message``.

The shape editors and tools already parse (Vim's errorformat ``%f:%l:%c: %m``,
Emacs compilation mode, VS Code problem matchers, grep). Files that could not
be read get a line ``path:1:1: error GX000 message``.
"""

from __future__ import annotations

from typing import TextIO


def write(results, out: TextIO, summary=None) -> None:
    for result in results:
        if result.error:
            out.write(f"{result.path}:1:1: error GX000 {result.error}\n")
        for finding in result.findings:
            message = " ".join(finding.message.split())
            out.write(f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} {message}\n")
