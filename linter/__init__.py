"""gxlint: a consistency linter for 政府信息公开工作年度报告.

The pipeline runs one way, one subpackage a stage::

    file (text, .docx, .pdf, .html) --read (grammars/report.lark)--> Document (blocks, tables, located cells)
         --bind (rules/templates)--> facts with canonical keys
         --check (rules/checks)--> findings --report--> output (rich, concise, json, sarif, html, …)

``cli`` runs it for the command line, ``lsp`` for editors.
"""

__version__ = "0.2.0"
