"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``testsuite`` per file, named by its path. Each finding is a ``testcase``
named ``RULE line:col``; it fails (``failure`` with the rule as ``type``, the
message, and ``path:line:col: severity rule message`` as text) when its severity
reaches ``--fail-on`` (errors by default), so that the XML agrees with the exit
code; a finding below it passes, with its text as ``system-out``. A file
without findings has one passing ``testcase``; a file that could not be read
has one ``testcase`` with an ``error``. Characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from typing import TextIO

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def _suite(result, fail_on: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(result.path))
    failures = errors = 0
    if result.error:
        case = ET.SubElement(suite, "testcase", name="GX000", classname=_clean(result.path), file=_clean(result.path))
        ET.SubElement(case, "error", type="GX000", message=_clean(result.error)).text = _clean(result.error)
        errors += 1
    for finding in result.findings:
        case = ET.SubElement(suite, "testcase", name=f"{finding.rule} {finding.line}:{finding.column}",
                             classname=_clean(result.path), file=_clean(result.path), line=str(finding.line))
        text = _clean(f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} "
                      f"{finding.rule} {finding.message}")
        if SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on]:
            failure = ET.SubElement(case, "failure", type=finding.rule, message=_clean(finding.message))
            failure.text = text
            failures += 1
        else:
            ET.SubElement(case, "system-out").text = text
    if not result.error and not result.findings:
        ET.SubElement(suite, "testcase", name="gxlint", classname=_clean(result.path), file=_clean(result.path))
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return suite


def write(results, out: TextIO, fail_on: str = "error") -> None:
    root = ET.Element("testsuites", name="gxlint")
    for result in results:
        root.append(_suite(result, fail_on))
    for name in ("tests", "failures", "errors"):
        root.set(name, str(sum(int(suite.get(name)) for suite in root)))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
