"""The check stage: rules (``rules/checks/*.yaml``) over a bound report, findings out.

:mod:`.expr` is the expression language of ``assert`` rules, :mod:`.rules`
reads rule files, :mod:`.engine` runs them, :mod:`.checks` holds the built-in
checks and :mod:`.prose` compares what the prose states with the tables.
"""
