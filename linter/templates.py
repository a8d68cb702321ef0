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

Facts are named ``<section>.<row key>.<column key>``; the column is left out
when the section has a single value column (``stats.apply.received``), the row
when the section's only row has no label (``review.reconsideration.total``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .datafile import DataFileError, read_yaml
from .expr import KeySpace
from .labels import LabelIndex
from .record import Record, ValueRecord, computed_once
from .resources import rules_dir

TYPE_CHECKING = False
if TYPE_CHECKING:                   # importing typing would cost a run milliseconds
    from typing import Any


class TemplateError(Exception):
    """A template file is invalid; the message names the file and the key."""


class ColumnDef(Record):
    key: str
    label: str
    aliases: tuple[str, ...]
    unit: str | None
    money: bool
    signed: bool
    required: bool
    group_label: str | None

    def __init__(self, key, label, aliases=(), unit=None, money=False, signed=False, required=True,
                 group_label=None):
        self.key = key
        self.label = label
        self.aliases = aliases
        self.unit = unit
        self.money = money
        self.signed = signed
        self.required = required
        self.group_label = group_label

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) + self.aliases


class RowDef(Record):
    key: str
    label: str
    order: int
    columns: list[ColumnDef]
    part: int
    aliases: tuple[str, ...]
    unit: str | None
    group: bool
    optional: bool
    unlabeled: bool
    section: str               # set by the section that holds the row
    template_id: str

    def __init__(self, key, label, order, columns, part=0, aliases=(), unit=None, group=False, optional=False,
                 unlabeled=False, section="", template_id=""):
        self.key = key
        self.label = label
        self.order = order
        self.columns = columns
        self.part = part
        self.aliases = aliases
        self.unit = unit
        self.group = group
        self.optional = optional
        self.unlabeled = unlabeled
        self.section = section
        self.template_id = template_id

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) + self.aliases if self.label else self.aliases

    @property
    def value_row(self) -> bool:
        return not self.group


class PartDef(Record):
    caption: str | None
    columns: list[ColumnDef]

    def __init__(self, caption, columns):
        self.caption = caption
        self.columns = columns


class SectionDef(Record):
    name: str
    title: str
    template_id: str
    captions: tuple[str, ...]
    headers: tuple[str, ...]
    unit_column: bool
    parts: list[PartDef]
    rows: list[RowDef]
    column_groups: list[ColumnDef]
    group_columns: list[ColumnDef]
    groups: dict[str, tuple[str, ...]]
    row_index: LabelIndex

    def __init__(self, name, title, template_id, captions, headers, unit_column, parts, rows,
                 column_groups=None, group_columns=None, groups=None, row_index=None):
        self.name = name
        self.title = title
        self.template_id = template_id
        self.captions = captions
        self.headers = headers
        self.unit_column = unit_column
        self.parts = parts
        self.rows = rows
        self.column_groups = [] if column_groups is None else column_groups
        self.group_columns = [] if group_columns is None else group_columns
        self.groups = {} if groups is None else groups
        self.row_index = LabelIndex() if row_index is None else row_index
        for row in self.rows:
            self.adopt(row)

    def adopt(self, row: RowDef) -> None:
        row.section, row.template_id = self.name, self.template_id
        self.row_index.add(row.labels, row)

    @computed_once
    def single_column(self) -> bool:
        # asked for every fact a report holds; parts do not change once the section is built
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
        return [self.fact_key(row, column) for row in self.rows if not row.group
                for column in row.columns]

    def named(self, name: str) -> list[str] | None:
        """Row or column keys a rule may iterate over: ``rows``, ``columns``, ``groups``
        (column groups), or a row group the template defines (``results``)."""
        value_rows = [row.key for row in self.rows if row.value_row and row.key]
        if name == "rows":
            return value_rows
        if name == "columns":
            return list(dict.fromkeys(column.key for part in self.parts for column in part.columns))
        if name == "groups":
            return [group.key for group in self.column_groups]
        if name not in self.groups:
            return None
        members: list[str] = []
        for pattern in self.groups[name]:
            parts = pattern.split(".")
            members.extend(key for key in value_rows if len(key.split(".")) == len(parts) and all(
                want in ("*", got) for want, got in zip(parts, key.split("."))))
        return list(dict.fromkeys(members))


class Template(Record):
    id: str
    title: str
    years: tuple[int, int]
    sections: dict[str, SectionDef]
    path: str
    variants: list[str]
    _space: KeySpace | None

    def __init__(self, id, title, years, sections, path, variants=None, _space=None):
        self.id = id
        self.title = title
        self.years = years
        self.sections = sections
        self.path = path
        self.variants = [] if variants is None else variants
        self._space = _space

    def fits_year(self, year: int) -> bool:
        return self.years[0] <= year <= self.years[1]

    def keys(self) -> list[str]:
        return [key for section in self.sections.values() for key in section.keys()]

    def key_space(self) -> KeySpace:
        """The template's keys, arranged for binding rule expressions (built once)."""
        if self._space is None:
            self._space = KeySpace(self.keys())
        return self._space

    def named(self, section: str, name: str) -> list[str] | None:
        return self.sections[section].named(name) if section in self.sections else None


_TEMPLATE_KEYS = {"id", "title", "years", "sections"}
_VARIANT_KEYS = {"extends", "variant", "sections"}
_SECTION_KEYS = {"title", "captions", "headers", "unit_column", "parts", "columns", "rows",
                 "column_groups", "group_columns", "groups", "insert_after"}
_PART_KEYS = {"caption", "columns", "rows"}
_ROW_KEYS = {"key", "label", "aliases", "unit", "group", "optional", "unlabeled"}
_COLUMN_KEYS = {"key", "label", "aliases", "unit", "money", "signed", "required", "group_label"}
SECTION_NAMES = ("stats", "active", "apply", "review")
MAX_TEMPLATE_FILE = 2 * 1024 * 1024


def _check_keys(data: Any, allowed: set[str], where: str) -> dict:
    if not isinstance(data, dict):
        raise TemplateError(f"{where}：应为映射（键: 值）")
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        raise TemplateError(f"{where}：未知的键 {', '.join(unknown)}")
    return data


def _text(value: Any, where: str, default: str | None = None) -> str | None:
    """An optional string. Anything else is refused without turning it into text: a
    YAML alias bomb (nested lists sharing one another) would take forever to print."""
    if value is None:
        return default
    if not isinstance(value, str):
        raise TemplateError(f"{where}：应为字符串")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TemplateError(f"{where}：应为字符串列表")
    return tuple(value)


def _column(data: Any, where: str) -> ColumnDef:
    data = _check_keys(data, _COLUMN_KEYS, where)
    if not isinstance(data.get("key"), str) or not isinstance(data.get("label"), str):
        raise TemplateError(f"{where}：列必须有字符串 key 和 label")
    return ColumnDef(
        key=data["key"], label=data["label"],
        aliases=_strings(data.get("aliases"), f"{where}.aliases"),
        unit=_text(data.get("unit"), f"{where}.unit"), money=bool(data.get("money", False)),
        signed=bool(data.get("signed", False)), required=bool(data.get("required", True)),
        group_label=_text(data.get("group_label"), f"{where}.group_label"),
    )


def _columns(data: Any, where: str) -> list[ColumnDef]:
    if not isinstance(data, list) or not data:
        raise TemplateError(f"{where}：应为非空列表")
    return [_column(item, f"{where}[{index}]") for index, item in enumerate(data)]


def _row(data: Any, where: str, order: int, columns: list[ColumnDef], part: int) -> RowDef:
    data = _check_keys(data, _ROW_KEYS, where)
    key = data.get("key")
    if not isinstance(key, str) or (not key and not data.get("unlabeled")):
        raise TemplateError(f"{where}：行必须有字符串 key")
    label = data.get("label") or ""
    if not isinstance(label, str):
        raise TemplateError(f"{where}.label：应为字符串")
    return RowDef(
        key=key, label=label, order=order, columns=columns, part=part,
        aliases=_strings(data.get("aliases"), f"{where}.aliases"),
        unit=_text(data.get("unit"), f"{where}.unit"), group=bool(data.get("group", False)),
        optional=bool(data.get("optional", False)), unlabeled=bool(data.get("unlabeled", False)),
    )


def _section(name: str, data: Any, template_id: str, where: str) -> SectionDef:
    data = _check_keys(data, _SECTION_KEYS, where)
    column_groups = _columns(data["column_groups"], f"{where}.column_groups") \
        if "column_groups" in data else []
    group_columns = _columns(data["group_columns"], f"{where}.group_columns") \
        if "group_columns" in data else []
    parts_data = data.get("parts")
    if parts_data is None:
        parts_data = [{"columns": data.get("columns"), "rows": data.get("rows")}]
        if column_groups:
            parts_data[0]["columns"] = None
    if not isinstance(parts_data, list) or not parts_data:
        raise TemplateError(f"{where}.parts：应为非空列表")
    parts: list[PartDef] = []
    rows: list[RowDef] = []
    for part_index, part_data in enumerate(parts_data):
        part_where = f"{where}.parts[{part_index}]" if "parts" in data else where
        part_data = _check_keys(part_data, _PART_KEYS, part_where)
        if column_groups:
            columns = [ColumnDef(key=f"{group.key}.{column.key}", label=column.label,
                                 aliases=column.aliases, group_label=group.label)
                       for group in column_groups for column in group_columns]
        else:
            columns = _columns(part_data.get("columns"), f"{part_where}.columns")
        parts.append(PartDef(caption=_text(part_data.get("caption"), f"{part_where}.caption"), columns=columns))
        row_list = part_data.get("rows")
        if not isinstance(row_list, list) or not row_list:
            raise TemplateError(f"{part_where}.rows：应为非空列表")
        for index, row_data in enumerate(row_list):
            rows.append(_row(row_data, f"{part_where}.rows[{index}]", len(rows), columns, part_index))
    duplicates = sorted(key for key, count in Counter(row.key for row in rows).items() if count > 1)
    if duplicates:
        raise TemplateError(f"{where}：行 key 重复：{', '.join(duplicates)}")
    groups = data.get("groups") or {}
    if not isinstance(groups, dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in groups.values()):
        raise TemplateError(f"{where}.groups：应为 名称: [行 key, …] 的映射")
    return SectionDef(
        name=name, title=_text(data.get("title"), f"{where}.title", name), template_id=template_id,
        groups={str(k): tuple(v) for k, v in groups.items()},
        captions=_strings(data.get("captions"), f"{where}.captions"),
        headers=_strings(data.get("headers"), f"{where}.headers"),
        unit_column=bool(data.get("unit_column", False)),
        parts=parts, rows=rows, column_groups=column_groups, group_columns=group_columns,
    )


def _load_yaml(path: str) -> Any:
    try:
        return read_yaml(path, MAX_TEMPLATE_FILE, "模板文件")
    except DataFileError as error:
        raise TemplateError(f"{path}：{error}") from None


def parse_template(data: Any, path: str) -> Template:
    data = _check_keys(data, _TEMPLATE_KEYS, path)
    template_id = data.get("id")
    if not isinstance(template_id, str):
        raise TemplateError(f"{path}：id 应为字符串（加引号，如 \"2021\"）")
    years = data.get("years")
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise TemplateError(f"{path}.years：应为 [起始年, 结束年]")
    sections_data = data.get("sections")
    if not isinstance(sections_data, dict) or not sections_data:
        raise TemplateError(f"{path}.sections：应为非空映射")
    sections = {}
    for name, section_data in sections_data.items():
        if name not in SECTION_NAMES:
            raise TemplateError(f"{path}.sections：未知的部分 {name}（可用：{', '.join(SECTION_NAMES)}）")
        sections[name] = _section(name, section_data, template_id, f"{path}.sections.{name}")
    return Template(id=template_id, title=_text(data.get("title"), f"{path}.title", template_id),
                    years=(years[0], years[1]), sections=sections, path=path)


def apply_variant(template: Template, data: Any, path: str) -> None:
    """Insert a variant's rows into *template* (in place)."""
    data = _check_keys(data, _VARIANT_KEYS, path)
    variant = _text(data.get("variant"), f"{path}.variant", path)
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise TemplateError(f"{path}.sections：应为映射（键: 值）")
    for name, section_data in sections.items():
        where = f"{path}.sections.{name}"
        section = template.sections.get(name)
        if section is None:
            raise TemplateError(f"{where}：模板 {template.id} 没有这一部分")
        section_data = _check_keys(section_data, {"insert_after", "rows"}, where)
        after = _text(section_data.get("insert_after"), f"{where}.insert_after")
        position = next((i + 1 for i, row in enumerate(section.rows) if row.key == after), None)
        if position is None:
            raise TemplateError(f"{where}.insert_after：模板 {template.id} 没有行 {after}")
        anchor = section.rows[position - 1]
        rows = section_data.get("rows") or []
        if not isinstance(rows, list):
            raise TemplateError(f"{where}.rows：应为列表")
        new_rows = [_row(row, f"{where}.rows[{i}]", 0, anchor.columns, anchor.part)
                    for i, row in enumerate(rows)]
        existing = {row.key for row in section.rows}
        clash = [row.key for row in new_rows if row.key in existing]
        if clash:
            raise TemplateError(f"{where}：行 key 与模板重复：{', '.join(clash)}")
        section.rows[position:position] = new_rows
        for order, row in enumerate(section.rows):
            row.order = order
        for row in new_rows:
            section.adopt(row)
    template.variants.append(variant)
    template._space = None          # the keys changed


def load_templates(paths: Iterable[str]) -> list[Template]:
    """Templates from YAML files: national formats first, then variants extending them."""
    bases: dict[str, Template] = {}
    variants: list[tuple[Any, str]] = []
    for path in paths:
        data = _load_yaml(path)
        if isinstance(data, dict) and "extends" in data:
            if not isinstance(data["extends"], (str, int)) or isinstance(data["extends"], bool):
                raise TemplateError(f"{path}.extends：应为模板 id，如 \"2008\"")
            variants.append((data, str(path)))
        else:
            template = parse_template(data, str(path))
            if template.id in bases:
                raise TemplateError(f"{path}：模板 id {template.id} 已在 {bases[template.id].path} 定义")
            bases[template.id] = template
    for data, path in variants:
        base = bases.get(str(data["extends"]))
        if base is None:
            raise TemplateError(f"{path}.extends：没有模板 {data['extends']}")
        apply_variant(base, data, path)
    return sorted(bases.values(), key=lambda template: template.id)


class Catalog(ValueRecord):
    """All templates, with the indexes that recognise sections before a template is chosen."""

    templates: list[Template]
    row_index: LabelIndex
    column_index: LabelIndex
    caption_index: LabelIndex
    unit_sections: set[str]

    def __init__(self, templates, row_index=None, column_index=None, caption_index=None, unit_sections=None):
        self.templates = templates
        self.row_index = LabelIndex() if row_index is None else row_index
        self.column_index = LabelIndex() if column_index is None else column_index
        self.caption_index = LabelIndex() if caption_index is None else caption_index
        self.unit_sections = set() if unit_sections is None else unit_sections
        self._index_labels()

    def _index_labels(self) -> None:
        for template in self.templates:
            for section in template.sections.values():
                for row in section.rows:
                    if row.labels:
                        self.row_index.add(row.labels, row)
                self.column_index.add(list(section.column_labels()) + list(section.headers), section)
                self.caption_index.add(section.captions, (section, None))
                for index, part in enumerate(section.parts):
                    if part.caption:
                        self.caption_index.add([part.caption], (section, index))
                if section.unit_column:
                    self.unit_sections.add(section.name)

    def get(self, template_id: str) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)


def template_files(folder: str) -> list[str]:
    """The YAML files directly in *folder*: ``*.yaml`` sorted, then ``*.yml`` sorted."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [os.path.join(folder, name) for suffix in (".yaml", ".yml")
            for name in sorted(names) if name.endswith(suffix)]


@lru_cache(maxsize=1)
def builtin_catalog() -> Catalog:
    return Catalog(load_templates(template_files(os.path.join(rules_dir(), "templates"))))
