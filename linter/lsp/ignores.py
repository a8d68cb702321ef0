""""Ignore this rule for this file": a ``per-file-ignores`` entry in the report's ``gxlint.yaml``.

Reports are published documents, so nothing is written into them; the rule is
turned off for the one file in the configuration that applies to it (the nearest
``gxlint.yaml`` or ``.gxlint.yaml``, as the command line finds it). Without one,
a ``gxlint.yaml`` is created next to the report. When a ``pyproject.toml`` is the
configuration that applies, no edit is offered: a ``gxlint.yaml`` beside the
report would replace that configuration for the folder, not add to it.

The entry names the file by its path from the configuration's folder (``/年报.txt``
for a report beside it: a glob without ``/`` would match that name in every
folder). The edit keeps everything else in the file as written, comments
included; it is offered only when the edited file, read back, turns off just
that rule for just that file and leaves every other setting as it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace

import yaml

from ..cli.config import CONFIG_FILES, ConfigError, Config, Resolver, ignored_for, parse_config, relative_to

KEY = "per-file-ignores"
TITLES = {"zh": "在 {config} 中对此文件忽略 {code}", "en": "Ignore {code} for this file in {config}"}


@dataclass(frozen=True)
class TextInsert:
    offset: int          # in characters of the configuration's text
    text: str


@dataclass(frozen=True)
class IgnoreEdit:
    path: str            # the configuration file
    create: bool         # it does not exist yet
    before: str          # its text now ("" when created)
    insert: TextInsert


def ignore_edit(report: str, code: str, explicit: str | None, read_open) -> IgnoreEdit | None:
    """The edit that turns *code* off for *report*; *read_open(path)* gives an open file's text
    in the editor (or None), so that unsaved changes there are edited, not the file on disk."""
    try:
        config = Resolver(explicit).for_path(report)
    except ConfigError:
        return None
    if not config.source:
        folder = os.path.dirname(os.path.abspath(report))
        target, create, text = os.path.join(folder, CONFIG_FILES[0]), True, ""
        config = Config(root=folder)
    elif os.path.basename(config.source) in CONFIG_FILES:
        target, create = config.source, False
        text = read_open(target)
        if text is None:
            try:
                with open(target, encoding="utf-8") as stream:
                    text = stream.read()
            except (OSError, UnicodeDecodeError):
                return None
    else:
        return None
    relative = relative_to(config, report)
    glob = _glob(relative) if relative is not None else None
    if glob is None:
        return None
    insert = _insert(text, glob, code)
    if insert is None or not _holds(text, insert, config, report, code):
        return None
    return IgnoreEdit(target, create, text, insert)


def title(edit: IgnoreEdit, code: str, lang: str) -> str:
    return TITLES[lang].format(code=code, config=os.path.basename(edit.path))


def _glob(relative: str) -> str | None:
    """A glob matching *relative* alone: ``*`` and ``?`` as one-character classes, and a leading
    ``/`` for a file in the configuration's own folder. None for a name with ``[``, which a glob
    can only take as a class nested in a class (that Python's regular expressions warn of)."""
    if "[" in relative:
        return None
    escaped = "".join(f"[{char}]" if char in "*?" else char for char in relative)
    return escaped if "/" in escaped else "/" + escaped


def _entry(glob: str, code: str) -> str:
    return f"{json.dumps(glob, ensure_ascii=False)}: [{code}]"


def _insert(text: str, glob: str, code: str) -> TextInsert | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if root is None:
        return _append(text, f"{KEY}:\n  {_entry(glob, code)}\n")
    if not isinstance(root, yaml.MappingNode) or root.flow_style or root.start_mark.column != 0:
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == KEY:
            return _into_mapping(text, value, glob, code)
    return _append(text, f"{KEY}:\n  {_entry(glob, code)}\n")


def _append(text: str, addition: str) -> TextInsert:
    newline = "" if not text or text.endswith("\n") else "\n"
    return TextInsert(len(text), newline + addition)


def _into_mapping(text: str, node, glob: str, code: str) -> TextInsert | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == glob:
            return _into_sequence(text, value, code)
    if node.flow_style:
        closing = node.end_mark.index - 1
        separator = ", " if node.value else ""
        return TextInsert(closing, separator + _entry(glob, code)) if text[closing] == "}" else None
    first = node.value[0][0]
    indent = " " * first.start_mark.column
    return TextInsert(_line_end(text, _last_line(node)), "\n" + indent + _entry(glob, code))


def _into_sequence(text: str, node, code: str) -> TextInsert | None:
    if not isinstance(node, yaml.SequenceNode):
        return None
    if node.flow_style:
        closing = node.end_mark.index - 1
        return TextInsert(closing, (", " if node.value else "") + code) if text[closing] == "]" else None
    item = node.value[0]
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    dash = text.rfind("-", line_start, item.start_mark.index)
    if dash < 0:
        return None
    return TextInsert(_line_end(text, _last_line(node)), "\n" + text[line_start:dash] + "- " + code)


def _last_line(node) -> int:
    """The last line (from 0) that *node* has text on. A block collection's end mark lies at the
    next token, often the start of the next line, so its leaves are asked instead."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        return node.end_mark.line if node.end_mark.column > 0 or node.end_mark.line == node.start_mark.line \
            else node.end_mark.line - 1
    children = [child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) \
        else list(node.value)
    return max(_last_line(child) for child in children)


def _line_end(text: str, line: int) -> int:
    """The offset where line *line* (from 0) ends, before its line break (and a comment stays on it)."""
    offset = 0
    for _ in range(line):
        offset = text.index("\n", offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return end - 1 if end > offset and text[end - 1] == "\r" else end


def apply(text: str, insert: TextInsert) -> str:
    return text[:insert.offset] + insert.text + text[insert.offset:]


def _holds(text: str, insert: TextInsert, config: Config, report: str, code: str) -> bool:
    """Read back, the edited file turns *code* off for *report*, and changes nothing else."""
    try:
        before = parse_config(yaml.safe_load(text), config.source or "gxlint.yaml", config.root)
        after = parse_config(yaml.safe_load(apply(text, insert)), config.source or "gxlint.yaml", config.root)
    except (yaml.YAMLError, ConfigError):
        return False
    added = set(after.per_file_ignores) - set(before.per_file_ignores)
    kept = {glob: set(codes) for glob, codes in before.per_file_ignores}
    grown = {glob: set(codes) for glob, codes in after.per_file_ignores}
    return (replace(after, per_file_ignores=()) == replace(before, per_file_ignores=())
            and code in ignored_for(after, report)
            and all(codes <= grown.get(glob, set()) for glob, codes in kept.items())
            and all(grown[glob] - kept.get(glob, set()) <= {code} for glob, _ in added)
            and len(after.per_file_ignores) <= len(before.per_file_ignores) + 1)
