"""Loading templates and rules: the built-in ones and a user's (``--rules PATH``).

A user's folder may hold rule files (``rules:`` at the top) and template files
(``id:`` and ``sections:``, or ``extends:`` for a provincial variant) side by
side; each YAML file is sorted by what it holds. Everything is loaded once per
process for the same files (a language server sees a rule file edited since:
the files' modification times are part of what is asked).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..bind.templates import Catalog, builtin_template_files, load_templates, yaml_files
from ..datafiles import rules_dir
from .checks import CHECKS
from .prose import validate as validate_mention
from .rules import RuleError, RuleSet, build_ruleset, load_rule_files


@dataclass(eq=False)
class Loaded:
    catalog: Catalog
    ruleset: RuleSet


def yaml_under(path: str) -> list[str]:
    if os.path.isdir(path):
        found = []
        for root, folders, names in os.walk(path):
            folders.sort()
            found.extend(os.path.join(root, name) for name in sorted(names) if name.endswith((".yaml", ".yml")))
        return found
    if not os.path.exists(path):
        raise RuleError(f"{path}：规则文件或文件夹不存在", f"{path}: no such rule file or folder")
    return [path]


def _is_template(path: str) -> bool:
    try:
        # Only the head: a huge file or a device given as --rules is not read whole here
        # (its loader refuses it by size). The cut may split a character.
        with open(path, "rb") as stream:
            head = stream.read(20000).decode("utf-8", errors="ignore")
    except OSError:
        return False
    for line in head.splitlines():
        if line.startswith("rules:"):
            return False
        if line.startswith(("extends:", "sections:", "id:")):
            return True
    return False


def builtin_rule_files() -> list[str]:
    files = yaml_files(os.path.join(rules_dir(), "checks"))
    if not files:
        raise RuleError("gxlint 的内置规则缺失，安装不完整，请重新安装",
                        "gxlint's built-in rules are missing: reinstall it")
    return files


def load_all(extra: Iterable[str] = ()) -> Loaded:
    """Templates and rules, built-in first; RuleError or TemplateError names the bad file."""
    files = tuple(file for path in extra for file in yaml_under(str(path)))
    return _load(files, tuple(_version(file) for file in files))


def _version(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=8)
def _load(user_files: tuple[str, ...], _versions: tuple) -> Loaded:
    user_templates = [file for file in user_files if _is_template(file)]
    user_rules = [file for file in user_files if file not in user_templates]
    catalog = Catalog(load_templates(builtin_template_files() + user_templates))
    rules = load_rule_files(builtin_rule_files() + user_rules, set(CHECKS), checked=user_rules)
    for rule in rules:
        if rule.kind == "mention":
            # gxlint's own vocabulary is checked by its tests; compiled for a template when used
            validate_mention(rule, catalog, check=rule.source in user_rules)
    return Loaded(catalog, build_ruleset(rules, catalog, checked=user_rules))
