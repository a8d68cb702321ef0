"""Configuration: ``gxlint.yaml``, or ``[tool.gxlint]`` in ``pyproject.toml``.

Where gxlint looks
------------------

For each report it lints, gxlint looks in the report's folder, then in each
folder above it, for ``gxlint.yaml`` (or ``.gxlint.yaml``), and then for a
``pyproject.toml`` that has a ``[tool.gxlint]`` table. The first file found
applies to that report, and no other is read: a file nearer the report beats one
further up, and nothing is merged. ``--config PATH`` names one file for every
report instead. A report read from standard input (``gxlint - --stdin-filename
drafts/a.txt``) is looked up from the folder of the name given.

Keys
----

``select``            rule codes or prefixes to report (default: all), e.g. ``[GX0, GX112]``
``ignore``            rule codes or prefixes not to report
``severity``          ``{code or prefix: error | warning | info}``: the level a rule reports at
``rules``             more rule or template files and folders (like ``--rules``)
``exclude``           globs of files and folders not to lint
``per-file-ignores``  ``{glob: [codes or prefixes]}``: rules not to report for those files
``reports``           ``{glob: {agency: name, year: N}}``: whose report each file is and on which
                      year, where the text does not say it (or says it wrongly); either may be
                      left out. Reports of one agency and consecutive years checked together are
                      compared year with year (the cross-year rules GX6xx, :mod:`linter.check.years`).

A ``gxlint.yaml``::

    select: [GX]
    ignore: [GX006]                 # 行标签与模板不一致
    severity:
      GX114: error
    rules: [本省规则/]
    exclude: ["归档/**"]
    per-file-ignores:
      "drafts/old-*.txt": [GX008]
    reports:
      "东丽区/**": {agency: 天津市东丽区卫生健康委员会}
      "东丽区/2020年报.docx": {year: 2020}

The same in ``pyproject.toml`` (this needs Python 3.11 or later, which reads TOML)::

    [tool.gxlint]
    select = ["GX"]
    ignore = ["GX006"]
    severity = {GX114 = "error"}
    rules = ["本省规则/"]
    exclude = ["归档/**"]
    per-file-ignores = {"drafts/old-*.txt" = ["GX008"]}
    reports = {"东丽区/**" = {agency = "天津市东丽区卫生健康委员会"}}

Which rules report: the longest ``select`` entry that a rule's code starts with
must be longer than the longest such ``ignore`` entry (no ``select`` counts as
selecting every rule), so ``select: [GX]`` with ``ignore: [GX1]`` and
``--select GX112`` reports GX0xx, GX2xx and GX112. ``per-file-ignores`` always
wins for the files it names. ``--select`` and ``--ignore`` on the command line
add to the lists of the configuration (without a ``select`` in the file,
``--select`` then reports only what it names).

Paths and globs in ``rules``, ``exclude`` and ``per-file-ignores`` are relative
to the folder of the configuration file. In globs ``*`` stays within one
folder, ``**`` spans any number of folders, ``?`` is one character and
``[abc]`` one of those; a glob without ``/`` matches a file name in any folder;
a glob that matches a folder takes in everything below it. A file named on the
command line that ``exclude`` matches is still checked, with a warning saying so;
``--force-exclude`` leaves it out silently (for pre-commit and editors, which
name every file they check).

A configuration with an unknown key, a value of the wrong type, or a rule code
that no rule has stops gxlint with exit status 2 and one line naming the file
and the key. Files are read with ``yaml.safe_load`` and ``tomllib`` only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..check.findings import SEVERITIES
from ..datafiles import DataFileError, read_limited, read_yaml
from ..messages import TwoLanguageError

CONFIG_FILES = ("gxlint.yaml", ".gxlint.yaml")
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "severity", "rules", "exclude", "per-file-ignores", "reports")
MAX_CONFIG = 1024 * 1024
CODE_RE = re.compile(r"^[A-Z]{1,6}[0-9]{0,5}$")
_TOOL_TABLE_RE = re.compile(r"^\s*\[\s*tool\s*\.\s*gxlint\s*[\].]", re.MULTILINE)


class ConfigError(TwoLanguageError):
    """An invalid configuration: one line naming the file and the key, in Chinese and English."""


def _error(source: str, key: str, chinese: str, english: str) -> ConfigError:
    where = f"{source}：{key}" if key else source
    where_en = f"{source}: {key}" if key else source
    return ConfigError(f"{where}：{chinese}", f"{where_en}: {english}")


@dataclass(frozen=True)
class Config:
    source: str = ""                     # the file it was read from; "" for the defaults
    root: str = ""                       # the absolute folder its paths and globs are relative to
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rules: tuple[str, ...] = ()          # absolute paths
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reports: tuple[tuple[str, str | None, int | None], ...] = ()     # (glob, agency, year)


# --- reading and validating one file --------------------------------------------------

def _read_text(path: str) -> str:
    try:
        return read_limited(path, MAX_CONFIG, "配置文件").decode("utf-8")
    except DataFileError as error:
        raise _error(str(path), "", str(error), error.english) from None
    except UnicodeDecodeError as error:
        raise _error(str(path), "", f"不是 UTF-8 编码（第 {error.start} 字节）",
                     f"not UTF-8 (byte {error.start})") from None


def _load_yaml(path: str) -> Any:
    try:
        return read_yaml(path, MAX_CONFIG, "配置文件")
    except DataFileError as error:
        raise _error(str(path), "", str(error), error.english) from None


def has_tool_table(path: str) -> bool:
    """Whether a pyproject.toml configures gxlint (read without a TOML parser, for old Pythons)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return bool(_TOOL_TABLE_RE.search(stream.read()))
    except OSError:
        return False


def _load_pyproject(path: str) -> Any:
    try:
        import tomllib
    except ImportError:
        raise _error(str(path), "[tool.gxlint]", "需要 Python 3.11 或更高版本才能读取；也可以改用 gxlint.yaml",
                     "needs Python 3.11 or later to be read; or use gxlint.yaml instead") from None
    try:
        data = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as error:
        raise _error(str(path), "", f"TOML 语法错误：{error}", f"TOML syntax error: {error}") from None
    tool = data.get("tool", {}).get("gxlint")
    if tool is None:
        raise _error(str(path), "", "没有 [tool.gxlint] 表", "has no [tool.gxlint] table")
    return tool


def read_config(path: str) -> Config:
    """Read and check one configuration file (structure and types; rule codes come later)."""
    path = os.path.abspath(path)
    if os.path.basename(path) == PYPROJECT:
        return parse_config(_load_pyproject(path), f"{path} [tool.gxlint]", os.path.dirname(path))
    return parse_config(_load_yaml(path), path, os.path.dirname(path))


def _suggestion(key: str) -> tuple[str, str]:
    import difflib      # only a misspelt key needs it

    close = difflib.get_close_matches(key, KEYS, n=1)
    return (f"（是否应为 {close[0]}？）", f" (did you mean {close[0]}?)") if close else ("", "")


def _codes(value: Any, source: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise _error(source, key, "应为规则代码或前缀的列表，如 [GX0, GX112]",
                     "should be a list of rule codes or prefixes, such as [GX0, GX112]")
    codes = tuple(code.strip().upper() for code in value)
    for code in codes:
        if not CODE_RE.match(code):
            raise _error(source, key, f"“{code}”不是规则代码或前缀（如 GX112、GX1）",
                         f"“{code}” is not a rule code or prefix (such as GX112 or GX1)")
    return codes


def _strings(value: Any, source: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise _error(source, key, "应为字符串列表", "should be a list of strings")
    return tuple(item.strip() for item in value)


def _mapping(value: Any, source: str, key: str) -> dict:
    if not isinstance(value, dict) or not all(isinstance(name, str) for name in value):
        raise _error(source, key, "应为映射（键: 值）", "should be a mapping (key: value)")
    return value


def _severity(value: Any, source: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for code, level in _mapping(value, source, "severity").items():
        (code,) = _codes([code], source, f"severity.{code}")
        if level not in SEVERITIES:
            raise _error(source, f"severity.{code}", f"应为 {' / '.join(SEVERITIES)}",
                         f"should be {' / '.join(SEVERITIES)}")
        pairs.append((code, level))
    return tuple(pairs)


def _rule_paths(value: Any, source: str, root: str) -> tuple[str, ...]:
    paths = []
    for item in _strings(value, source, "rules"):
        path = os.path.normpath(os.path.join(root, item))
        if not os.path.exists(path):
            raise _error(source, "rules", f"规则文件或文件夹 {item} 不存在", f"rule file or folder {item} does not exist")
        paths.append(path)
    return tuple(paths)


def _per_file_ignores(value: Any, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((glob, _codes(codes, source, f"per-file-ignores.\"{glob}\""))
                 for glob, codes in _mapping(value, source, "per-file-ignores").items())


def _reports(value: Any, source: str) -> tuple[tuple[str, str | None, int | None], ...]:
    from ..bind.identity import FIRST_YEAR, LAST_YEAR

    entries = []
    for glob, setting in _mapping(value, source, "reports").items():
        key = f"reports.\"{glob}\""
        if not isinstance(setting, dict) or not setting or set(map(str, setting)) - {"agency", "year"}:
            raise _error(source, key, "应为 {agency: 机关名称, year: 年度}（可只写其一）",
                         "should be {agency: name, year: N} (either may be left out)")
        agency, year = setting.get("agency"), setting.get("year")
        if agency is not None and (not isinstance(agency, str) or not agency.strip()):
            raise _error(source, f"{key}.agency", "应为机关名称", "should be the agency's name")
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not FIRST_YEAR <= year <= LAST_YEAR):
            raise _error(source, f"{key}.year", f"应为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的年份",
                         f"should be a year from {FIRST_YEAR} to {LAST_YEAR}")
        entries.append((glob, agency.strip() if agency else None, year))
    return tuple(entries)


def parse_config(data: Any, source: str, root: str) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _error(source, "", "配置应为映射（键: 值）", "the configuration should be a mapping (key: value)")
    for key in data:
        if key not in KEYS:
            hint, hint_en = _suggestion(str(key))
            raise _error(source, str(key), f"未知的键{hint}（可用：{', '.join(KEYS)}）",
                         f"unknown key{hint_en} (known: {', '.join(KEYS)})")
    config = Config(source=source, root=root)
    if "select" in data:
        config = replace(config, select=_codes(data["select"], source, "select"))
    if "ignore" in data:
        config = replace(config, ignore=_codes(data["ignore"], source, "ignore"))
    if "severity" in data:
        config = replace(config, severity=_severity(data["severity"], source))
    if "rules" in data:
        config = replace(config, rules=_rule_paths(data["rules"], source, root))
    if "exclude" in data:
        config = replace(config, exclude=_strings(data["exclude"], source, "exclude"))
    if "per-file-ignores" in data:
        config = replace(config, per_file_ignores=_per_file_ignores(data["per-file-ignores"], source))
    if "reports" in data:
        config = replace(config, reports=_reports(data["reports"], source))
    return config


def check_codes(config: Config, rule_ids: Iterable[str]) -> None:
    """Every code the configuration names must be a rule's code or the start of one."""
    ids = tuple(rule_ids)
    named = [("select", code) for code in config.select or ()] + [("ignore", code) for code in config.ignore]
    named += [(f"severity.{code}", code) for code, _ in config.severity]
    named += [(f"per-file-ignores.\"{glob}\"", code) for glob, codes in config.per_file_ignores for code in codes]
    for key, code in named:
        if not any(rule_id.startswith(code) for rule_id in ids):
            raise _error(config.source, key, f"没有规则代码以 {code} 开头（gxlint --list-rules 列出全部规则）",
                         f"no rule code starts with {code} (gxlint --list-rules lists them all)")


# --- finding the file that applies ------------------------------------------------------

def _config_in(folder: str) -> str | None:
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    candidate = os.path.join(folder, PYPROJECT)
    if os.path.isfile(candidate) and has_tool_table(candidate):
        return candidate
    return None


class Resolver:
    """The configuration of each linted path: ``--config``, or the nearest file above it.

    ``select`` and ``ignore`` from the command line are added to every configuration.
    """

    def __init__(self, explicit: str | None = None, select: Iterable[str] = (), ignore: Iterable[str] = ()):
        self._explicit = read_config(explicit) if explicit else None
        self._select = tuple(select)
        self._ignore = tuple(ignore)
        self._found: dict[str, Config] = {}
        self._read: dict[str, Config] = {}

    def base_configs(self) -> list[Config]:
        """The configuration files read so far, as written (for checking their rule codes)."""
        configs = list(self._read.values())
        return configs + [self._explicit] if self._explicit else configs

    def for_path(self, path: str) -> Config:
        return self.for_folder(os.path.dirname(os.path.abspath(path)))

    def for_folder(self, folder: str) -> Config:
        base = self._explicit or self._discover(os.path.abspath(folder))
        select = base.select
        if self._select:
            select = (select or ()) + self._select
        return replace(base, select=select, ignore=base.ignore + self._ignore)

    def _discover(self, folder: str) -> Config:
        visited = []
        config = None
        while config is None:
            if folder in self._found:
                config = self._found[folder]
                break
            visited.append(folder)
            path = _config_in(folder)
            if path is not None:
                if str(path) not in self._read:
                    self._read[str(path)] = read_config(path)
                config = self._read[str(path)]
            elif os.path.dirname(folder) == folder:
                config = Config(root=folder)
            else:
                folder = os.path.dirname(folder)
        for seen in visited:
            self._found[seen] = config
        return config


# --- applying it --------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> re.Pattern:
    """A glob (``*``, ``**``, ``?``, ``[...]``) as a regular expression over a relative POSIX path."""
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    parts = [] if anchored else ["(?:.*/)?"]
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        else:
            part, index = _glob_atom(pattern, index)
            parts.append(part)
    return re.compile("".join(parts) + "(?:/.*)?")


def _glob_atom(pattern: str, index: int) -> tuple[str, int]:
    char = pattern[index]
    if char == "*":
        return "[^/]*", index + 1
    if char == "?":
        return "[^/]", index + 1
    if char == "[":
        end = pattern.find("]", index + 2)
        if end > 0:
            inside = pattern[index + 1:end]
            inside = "^" + inside[1:] if inside.startswith("!") else inside
            return "[" + inside.replace("\\", "\\\\") + "]", end + 1
    return re.escape(char), index + 1


def relative_to(config: Config, path: str) -> str | None:
    """*path* relative to the configuration's folder, with ``/``; None when it lies outside."""
    if not config.root:
        return None
    relative = os.path.relpath(os.path.abspath(path), config.root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return None
    return relative.replace(os.sep, "/")


def _matches(globs: Iterable[str], relative: str | None) -> bool:
    return relative is not None and any(glob_regex(glob).fullmatch(relative) for glob in globs)


def is_excluded(config: Config, path: str) -> bool:
    return bool(config.exclude) and _matches(config.exclude, relative_to(config, path))


def ignored_for(config: Config, path: str) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` turns off for *path*."""
    relative = relative_to(config, path)
    return tuple(code for glob, codes in config.per_file_ignores if _matches([glob], relative) for code in codes)


def report_identity(config: Config, path: str) -> tuple[str | None, int | None]:
    """The agency and year ``reports`` sets for *path*: of each, the first entry (in file order)
    whose glob matches and that sets it."""
    relative = relative_to(config, path)
    agency = year = None
    for glob, named, numbered in config.reports:
        if _matches([glob], relative):
            agency = agency or named
            year = year if year is not None else numbered
    return agency, year


def _longest(codes: Iterable[str], rule_id: str) -> int:
    return max((len(code) for code in codes if rule_id.startswith(code)), default=-1)


def is_selected(rule_id: str, select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> bool:
    chosen = 0 if select is None else _longest(select, rule_id)
    return chosen >= 0 and chosen > _longest(ignore, rule_id)


def severity_for(severity: Iterable[tuple[str, str]], rule_id: str, default: str) -> str:
    """The level *severity* (code or prefix → level) gives a rule; the longest matching code wins."""
    best, level = -1, default
    for code, chosen in severity:
        if rule_id.startswith(code) and len(code) > best:
            best, level = len(code), chosen
    return level
