"""Table templates: the national formats as data (``rules/templates/*.yaml``).

A template file names its ``id`` (``2008``, ``2019``, ``2021``), the reporting
``years`` it is meant for, and its ``sections``: ``stats`` (the 2008 统计表),
``active`` (主动公开), ``apply`` (the application matrix) and ``review``
(复议/诉讼). A section lists its ``rows`` and ``columns`` (or ``parts``, each
with a ``caption`` and its own rows and columns), the ``captions`` and
``headers`` that announce it, and for rows and columns a stable ``key``, the
official ``label``, ``aliases``, the expected ``unit``.

A file with ``extends: <id>`` adds rows to a template (a provincial variant);
``insert_after`` names the row they follow. New national formats and variants
are new YAML files; the Python stays the same.

A template may also give the report's expected ``outline``: its ``parts`` in
order, each with a stable ``key``, the ``title`` the format gives it, its
``number`` (一 … 六), ``aliases`` (other names real reports give the part:
概述 for 总体情况), whether it is ``required``, the table ``section`` it holds,
and ``fee: true`` where the format asks the part to state the 信息处理费
collected; ``ordered: false`` where the format prescribes no order (the
2008-era reports' usual outline). See :mod:`linter.bind.outline`.

Facts are named ``<section>.<row key>.<column key>``; the column is left out
when the section has a single value column (``stats.apply.received``), the row
when the section's only row has no label (``review.reconsideration.total``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import DataFileError, read_yaml, rules_dir
from ..messages import TwoLanguageError
from .labels import LabelIndex


class TemplateError(TwoLanguageError):
    """A template file is invalid; the message names the file and the key."""


@dataclass(eq=False, slots=True)
class ColumnDef:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    money: bool = False
    signed: bool = False
    required: bool = True
    group_label: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) + self.aliases


@dataclass(eq=False, slots=True)
class RowDef:
    key: str
    label: str
    order: int
    columns: list[ColumnDef]
    part: int = 0
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    group: bool = False
    optional: bool = False
    unlabeled: bool = False
    section: str = ""             # set by the section that holds the row
    template_id: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) + self.aliases if self.label else self.aliases

    @property
    def value_row(self) -> bool:
        return not self.group


@dataclass(eq=False, slots=True)
class PartDef:
    caption: str | None
    columns: list[ColumnDef]


@dataclass(eq=False)
class SectionDef:
    name: str
    title: str
    template_id: str
    captions: tuple[str, ...]
    headers: tuple[str, ...]
    unit_column: bool
    parts: list[PartDef]
    rows: list[RowDef]
    column_groups: list[ColumnDef] = field(default_factory=list)
    group_columns: list[ColumnDef] = field(default_factory=list)
    groups: dict[str, tuple] = field(default_factory=dict)
    row_index: LabelIndex = field(default_factory=LabelIndex)

    def __post_init__(self):
        for row in self.rows:
            self.adopt(row)

    def adopt(self, row: RowDef) -> None:
        row.section, row.template_id = self.name, self.template_id
        self.row_index.add(row.labels, row)

    @property
    def single_column(self) -> bool:
        return all(len(part.columns) == 1 for part in self.parts)

    def fact_key(self, row: RowDef, column: ColumnDef) -> str:
        parts = [self.name]
        if row.key:
            parts.append(row.key)
        if not self.single_column:
            parts.append(column.key)
        return ".".join(parts)

    def column_labels(self) -> Iterable[str]:
        for part in self.parts:
            for column in part.columns:
                yield from column.labels
                if column.group_label:
                    yield column.group_label
        for column in self.column_groups + self.group_columns:
            yield from column.labels

    def keys(self) -> list[str]:
        """Every fact key: each value row's columns, and each group row's (a report may give a
        group as one row, such as （六）其他处理 in the 2019 manner)."""
        return [self.fact_key(row, column) for row in self.rows for column in row.columns]

    def named(self, name: str) -> list | None:
        """Row or column keys a rule may iterate over: ``rows``, ``columns``, ``groups``
        (column groups), or a row group the template defines (``results``). A member of a row
        group may be a tuple of alternatives, each a list of row keys."""
        value_rows = [row.key for row in self.rows if row.value_row and row.key]
        if name == "rows":
            return value_rows
        if name == "columns":
            return list(dict.fromkeys(column.key for part in self.parts for column in part.columns))
        if name == "groups":
            return [group.key for group in self.column_groups]
        if name not in self.groups:
            return None
        members: list = []
        for member in self.groups[name]:
            if isinstance(member, str):
                members.extend(self._rows_like(member))
            else:
                members.append(tuple(tuple(self._rows_like(alternative)) for alternative in member))
        return list(dict.fromkeys(members))

    def _rows_like(self, pattern: str) -> list[str]:
        """Row keys matching *pattern* (``*`` for one part); group rows only when named exactly."""
        parts = pattern.split(".")
        return [row.key for row in self.rows if row.key and len(row.key.split(".")) == len(parts)
                and (row.value_row or "*" not in parts)
                and all(want in ("*", got) for want, got in zip(parts, row.key.split(".")))]


@dataclass(eq=False, slots=True)
class OutlinePart:
    """A part of the report's outline as a format prescribes it (二、主动公开政府信息情况)."""
    key: str
    title: str
    order: int
    number: str = ""
    aliases: tuple[str, ...] = ()
    required: bool = False
    section: str | None = None     # the table section the part holds
    fee: bool = False              # the part states the 信息处理费 collected

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title,) + self.aliases


@dataclass(eq=False)
class OutlineDef:
    parts: list[OutlinePart]
    ordered: bool = True

    def get(self, key: str) -> OutlinePart | None:
        return next((part for part in self.parts if part.key == key), None)


@dataclass(eq=False)
class Template:
    id: str
    title: str
    years: tuple[int, int]
    sections: dict[str, SectionDef]
    path: str
    variants: list[str] = field(default_factory=list)
    outline: OutlineDef | None = None

    def fits_year(self, year: int) -> bool:
        return self.years[0] <= year <= self.years[1]

    def keys(self) -> list[str]:
        return [key for section in self.sections.values() for key in section.keys()]

    def named(self, section: str, name: str) -> list[str] | None:
        return self.sections[section].named(name) if section in self.sections else None

    def row(self, key: str) -> RowDef | None:
        section, _, rest = key.partition(".")
        found = self.sections.get(section)
        return next((row for row in found.rows if row.key == rest), None) if found else None


_TEMPLATE_KEYS = {"id", "title", "years", "sections", "outline"}
_VARIANT_KEYS = {"extends", "variant", "sections"}
_SECTION_KEYS = {"title", "captions", "headers", "unit_column", "parts", "columns", "rows",
                 "column_groups", "group_columns", "groups", "insert_after"}
_PART_KEYS = {"caption", "columns", "rows"}
_ROW_KEYS = {"key", "label", "aliases", "unit", "group", "optional", "unlabeled"}
_COLUMN_KEYS = {"key", "label", "aliases", "unit", "money", "signed", "required", "group_label"}
SECTION_NAMES = ("stats", "active", "apply", "review")
MAX_TEMPLATE_FILE = 2 * 1024 * 1024


def _error(message: str) -> TemplateError:
    return TemplateError(message)


def _check_keys(data: Any, allowed: set[str], where: str) -> dict:
    if not isinstance(data, dict):
        raise _error(f"{where}：应为映射（键: 值）")
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        raise _error(f"{where}：未知的键 {', '.join(unknown)}")
    return data


def _text(value: Any, where: str, default: str | None = None) -> str | None:
    """An optional string. Anything else is refused without turning it into text: a
    YAML alias bomb (nested lists sharing one another) would take forever to print."""
    if value is None:
        return default
    if not isinstance(value, str):
        raise _error(f"{where}：应为字符串")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _error(f"{where}：应为字符串列表")
    return tuple(value)


def _column(data: Any, where: str) -> ColumnDef:
    data = _check_keys(data, _COLUMN_KEYS, where)
    if not isinstance(data.get("key"), str) or not isinstance(data.get("label"), str):
        raise _error(f"{where}：列必须有字符串 key 和 label")
    return ColumnDef(
        key=data["key"], label=data["label"], aliases=_strings(data.get("aliases"), f"{where}.aliases"),
        unit=_text(data.get("unit"), f"{where}.unit"), money=bool(data.get("money", False)),
        signed=bool(data.get("signed", False)), required=bool(data.get("required", True)),
        group_label=_text(data.get("group_label"), f"{where}.group_label"))


def _columns(data: Any, where: str) -> list[ColumnDef]:
    if not isinstance(data, list) or not data:
        raise _error(f"{where}：应为非空列表")
    return [_column(item, f"{where}[{index}]") for index, item in enumerate(data)]


def _row(data: Any, where: str, order: int, columns: list[ColumnDef], part: int) -> RowDef:
    data = _check_keys(data, _ROW_KEYS, where)
    key = data.get("key")
    if not isinstance(key, str) or (not key and not data.get("unlabeled")):
        raise _error(f"{where}：行必须有字符串 key")
    label = data.get("label") or ""
    if not isinstance(label, str):
        raise _error(f"{where}.label：应为字符串")
    return RowDef(
        key=key, label=label, order=order, columns=columns, part=part,
        aliases=_strings(data.get("aliases"), f"{where}.aliases"), unit=_text(data.get("unit"), f"{where}.unit"),
        group=bool(data.get("group", False)), optional=bool(data.get("optional", False)),
        unlabeled=bool(data.get("unlabeled", False)))


def _section(name: str, data: Any, template_id: str, where: str) -> SectionDef:
    data = _check_keys(data, _SECTION_KEYS, where)
    column_groups = _columns(data["column_groups"], f"{where}.column_groups") if "column_groups" in data else []
    group_columns = _columns(data["group_columns"], f"{where}.group_columns") if "group_columns" in data else []
    parts_data = data.get("parts")
    if parts_data is None:
        parts_data = [{"columns": None if column_groups else data.get("columns"), "rows": data.get("rows")}]
    if not isinstance(parts_data, list) or not parts_data:
        raise _error(f"{where}.parts：应为非空列表")
    parts: list[PartDef] = []
    rows: list[RowDef] = []
    for part_index, part_data in enumerate(parts_data):
        part_where = f"{where}.parts[{part_index}]" if "parts" in data else where
        part_data = _check_keys(part_data, _PART_KEYS, part_where)
        if column_groups:
            columns = [ColumnDef(key=f"{group.key}.{column.key}", label=column.label, aliases=column.aliases,
                                 group_label=group.label)
                       for group in column_groups for column in group_columns]
        else:
            columns = _columns(part_data.get("columns"), f"{part_where}.columns")
        parts.append(PartDef(caption=_text(part_data.get("caption"), f"{part_where}.caption"), columns=columns))
        row_list = part_data.get("rows")
        if not isinstance(row_list, list) or not row_list:
            raise _error(f"{part_where}.rows：应为非空列表")
        for index, row_data in enumerate(row_list):
            rows.append(_row(row_data, f"{part_where}.rows[{index}]", len(rows), columns, part_index))
    duplicates = sorted(key for key, count in Counter(row.key for row in rows).items() if count > 1)
    if duplicates:
        raise _error(f"{where}：行 key 重复：{', '.join(duplicates)}")
    groups = data.get("groups") or {}
    if not isinstance(groups, dict) or not all(isinstance(v, list) and all(_group_member(i) for i in v)
                                               for v in groups.values()):
        raise _error(f"{where}.groups：应为 名称: [行 key, …] 的映射（一项可为 [分项, 整行] 的备选列表）")
    return SectionDef(
        name=name, title=_text(data.get("title"), f"{where}.title", name), template_id=template_id,
        captions=_strings(data.get("captions"), f"{where}.captions"),
        headers=_strings(data.get("headers"), f"{where}.headers"),
        unit_column=bool(data.get("unit_column", False)), parts=parts, rows=rows,
        column_groups=column_groups, group_columns=group_columns,
        groups={str(k): tuple(i if isinstance(i, str) else tuple(i) for i in v) for k, v in groups.items()})


def _group_member(item: Any) -> bool:
    """A row key (``granted``, ``refused.*``), or alternatives for a row given whole or in parts
    (``[other.*, other]``: the parts where the report has them, else the whole row)."""
    return isinstance(item, str) or (isinstance(item, list) and len(item) >= 2
                                     and all(isinstance(alternative, str) for alternative in item))


def _load_yaml(path: str) -> Any:
    try:
        return read_yaml(path, MAX_TEMPLATE_FILE, "模板文件")
    except DataFileError as error:
        raise TemplateError(f"{path}：{error}", f"{path}: {error.english}") from None


def parse_template(data: Any, path: str) -> Template:
    data = _check_keys(data, _TEMPLATE_KEYS, path)
    template_id = data.get("id")
    if not isinstance(template_id, str):
        raise _error(f"{path}：id 应为字符串（加引号，如 \"2021\"）")
    years = data.get("years")
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise _error(f"{path}.years：应为 [起始年, 结束年]")
    sections_data = data.get("sections")
    if not isinstance(sections_data, dict) or not sections_data:
        raise _error(f"{path}.sections：应为非空映射")
    sections = {}
    for name, section_data in sections_data.items():
        if name not in SECTION_NAMES:
            raise _error(f"{path}.sections：未知的部分 {name}（可用：{', '.join(SECTION_NAMES)}）")
        sections[name] = _section(name, section_data, template_id, f"{path}.sections.{name}")
    return Template(id=template_id, title=_text(data.get("title"), f"{path}.title", template_id),
                    years=(years[0], years[1]), sections=sections, path=path,
                    outline=parse_outline(data.get("outline"), f"{path}.outline"))


_OUTLINE_KEYS = {"ordered", "parts"}
_OUTLINE_PART_KEYS = {"key", "title", "number", "aliases", "required", "section", "fee"}


def parse_outline(data: Any, where: str) -> OutlineDef | None:
    """A template's ``outline:`` (None where it gives none)."""
    if data is None:
        return None
    data = _check_keys(data, _OUTLINE_KEYS, where)
    items = data.get("parts")
    if not isinstance(items, list) or not items:
        raise _error(f"{where}.parts：应为非空列表")
    parts = [_outline_part(item, f"{where}.parts[{index}]", index) for index, item in enumerate(items)]
    duplicates = sorted(key for key, count in Counter(part.key for part in parts).items() if count > 1)
    if duplicates:
        raise _error(f"{where}：部分 key 重复：{', '.join(duplicates)}")
    ordered = data.get("ordered", True)
    if not isinstance(ordered, bool):
        raise _error(f"{where}.ordered：应为 true 或 false")
    return OutlineDef(parts=parts, ordered=ordered)


def _outline_part(data: Any, where: str, order: int) -> OutlinePart:
    data = _check_keys(data, _OUTLINE_PART_KEYS, where)
    key, title = data.get("key"), data.get("title")
    if not isinstance(key, str) or not key or not isinstance(title, str) or not title:
        raise _error(f"{where}：部分必须有字符串 key 和 title")
    section = _text(data.get("section"), f"{where}.section")
    if section is not None and section not in SECTION_NAMES:
        raise _error(f"{where}.section：未知的表格 {section}（可用：{', '.join(SECTION_NAMES)}）")
    for flag in ("required", "fee"):
        if not isinstance(data.get(flag, False), bool):
            raise _error(f"{where}.{flag}：应为 true 或 false")
    return OutlinePart(key=key, title=title, order=order, number=_text(data.get("number"), f"{where}.number", ""),
                       aliases=_strings(data.get("aliases"), f"{where}.aliases"),
                       required=data.get("required", False), section=section, fee=data.get("fee", False))


def apply_variant(template: Template, data: Any, path: str) -> None:
    """Insert a variant's rows into *template* (in place)."""
    data = _check_keys(data, _VARIANT_KEYS, path)
    variant = _text(data.get("variant"), f"{path}.variant", path)
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise _error(f"{path}.sections：应为映射（键: 值）")
    for name, section_data in sections.items():
        where = f"{path}.sections.{name}"
        section = template.sections.get(name)
        if section is None:
            raise _error(f"{where}：模板 {template.id} 没有这一部分")
        section_data = _check_keys(section_data, {"insert_after", "rows"}, where)
        after = _text(section_data.get("insert_after"), f"{where}.insert_after")
        position = next((i + 1 for i, row in enumerate(section.rows) if row.key == after), None)
        if position is None:
            raise _error(f"{where}.insert_after：模板 {template.id} 没有行 {after}")
        anchor = section.rows[position - 1]
        rows = section_data.get("rows") or []
        if not isinstance(rows, list):
            raise _error(f"{where}.rows：应为列表")
        new_rows = [_row(row, f"{where}.rows[{i}]", 0, anchor.columns, anchor.part) for i, row in enumerate(rows)]
        existing = {row.key for row in section.rows}
        clash = [row.key for row in new_rows if row.key in existing]
        if clash:
            raise _error(f"{where}：行 key 与模板重复：{', '.join(clash)}")
        section.rows[position:position] = new_rows
        for order, row in enumerate(section.rows):
            row.order = order
        for row in new_rows:
            section.adopt(row)
    template.variants.append(variant)


def load_templates(paths: Iterable[str]) -> list[Template]:
    """Templates from YAML files: national formats first, then variants extending them."""
    bases: dict[str, Template] = {}
    variants: list[tuple[Any, str]] = []
    for path in paths:
        data = _load_yaml(path)
        if isinstance(data, dict) and "extends" in data:
            if not isinstance(data["extends"], (str, int)) or isinstance(data["extends"], bool):
                raise _error(f"{path}.extends：应为模板 id，如 \"2008\"")
            variants.append((data, str(path)))
        else:
            template = parse_template(data, str(path))
            if template.id in bases:
                raise _error(f"{path}：模板 id {template.id} 已在 {bases[template.id].path} 定义")
            bases[template.id] = template
    for data, path in variants:
        base = bases.get(str(data["extends"]))
        if base is None:
            raise _error(f"{path}.extends：没有模板 {data['extends']}")
        apply_variant(base, data, path)
    return sorted(bases.values(), key=lambda template: template.id)


class Catalog:
    """All templates, with the indexes that recognise sections before a template is chosen."""

    def __init__(self, templates: list[Template]):
        self.templates = templates
        self.row_index = LabelIndex()
        self.column_index = LabelIndex()
        self.caption_index = LabelIndex()
        for template in templates:
            for section in template.sections.values():
                for row in section.rows:
                    if row.labels:
                        self.row_index.add(row.labels, row)
                self.column_index.add(list(section.column_labels()) + list(section.headers), section)
                self.caption_index.add(section.captions, (section, None))
                for index, part in enumerate(section.parts):
                    if part.caption:
                        self.caption_index.add([part.caption], (section, index))

    def get(self, template_id: str) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)


def yaml_files(folder: str) -> list[str]:
    """The YAML files directly in *folder*: ``*.yaml`` sorted, then ``*.yml`` sorted."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [os.path.join(folder, name) for suffix in (".yaml", ".yml")
            for name in sorted(names) if name.endswith(suffix)]


def builtin_template_files() -> list[str]:
    files = yaml_files(os.path.join(rules_dir(), "templates"))
    if not files:
        raise TemplateError("gxlint 的内置模板缺失，安装不完整，请重新安装",
                            "gxlint's built-in templates are missing: reinstall it")
    return files


@lru_cache(maxsize=1)
def builtin_catalog() -> Catalog:
    return Catalog(load_templates(builtin_template_files()))
