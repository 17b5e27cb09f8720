"""A change from one window applied to the latest saved state: a three-way merge.

Two windows of one team (or two members on two computers) save the same exercise. Each window
knows ``base``, the saved answers it last loaded or saved; ``mine`` is what it holds now;
``theirs`` is the latest revision in the workbook. ``merge(base, mine, theirs)`` keeps every
change of both sides:

- A value that only one side changed takes that side's value.
- A dict is merged key by key, and a list of dicts that all carry an ``"id"`` (the actions of
  a plan, its objectives, the rows of a canvas) item by item: items added on either side are
  kept, an item removed on one side is removed unless the other side changed it, and the
  fields of an item both sides kept are merged one by one.
- A list of plain values (SDG targets, dropped suggestions) whose items are unique is merged
  as a set when both sides changed it: what either side added is in, what either side
  removed is out. Any other list is one value.
- A true conflict (both sides changed the same value, differently; or one removed an item the
  other changed) keeps both: the result holds this window's value (for a removed item: the
  changed item stays), and a ``Conflict`` records the other, so that the team can choose.
  Nothing is lost either way: the other value is also in the workbook's history.

Pure functions on JSON-like data (dicts, lists, strings, numbers, None); nothing is changed
in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Stands for "not there" (a key absent from a dict, an item absent from a list).
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True)
class Conflict:
    """One value both windows changed. ``path`` leads to it in the saved data: dict keys, and
    ``"#<id>"`` for the item of a list with that id. ``where`` names it in plain words."""

    path: tuple[str, ...]
    where: str
    base: Any
    mine: Any
    theirs: Any

    def to_dict(self) -> dict:
        return {"path": list(self.path), "where": self.where, "base": _plain(self.base),
                "mine": _plain(self.mine), "theirs": _plain(self.theirs)}

    @classmethod
    def from_dict(cls, data: dict) -> Conflict:
        return cls(tuple(str(p) for p in data["path"]), str(data.get("where", "")),
                   data.get("base"), data.get("mine"), data.get("theirs"))


@dataclass(frozen=True)
class Merged:
    """The merged data, and the conflicts found on the way (empty: a clean merge)."""

    data: Any
    conflicts: list[Conflict] = field(default_factory=list)


def merge(base: Any, mine: Any, theirs: Any) -> Merged:
    """Apply this window's changes (``base`` → ``mine``) to ``theirs``; see the module."""
    conflicts: list[Conflict] = []
    data = _merge(_or_missing(base), mine, theirs, (), "", conflicts)
    return Merged(data, conflicts)


def set_path(data: Any, path: tuple[str, ...] | list[str], value: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` (as in ``Conflict.path``) set to
    ``value``; ``MISSING`` removes it. A path that no longer leads anywhere (the item was
    removed since) leaves ``data`` as it is."""
    if not path:
        return value
    head, rest = path[0], tuple(path[1:])
    if isinstance(data, dict):
        copy = dict(data)
        if not rest:
            if value is MISSING:
                copy.pop(head, None)
            else:
                copy[head] = value
        elif head in copy:
            copy[head] = set_path(copy[head], rest, value)
        return copy
    if isinstance(data, list) and head.startswith("#"):
        wanted = head[1:]
        copy = list(data)
        for index, item in enumerate(copy):
            if isinstance(item, dict) and str(item.get("id")) == wanted:
                if not rest and value is MISSING:
                    del copy[index]
                elif not rest:
                    copy[index] = value
                else:
                    copy[index] = set_path(item, rest, value)
                return copy
        if not rest and value is not MISSING:
            copy.append(value)
        return copy
    return data


# -- the merge ---------------------------------------------------------------------------------

def _merge(base: Any, mine: Any, theirs: Any, path: tuple[str, ...], where: str,
           conflicts: list[Conflict]) -> Any:
    if _same(mine, theirs):
        return mine
    if _same(mine, base):
        return theirs
    if _same(theirs, base):
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(base if isinstance(base, dict) else {}, mine, theirs, path, where,
                            conflicts)
    if isinstance(mine, list) and isinstance(theirs, list):
        old = base if isinstance(base, list) else []
        if _keyed(mine) and _keyed(theirs) and _keyed(old):
            return _merge_items(old, mine, theirs, path, where, conflicts)
        if _unique(mine) and _unique(theirs) and _unique(old):
            return _merge_sets(old, mine, theirs)
    conflicts.append(Conflict(path, where or "the answers", base, mine, theirs))
    return mine


def _merge_dicts(base: dict, mine: dict, theirs: dict, path: tuple[str, ...], where: str,
                 conflicts: list[Conflict]) -> dict:
    result = {}
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        value = _merge(base.get(key, MISSING), mine.get(key, MISSING),
                       theirs.get(key, MISSING), (*path, key), _field(where, key), conflicts)
        if value is not MISSING:
            result[key] = value
    return result


def _merge_items(base: list, mine: list, theirs: list, path: tuple[str, ...], where: str,
                 conflicts: list[Conflict]) -> list:
    old = {_id(item): item for item in base}
    ours = {_id(item): item for item in mine}
    other = {_id(item): item for item in theirs}
    merged: dict[str, Any] = {}
    for key in {*old, *ours, *other}:
        b, m, t = old.get(key, MISSING), ours.get(key, MISSING), other.get(key, MISSING)
        place = (*path, f"#{key}")
        label = _item(where, m if m is not MISSING else t if t is not MISSING else b)
        if m is MISSING and t is MISSING:
            continue  # removed on both sides (or never there)
        if m is MISSING or t is MISSING:
            kept = t if m is MISSING else m
            if b is MISSING:
                merged[key] = kept  # added on one side
            elif _same(kept, b):
                continue  # removed on one side, unchanged on the other
            else:  # removed on one side, changed on the other: keep it, and ask
                conflicts.append(Conflict(place, label, b, m, t))
                merged[key] = kept
            continue
        merged[key] = _merge(b if b is not MISSING else {}, m, t, place, label, conflicts)
    return [merged[key] for key in _order(base, mine, theirs) if key in merged]


def _order(base: list, mine: list, theirs: list) -> list[str]:
    """The items' order: theirs, unless only this window reordered; the other side's new items
    each after the item it follows there."""
    old, ours, other = ([_id(i) for i in items] for items in (base, mine, theirs))
    common = set(old) & set(ours) & set(other)
    reordered_here = [k for k in ours if k in common] != [k for k in old if k in common]
    reordered_there = [k for k in other if k in common] != [k for k in old if k in common]
    skeleton, extra = (ours, other) if reordered_here and not reordered_there else (other, ours)
    order = list(skeleton)
    for index, key in enumerate(extra):
        if key in order:
            continue
        before = next((k for k in reversed(extra[:index]) if k in order), None)
        after = next((k for k in extra[index + 1:] if k in order), None)
        if before is not None:
            order.insert(order.index(before) + 1, key)
        elif after is not None:
            order.insert(order.index(after), key)
        else:
            order.append(key)
    return order


def _merge_sets(base: list, mine: list, theirs: list) -> list:
    added = [v for v in mine if not _contains(base, v) and not _contains(theirs, v)]
    removed = [v for v in base if not _contains(mine, v)]
    return [v for v in theirs if not _contains(removed, v)] + added


# -- helpers -----------------------------------------------------------------------------------

def _or_missing(value: Any) -> Any:
    return MISSING if value is None else value


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and a == b or (_number(a) and _number(b) and a == b)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _contains(items: list, value: Any) -> bool:
    return any(_same(item, value) for item in items)


def _keyed(items: list) -> bool:
    """A list of dicts that each carry a distinct id (an empty list is one too)."""
    if not all(isinstance(i, dict) and isinstance(i.get("id"), str | int) and i.get("id") != ""
               for i in items):
        return False
    return len({_id(i) for i in items}) == len(items)


def _unique(items: list) -> bool:
    if not all(isinstance(i, str | int | float | bool) or i is None for i in items):
        return False
    return all(not _contains(items[:n], item) for n, item in enumerate(items))


def _id(item: dict) -> str:
    return str(item["id"])


def _field(where: str, key: str) -> str:
    name = key.replace("_", " ")
    return f"{where}: {name}" if where else name


def _item(where: str, item: Any) -> str:
    title = ""
    if isinstance(item, dict):
        for key in ("title", "name", "statement", "text", "intervention"):
            if isinstance(item.get(key), str) and item[key].strip():
                title = item[key].strip()
                break
    title = f"'{title[:60]}'" if title else "(no title)"
    kind = where.rsplit(": ", 1)
    kind[-1] = kind[-1][:-1] if kind[-1].endswith("s") else kind[-1]
    return f"the {': '.join(kind)} {title}" if where else title


def _plain(value: Any) -> Any:
    return None if value is MISSING else value
