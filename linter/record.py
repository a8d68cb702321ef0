"""Plain data classes without the cost of ``dataclasses``.

gxlint's model (cells, facts, findings, rules, …) is made of small classes that
hold data. ``dataclasses`` writes their methods by compiling source text when
the module is imported, which for gxlint's forty classes took longer than
linting a report; so each class writes its ``__init__`` out and inherits the
rest from one of these bases, which read the fields from the class's
annotations (in order):

``Record``        representation; equal only to itself (identity), as
                  definitions and other objects that are one of a kind;
``ValueRecord``   equal to a record of the same class with equal fields;
                  not hashable, since it may change;
``FrozenRecord``  as ``ValueRecord``, and hashable: never changed once made.

:func:`replace` makes a copy with some fields changed; :class:`computed_once`
is a property worked out on first use and kept.
"""

from __future__ import annotations

_shown: set[int] = set()            # records being represented (a cycle is shown as ...)


class Record:
    FIELDS: tuple[str, ...] = ()

    def __init_subclass__(cls, **options) -> None:
        super().__init_subclass__(**options)
        cls.FIELDS = tuple(cls.__dict__.get("__annotations__", {}))

    def __repr__(self) -> str:
        if id(self) in _shown:
            return f"{type(self).__name__}(...)"
        _shown.add(id(self))
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS if not name.startswith("_"))
        finally:
            _shown.discard(id(self))
        return f"{type(self).__name__}({shown})"

    def field_values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)


class ValueRecord(Record):
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.field_values() == other.field_values()

    __hash__ = None     # type: ignore[assignment]


class FrozenRecord(ValueRecord):
    def __hash__(self) -> int:
        return hash(self.field_values())


def replace(record, **changes):
    """A copy of *record* with the fields named in *changes* changed."""
    values = {name: getattr(record, name) for name in record.FIELDS}
    values.update(changes)
    return type(record)(**values)


class computed_once:
    """A property worked out on first use and kept in the object, as
    ``functools.cached_property``, without the lock that takes on each first use
    (Python 3.11; four times the cost, over every row of a report). Worked out
    twice at worst when two threads ask at once, the same value both times."""

    def __init__(self, function):
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value
