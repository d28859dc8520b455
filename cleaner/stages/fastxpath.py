"""trafilatura's attribute-matching XPath expressions, evaluated in Python with the same results.

trafilatura prunes a page and finds its main frame with about a dozen XPath
expressions of one shape: the descendants with some tag names whose ``id``,
``class``, ``style`` or ``role`` matches a word or an EXSLT regular expression
(``re:test``).  libxml2 evaluates every predicate on every element, with a
call back into Python for each ``re:test``: 11.5 s of the 36 s that
trafilatura's text pass took on the 990 dev pages.  :func:`compile_xpath`
reads such an expression and writes a small Python loop for it: lxml's tag
filter picks the elements, each attribute is read once per element, each
regular expression's answer is cached per attribute value (class names
repeat), a union is one walk, and the walk stops at the first match where the
expression asks only for the first.  The same expressions then took 2.7 s.

It understands only the subset those expressions use, and refuses anything
else (a refused expression stays with libxml2):

* ``.//name`` or ``.//*``, a union of such paths with ``|``, ``(path)[1]``,
  and a trailing ``[1]`` (the first match among each element's children);
* predicates joined by ``or``: ``self::name``, ``not(...)``, ``.//name``,
  ``@attr``, ``@attr='text'``, ``contains``, ``starts-with``, and
  ``re:test`` (with flags) of ``@attr``, ``@a|@b`` or ``translate(...)``.

XPath's rules are kept: a missing attribute reads as "", ``@a|@b`` reads
whichever comes first in the element's source order, ``translate`` maps
character by character, and results come in document order.  lxml's
``re:test`` searches with Python's ``re`` (``i`` for case-insensitive), as
here.  :func:`trafilatura_selectors` puts the selectors in place of
trafilatura's expressions for the duration of a ``with`` block only, so other
code in the process (a benchmark's bare trafilatura run) is untouched.

>>> from lxml.html import fromstring
>>> page = fromstring('<div><p class="share-bar">x</p><p id="a">y</p><span class="tags">z</span></div>')
>>> select = compile_xpath(".//*[self::p or self::span][re:test(@class, '^shar|tags')]")
>>> [e.text for e in select(page)]
['x', 'z']
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from lxml.etree import Element as _ELEMENTS  # as a tag filter: elements only, no comments or PIs
from lxml.etree import XPath, _Element

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'[^']*'|\"[^\"]*\")|(?P<number>\d+)|(?P<op>\.//|//|::|[()\[\]|,=@*])"
    r"|(?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?))"
)
SEARCH_CACHE_MAX = 4_096  # attribute values whose regex answer one pattern keeps (42 patterns: a few MB)


class Unsupported(ValueError):
    """The expression uses XPath this module does not evaluate (it is left to libxml2)."""


def _tokens(path: str) -> list[tuple[str, str]]:
    """``(kind, text)`` pairs of an XPath expression.

    >>> _tokens("(.//a)[1]")
    [('op', '('), ('op', './/'), ('name', 'a'), ('op', ')'), ('op', '['), ('number', '1'), ('op', ']')]
    """
    out, pos, end = [], 0, len(path.rstrip())
    while pos < end:
        match = _TOKEN.match(path, pos)
        if match is None or match.end() == pos:
            raise Unsupported(f"cannot read {path[pos : pos + 20]!r}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class _SearchCache(dict[str, bool]):
    """value -> whether ``pattern`` is found in it (bounded: starts afresh when full)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        super().__init__()
        self.search = pattern.search

    def __missing__(self, value: str) -> bool:
        if len(self) >= SEARCH_CACHE_MAX:
            self.clear()
        found = self[value] = self.search(value) is not None
        return found


def first_attribute(elem: Any, first: str, second: str, a: str | None, b: str | None) -> str:
    """XPath's string of ``@first|@second``, given their values ``a`` and ``b``: the one earlier in the source.

    >>> from lxml.html import fromstring
    >>> first_attribute(fromstring('<p class="c" id="i">x</p>'), "id", "class", "i", "c")
    'c'
    """
    if a is None:
        return b or ""
    if b is None:
        return a
    for key in elem.keys():  # noqa: SIM118 — iterating an lxml element gives its children, not its attributes
        if key == second:
            return b
        if key == first:
            break
    return a


# The parser's tree: tests are tuples whose first item names them, and so are values.
#   ("tag", name) ("has", attr) ("eq", attr, text) ("desc", name) ("not", test) ("or", tests)
#   ("contains" | "starts", value, text) ("re", value, pattern, flags)
#   values: ("attr", name) ("first", name, other) ("translate", value, source, target)
Node = tuple[Any, ...]


class _Parser:
    """Recursive descent over the tokens of one expression, into :class:`_Branch` es of test tuples."""

    def __init__(self, path: str) -> None:
        self.tokens = _tokens(path)
        self.pos = 0

    def peek(self, text: str | None = None, kind: str | None = None, ahead: int = 0) -> bool:
        if self.pos + ahead >= len(self.tokens):
            return False
        got_kind, got = self.tokens[self.pos + ahead]
        return (text is None or got == text) and (kind is None or got_kind == kind)

    def take(self, text: str | None = None, kind: str | None = None) -> str:
        if not self.peek(text, kind):
            where = self.tokens[self.pos][1] if self.pos < len(self.tokens) else "the end"
            raise Unsupported(f"expected {text or kind}, found {where!r}")
        self.pos += 1
        return self.tokens[self.pos - 1][1]

    def string(self) -> str:
        return self.take(kind="string")[1:-1]

    def plain_name(self) -> str:
        """An element or attribute name without a namespace prefix (a prefix needs XPath's namespace map)."""
        name = self.take(kind="name")
        if ":" in name:
            raise Unsupported(f"prefixed name {name!r}")
        return name

    def done(self) -> None:
        if self.pos != len(self.tokens):
            raise Unsupported(f"unexpected {self.tokens[self.pos][1]!r}")

    def union(self) -> list[_Branch]:
        branches = [self.branch()]
        while self.peek("|"):
            self.take("|")
            branches.append(self.branch())
        return branches

    def branch(self) -> _Branch:
        if not self.peek("("):
            return self.step()
        self.take("(")
        inner = self.step()
        self.take(")")
        self.first_position()
        if inner.first_per_parent:
            raise Unsupported("(path[1])[1]")
        return _Branch(inner.tags, inner.tests, first_only=True)

    def first_position(self) -> None:
        self.take("[")
        if self.take(kind="number") != "1":
            raise Unsupported("positions other than [1]")
        self.take("]")

    def step(self) -> _Branch:
        self.take(".//")
        if self.peek("*"):
            self.take("*")
            tags: tuple[str, ...] | None = None
        else:
            tags = (self.plain_name(),)
            if self.peek("(") or self.peek("::"):
                raise Unsupported(f"axis or function {tags[0]!r} as a step")
        tests: list[Node] = []
        first_per_parent = False
        while self.peek("["):
            if first_per_parent:
                raise Unsupported("a predicate after [1]")
            if self.peek(kind="number", ahead=1):
                self.first_position()
                first_per_parent = True
                continue
            self.take("[")
            test = self.disjunction()
            self.take("]")
            names = _tag_names(test)
            if names is not None and tags is None and not tests:
                tags = names  # a leading [self::a or self::b] becomes lxml's tag filter
            else:
                tests.append(test)
        return _Branch(tags, tests, first_per_parent=first_per_parent)

    def disjunction(self) -> Node:
        tests = [self.atom()]
        while self.peek("or", "name"):
            self.take("or")
            tests.append(self.atom())
        if self.peek("and", "name"):
            raise Unsupported("and")
        return tests[0] if len(tests) == 1 else ("or", tuple(tests))

    def atom(self) -> Node:
        if self.peek(".//"):
            self.take(".//")
            name = self.plain_name()
            if self.peek("[") or self.peek("(") or self.peek("::"):
                raise Unsupported("a predicate on a nested path")
            return ("desc", name)
        if self.peek("@"):
            self.take("@")
            name = self.plain_name()
            if self.peek("|"):
                raise Unsupported("a union compared outside a function")
            if self.peek("="):
                self.take("=")
                return ("eq", name, self.string())
            return ("has", name)
        name = self.take(kind="name")
        if name == "self":
            self.take("::")
            return ("tag", self.plain_name())
        self.take("(")
        if name == "not":
            inner = self.disjunction()
            self.take(")")
            return ("not", inner)
        if name not in ("contains", "starts-with", "re:test"):
            raise Unsupported(f"function {name!r}")
        value = self.value()
        self.take(",")
        text = self.string()
        flags = ""
        if name == "re:test" and self.peek(","):
            self.take(",")
            flags = self.string()
        self.take(")")
        if name == "re:test":
            if set(flags) - {"i"}:
                raise Unsupported(f"re:test flags {flags!r}")
            re.compile(text)  # an invalid pattern fails here, as libxml2's evaluation would
            return ("re", value, text, flags)
        return ("contains" if name == "contains" else "starts", value, text)

    def value(self) -> Node:
        if self.peek("translate", "name"):
            self.take("translate")
            self.take("(")
            inner = self.value()
            self.take(",")
            source = self.string()
            self.take(",")
            target = self.string()
            self.take(")")
            return ("translate", inner, source, target)
        self.take("@")
        names = [self.plain_name()]
        while self.peek("|"):
            self.take("|")
            self.take("@")
            names.append(self.plain_name())
        if len(names) > 2:
            raise Unsupported("a union of more than two attributes")
        return ("attr", names[0]) if len(names) == 1 else ("first", names[0], names[1])


def _tag_names(test: Node) -> tuple[str, ...] | None:
    """The names of a test made only of ``self::name`` alternatives, else None."""
    if test[0] == "tag":
        return (test[1],)
    if test[0] == "or" and all(t[0] == "tag" for t in test[1]):
        return tuple(t[1] for t in test[1])
    return None


def _translation(source: str, target: str) -> dict[int, int | None]:
    """``str.translate`` table for XPath ``translate``: the n-th of ``source`` becomes the n-th of ``target``, or goes.

    >>> "Main-Nav".translate(_translation("MN", "mn"))
    'main-nav'
    """
    table: dict[int, int | None] = {}
    for i, char in enumerate(source):
        table.setdefault(ord(char), ord(target[i]) if i < len(target) else None)
    return table


class _Code:
    """Python source for one branch's tests, with the constants it refers to in ``names``."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.attributes: dict[str, str] = {}  # attribute -> local variable holding elem.get(attribute)

    def constant(self, value: Any) -> str:
        name = f"c{len(self.names)}"
        self.names[name] = value
        return name

    def attribute(self, name: str) -> str:
        if name not in self.attributes:
            self.attributes[name] = f"a{len(self.attributes)}"
        return self.attributes[name]

    def value(self, node: Node) -> str:
        kind = node[0]
        if kind == "attr":
            return f"({self.attribute(node[1])} or '')"
        if kind == "first":
            a, b = self.attribute(node[1]), self.attribute(node[2])
            return f"first_attribute(e, {self.constant(node[1])}, {self.constant(node[2])}, {a}, {b})"
        return f"{self.value(node[1])}.translate({self.constant(_translation(node[2], node[3]))})"

    def test(self, node: Node) -> str:
        kind = node[0]
        if kind == "tag":
            return f"e.tag == {self.constant(node[1])}"
        if kind == "has":
            return f"{self.attribute(node[1])} is not None"
        if kind == "eq":
            return f"{self.attribute(node[1])} == {self.constant(node[2])}"
        if kind == "desc":
            return f"next(e.iterdescendants({self.constant(node[1])}), None) is not None"
        if kind == "not":
            return f"not ({self.test(node[1])})"
        if kind == "or":
            return "(" + " or ".join(self.test(t) for t in node[1]) + ")"
        if kind == "contains":
            return f"{self.constant(node[2])} in {self.value(node[1])}"
        if kind == "starts":
            return f"{self.value(node[1])}.startswith({self.constant(node[2])})"
        flags = re.IGNORECASE if node[3] else 0
        return f"{self.constant(_SearchCache(re.compile(node[2], flags)))}[{self.value(node[1])}]"


class _Branch:
    """One ``.//tag[...]`` path: which elements it visits, the tests they pass, and which matches it keeps."""

    def __init__(
        self,
        tags: tuple[str, ...] | None,
        tests: list[Node],
        *,
        first_only: bool = False,
        first_per_parent: bool = False,
    ) -> None:
        self.tags = tags
        self.tests = tuple(tests)
        self.first_only = first_only
        self.first_per_parent = first_per_parent
        self.matches = _generator([(tags, self.tests)])

    def select(self, context: Any) -> list[Any]:
        if self.first_only:
            first = next(self.matches(context), None)
            return [] if first is None else [first]
        if not self.first_per_parent:
            return list(self.matches(context))
        seen, out = set(), []
        for elem in self.matches(context):
            parent = elem.getparent()
            if parent not in seen:  # the first match among this parent's children
                seen.add(parent)
                out.append(elem)
        return out


def _generator(parts: list[tuple[tuple[str, ...] | None, tuple[Node, ...]]]) -> Callable[[Any], Iterator[Any]]:
    """A generator function over the descendants of an element that pass any part's tag filter and tests.

    It is written out as Python and compiled: one loop over the elements, each attribute read
    once into a local, the tests inlined.  Several parts (a union) share the one walk, so their
    matches come in document order.
    """
    code = _Code()
    if len(parts) == 1:
        tags, tests = parts[0]
        condition = " and ".join(f"({code.test(t)})" for t in tests) or "True"
    else:
        tags = () if any(t is None for t, _ in parts) else tuple(dict.fromkeys(n for t, _ in parts for n in t or ()))
        alternatives = []
        for part_tags, tests in parts:
            checks = [f"e.tag in {code.constant(frozenset(part_tags))}"] if part_tags else []
            checks += [f"({code.test(t)})" for t in tests]
            alternatives.append("(" + (" and ".join(checks) or "True") + ")")
        condition = " or ".join(alternatives)
    walk = ", ".join(code.constant(t) for t in tags) if tags else code.constant(_ELEMENTS)
    reads = "".join(f"        {var} = e.get({code.constant(name)})\n" for name, var in code.attributes.items())
    source = f"def matches(context):\n    for e in context.iterdescendants({walk}):\n{reads}"
    source += f"        if {condition}:\n            yield e\n"
    namespace = dict(code.names, first_attribute=first_attribute)
    exec(compile(source, "<fastxpath>", "exec"), namespace)  # the source holds only names, never page text
    return namespace["matches"]  # type: ignore[no-any-return]


class Selector:
    """A compiled expression: called on an element, it returns what the XPath returns there.

    Called on anything else (a whole document, or with XPath variables), it hands the call to
    the original :class:`lxml.etree.XPath`.
    """

    def __init__(self, xpath: XPath, branches: list[_Branch]) -> None:
        self.xpath = xpath
        self.path = xpath.path
        self.branches = branches
        plain = all(not (b.first_only or b.first_per_parent) for b in branches)
        # a union of plain paths is one walk; unions with [1] in them are merged after
        self.merged = _generator([(b.tags, b.tests) for b in branches]) if plain and len(branches) > 1 else None

    def __call__(self, context: Any, **variables: Any) -> Any:
        if variables or not isinstance(context, _Element):
            return self.xpath(context, **variables)
        if len(self.branches) == 1:
            return self.branches[0].select(context)
        if self.merged is not None:
            return list(self.merged(context))
        found = [elem for branch in self.branches for elem in branch.select(context)]
        if len(found) < 2:
            return found
        position = {elem: i for i, elem in enumerate(context.iterdescendants(_ELEMENTS))}
        return sorted(dict.fromkeys(found), key=position.__getitem__)  # a union is in document order

    def __repr__(self) -> str:
        return f"Selector({' '.join(self.path.split())!r})"


def compile_xpath(xpath: XPath | str) -> Selector:
    """A :class:`Selector` for ``xpath``; raises :class:`Unsupported` outside the subset this module reads."""
    if isinstance(xpath, str):
        xpath = XPath(xpath, namespaces={"re": "http://exslt.org/regular-expressions"})
    parser = _Parser(xpath.path)
    branches = parser.union()
    parser.done()
    return Selector(xpath, branches)


def _compiled(xpath: XPath) -> XPath | Selector:
    try:
        return compile_xpath(xpath)
    except Unsupported:
        return xpath


class _Swaps:
    """Where trafilatura keeps its expressions: lists of them (shared by the modules that import
    them) and module globals; each with the original and the stand-in."""

    def __init__(self) -> None:
        import trafilatura.core  # noqa: F401 — loads every module the text pass uses

        self.lists: list[tuple[list[Any], list[Any], list[Any]]] = []
        self.globals: list[tuple[Any, str, XPath, XPath | Selector]] = []
        seen: dict[int, XPath | Selector] = {}  # one stand-in per expression, bound under several names
        seen_lists: set[int] = set()
        for name, module in sorted(sys.modules.items()):
            if name != "trafilatura" and not name.startswith("trafilatura."):
                continue
            for attr, value in sorted(vars(module).items()):
                if isinstance(value, XPath):
                    fast = seen.setdefault(id(value), _compiled(value))
                    if fast is not value:
                        self.globals.append((module, attr, value, fast))
                elif isinstance(value, list) and value and all(isinstance(item, XPath) for item in value):
                    if id(value) in seen_lists:
                        continue
                    seen_lists.add(id(value))
                    self.lists.append((value, list(value), [_compiled(item) for item in value]))

    def selectors(self) -> list[Selector]:
        found = [item for _, _, fast in self.lists for item in fast if isinstance(item, Selector)]
        found += [fast for _, _, _, fast in self.globals if isinstance(fast, Selector)]
        return list({id(item): item for item in found}.values())

    def apply(self, fast: bool) -> None:
        for target, original, compiled in self.lists:
            target[:] = compiled if fast else original
        for module, attr, original, compiled in self.globals:
            setattr(module, attr, compiled if fast else original)


@cache
def _swaps() -> _Swaps:
    return _Swaps()


def selectors() -> list[Selector]:
    """Every selector that stands in for one of trafilatura's expressions."""
    return _swaps().selectors()


@contextmanager
def trafilatura_selectors() -> Iterator[None]:
    """Within the block, trafilatura's expression lists and globals hold the compiled selectors (restored after).

    Safe if blocks overlap (in threads, say): a selector and its expression give the same answers,
    so code that meets either one gets the same result.
    """
    swaps = _swaps()
    swaps.apply(fast=True)
    try:
        yield
    finally:
        swaps.apply(fast=False)
