"""gxlint: a consistency linter for 政府信息公开工作年度报告.

The pipeline runs one way, one module a stage::

    bytes --source--> text --lexer/parser (grammars/report.lark)--> Document
          --binder (rules/templates)--> bound tables of Facts
          --engine (rules/checks)--> Findings --reporters--> output
"""

__version__ = "0.1.0"
