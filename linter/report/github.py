"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

One line a finding::

    ::error file=PATH,line=N,col=N,endLine=N,endColumn=N,title=GX112::message

``info`` findings become ``notice``. In the message ``%``, carriage return and
line feed are escaped (``%25``, ``%0D``, ``%0A``); in property values ``:`` and
``,`` are escaped as well (``%3A``, ``%2C``), as the Actions runner expects. Other
control characters are shown as ``\x1b`` and the like, in paths too.
A file that could not be read gets ``::error file=PATH,line=1,col=1,title=GX000::reason``.
"""

from __future__ import annotations


from ..check.findings import printable

from typing import TextIO

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)                   # a log viewer would obey an escape sequence


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict, message: str) -> str:
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    return f"::{kind} {listed}::{escape_data(message)}"


def write(results, out: TextIO) -> None:
    for result in results:
        if result.error:
            out.write(command("error", {"file": result.path, "line": result.error_line, "col": result.error_column,
                                        "title": "GX000"}, result.error) + "\n")
        for finding in result.findings:
            properties = {"file": finding.path, "line": finding.line, "col": finding.column,
                          "endLine": finding.end_line, "endColumn": finding.end_column, "title": finding.rule}
            out.write(command(COMMANDS[finding.severity], properties, finding.message) + "\n")
