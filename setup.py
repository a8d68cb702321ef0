"""Builds gxlint (the metadata is in pyproject.toml).

Building also generates, for each grammar of ``grammars/``, Lark's standalone LALR parser
(``python -m lark.tools.standalone``) as ``linter/grammars/<name>_parser.py`` in the built
package: an installed gxlint then parses with tables made once, at build time, instead of
analysing its grammars at every start (``linter/parsers.py``). An editable install has none
and builds them from the grammars when run.
"""

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

GRAMMARS = Path(__file__).resolve().parent / "grammars"


def generate_parser(grammar: Path, target: Path) -> None:
    """Lark's standalone parser of *grammar*, written to *target*."""
    # --maybe_placeholders is Lark's default, which the tool turns off unless asked
    subprocess.run([sys.executable, "-m", "lark.tools.standalone", "--maybe_placeholders", str(grammar),
                    "-o", str(target)], check=True)


class BuildWithParsers(build_py):
    def run(self):
        super().run()
        for grammar, target in self._parsers():
            generate_parser(grammar, target)

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + [str(target) for _, target in self._parsers()]

    def _parsers(self) -> list[tuple[Path, Path]]:
        if getattr(self, "editable_mode", False):
            return []
        return [(grammar, Path(self.build_lib, "linter", "grammars", f"{grammar.stem}_parser.py"))
                for grammar in sorted(GRAMMARS.glob("*.lark"))]


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithParsers})
