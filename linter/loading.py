"""Loading templates and rules: the built-in ones and a user's (``--rules PATH``).

A user's folder may hold rule files (``rules:`` at the top) and template files
(``id:`` and ``sections:``, or ``extends:`` for a provincial variant) side by
side; each YAML file is sorted by what it holds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache

from . import cache, regex_cache, snapshot
from .cache import file_key
from .checks import CHECKS
from .expr import save_parsed
from .labels import save_forms
from .mentions import save_checked, validate as validate_mention
from .paths import files_under
from .record import ValueRecord
from .resources import rules_dir
from .rules import RuleError, RuleSet, build_ruleset, load_rule_files
from .templates import Catalog, load_templates, template_files

KNOWN_CHECKS = set(CHECKS) - {"mention"}


class Loaded(ValueRecord):
    catalog: Catalog
    ruleset: RuleSet

    def __init__(self, catalog, ruleset):
        self.catalog = catalog
        self.ruleset = ruleset


def _yaml_files(path: str) -> list[str]:
    if os.path.isdir(path):
        return files_under(path, (".yaml", ".yml"))
    if not os.path.exists(path):
        raise RuleError(f"{path}：规则文件或文件夹不存在")
    return [path]


def _is_template(path: str) -> bool:
    try:
        # Only the head: a huge file or a device given as --rules is not read whole
        # here (its loader refuses it by size). The cut may split a character.
        with open(path, "rb") as stream:
            head = stream.read(20000).decode("utf-8", errors="ignore")
    except OSError:
        return False
    for line in head.splitlines():
        if line.startswith(("rules:",)):
            return False
        if line.startswith(("extends:", "sections:", "id:")):
            return True
    return False


def builtin_rule_files() -> list[str]:
    return _builtin(os.path.join(rules_dir(), "checks"))


def _builtin(folder: str) -> list[str]:
    """The YAML files of a built-in folder; none means a broken installation, never "no rules"."""
    files = template_files(folder)
    if not files:
        raise RuleError(f"gxlint 的内置文件缺失（{folder} 中没有 YAML 文件），安装不完整，请重新安装")
    return files


def load_all(extra: Iterable[str] = ()) -> Loaded:
    """Templates and rules, built-in first; RuleError or TemplateError names the bad file.

    Loaded once per process for the same files, unchanged: a long-lived process (the
    server) sees a rule file edited since.
    """
    extra = tuple(str(path) for path in extra)
    user_files = tuple(file for path in extra for file in _yaml_files(path))
    versions = tuple(file_key(file) for file in user_files)
    return _load(extra, user_files, versions)


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...], user_files: tuple[str, ...], _versions: tuple) -> Loaded:
    user_templates = [file for file in user_files if _is_template(file)]
    user_rules = [file for file in user_files if file not in user_templates]
    template_paths = _builtin(os.path.join(rules_dir(), "templates")) + user_templates
    rule_paths = builtin_rule_files() + user_rules
    versions = _contents_key(template_paths + rule_paths)
    kept = snapshot.restore(cache.load("loaded", versions), lambda template_id: cache.load(
        "bound", f"{versions}\0{template_id}")) if versions is not None else None
    if kept is not None:
        return Loaded(*kept)
    catalog = Catalog(load_templates(template_paths))
    rules = load_rule_files(rule_paths, KNOWN_CHECKS)
    validated = versions is not None and cache.load("validated", versions) is True
    for rule in rules:
        if rule.kind == "mention":
            validate_mention(rule, catalog, validated)
    loaded = Loaded(catalog, build_ruleset(rules, catalog, validated))
    if versions is not None and not validated:
        cache.store("validated", versions, True)
    _keep(versions, loaded.catalog, loaded.ruleset)
    save_parsed()
    save_checked()
    save_forms()
    regex_cache.save()
    return loaded


def _keep(versions: str | None, catalog: Catalog, ruleset: RuleSet) -> None:
    """Keep what was built (and bound, when checked) for the next run (:mod:`linter.snapshot`)."""
    if versions is None:
        return
    try:
        core, bound = snapshot.dump(catalog.templates, ruleset.rules, ruleset.compiled)
    except snapshot.Unfit:
        return
    cache.store("loaded", versions, core)
    for template_id, data in bound.items():
        cache.store("bound", f"{versions}\0{template_id}", data)


# The code that builds templates and rules from their files: a snapshot made by other code is not used.
_BUILDERS = ("templates.py", "rules.py", "expr.py", "mentions.py", "checks.py", "snapshot.py", "loading.py")


def _contents_key(files: list[str]) -> str | None:
    """What identifies these files' contents and the code that reads them, or None when one cannot
    be looked at."""
    code = os.path.dirname(os.path.abspath(__file__))
    keys = [file_key(file) for file in files] + [file_key(os.path.join(code, name)) for name in _BUILDERS]
    return None if None in keys else "\n".join(keys)
