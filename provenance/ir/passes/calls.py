"""Passes over calls and expressions: library idioms, string formatting, slices, casts,
record constructions, membership tests and other library operations that read as syntax."""

from __future__ import annotations

import re
from typing import Any

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.errors import as_error
from provenance.ir.passes.tree import (
    OPPOSITE,
    dotted_name,
    is_type_name,
    is_zero,
    lambda_parts,
    length_offset,
    spanned,
)
from provenance.ir.table import CompiledGrammar


def _idiom(entry: Any) -> tuple[str, bool]:
    if isinstance(entry, dict):
        return entry["to"], bool(entry.get("receiver_last", False))
    return entry, False


def _subject_last(entry: Any) -> bool:
    """The entry's spelling takes the subject last (`re.sub(p, r, s)`, `P.sub(r, s)`)."""
    return isinstance(entry, dict) and bool(entry.get("subject_last", False))


def _entry_for(entry: Any, count: int) -> Any:
    """The idiom a method call with `count` arguments names: an entry with `args = n` applies
    only to calls with n arguments, and a list holds one entry per arity (Rust's
    `set.insert(x)` adds, `map.insert(k, v)` stores; the class's own `this.set(options)` is
    no map store)."""
    for candidate in entry if isinstance(entry, list) else [entry]:
        if not isinstance(candidate, dict) or candidate.get("args", count) == count:
            return candidate
    return None


def own_calls(node: IRNode, grammar: CompiledGrammar) -> None:
    """A call of a function the file defines, reached through its class or namespace
    (`Pipeline.warn(fn)`, `lunr.Pipeline.warn(fn)`, Rust's `Self::key_of(v)`), is the plain
    call `warn(fn)`: whether a language reaches a helper as a static method, a namespace
    member or a module function is syntax, not design (`self.warn(fn)` already reads as a
    plain name). A constructor method (`Token::new(k)`) still constructs, for `records`."""
    own = grammar.passes.get("local_functions")
    if not own or not node.children or node.children[0].kind is not Kind.MEMBER:
        return
    callee = node.children[0]
    if dotted_name(callee) not in own:
        return
    if callee.children[-1].text in grammar.passes.get("constructor_methods", ()):
        return
    node.children[0] = spanned(Kind.NAME, callee, text=callee.children[-1].text, role=callee.role)


def idioms(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Library calls become CALL nodes with a canonical `op` and the receiver as first argument;
    a call of a method the file's own class defines (`this.remove(e)`) stays that call."""
    if node.kind is Kind.CALL and node.children and node.children[0].kind is Kind.MEMBER:
        receiver, *rest = node.children[0].children
        own = grammar.passes.get("local_methods", ())
        if receiver.kind is Kind.SELF and rest and rest[-1].text in own:
            return None
    return _rewrite_idiom(node, *grammar.idiom_tables)


def _rewrite_idiom(
    node: IRNode,
    calls: dict[str, Any],
    methods: dict[str, Any],
    properties: dict[str, Any],
    qualified: dict[str, Any],
    macros: dict[str, Any],
    adapters: frozenset[str],
    wrappers: frozenset[str],
) -> IRNode | None:
    if (
        node.kind is Kind.MEMBER
        and (properties or adapters)
        and len(node.children) == 2
        and node.role != "callee"
    ):
        prop = node.children[1]
        if prop.kind is Kind.NAME and prop.text in adapters:
            return node.children[0]  # Scala's `xs.toSeq`: an adapter without parentheses
        if prop.kind is Kind.NAME and prop.text in properties:
            target, _ = _idiom(properties[prop.text])
            return spanned(Kind.CALL, node, op=target, children=[node.children[0]])
        return None
    if node.kind is not Kind.CALL or node.op is not None or not node.children:
        return None
    callee = node.children[0]
    args = node.children[1:]
    flags = node.flags or frozenset()
    if callee.kind is Kind.NAME and callee.text in wrappers and len(args) == 1:
        return args[0]  # Rust's Ok(x) / Some(x): the value is what matters
    if callee.kind is Kind.NAME:
        table = macros if "macro" in flags else calls
        if callee.text in table:
            node.op, _ = _idiom(table[callee.text])
            node.children = args
            return _empty_container(node)
        return None
    if callee.kind is not Kind.MEMBER or len(callee.children) != 2:
        return None
    dotted = dotted_name(callee)
    if dotted is not None and dotted in qualified:
        entry = qualified[dotted]
        node.op, _ = _idiom(entry)
        # `re.sub(p, f, s)`: the subject a method form takes as receiver comes last here
        node.children = [args[-1], *args[:-1]] if _subject_last(entry) and args else args
        return _empty_container(node)
    receiver, prop = callee.children
    if prop.kind is not Kind.NAME:
        return None
    if prop.text in adapters and not args:
        return receiver
    entry = _entry_for(methods.get(prop.text), len(args))
    if entry is not None:
        node.op, receiver_last = _idiom(entry)
        receiver.role = "args"
        if _subject_last(entry) and args:
            # `PATTERN.sub(repl, s)`: the subject is the last argument, the receiver second
            node.children = [args[-1], receiver, *args[:-1]]
        else:
            node.children = [*args, receiver] if receiver_last else [receiver, *args]
    return None


_EMPTY_CONTAINERS = {
    "to_list": Kind.LIST,
    "to_dict": Kind.DICT,
    "to_set": Kind.SET,
    "to_string": Kind.LIT_STR,
}
_SIZED_EMPTY = {
    "empty_list": Kind.LIST,
    "empty_dict": Kind.DICT,
    "empty_set": Kind.SET,
    "empty_string": Kind.LIT_STR,
}
"""constructors whose arguments are only a capacity (`Vec::with_capacity(n)`)"""


def _empty_container(call: IRNode) -> IRNode | None:
    if call.op == "make":  # Go: the type argument is skipped, its sizes remain
        if not call.children:
            return spanned(Kind.DICT, call)  # `make(map[K]V)`
        if is_zero(call.children[0]) and len(call.children) <= 2:
            return spanned(Kind.LIST, call)  # `make([]T, 0, capacity)`
        return None
    sized = _SIZED_EMPTY.get(call.op or "")
    if sized is not None:
        return spanned(sized, call, text="" if sized is Kind.LIT_STR else None)
    kind = _EMPTY_CONTAINERS.get(call.op or "")
    if kind is Kind.LIST and "macro" in (call.flags or ()):
        return spanned(Kind.LIST, call, children=call.children)  # Rust's `vec![a, b]`
    if kind is None or call.children:
        return None
    return spanned(kind, call, text="" if kind is Kind.LIT_STR else None)


_PLACEHOLDER = re.compile(
    r"%%|\{\{|\}\}|%(?:\([^()]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifgxXvqwoecbtTpr]|\{[^{}]*\}"
)
"""printf-style conversions (Python's `%r` and `%(name)s` included), `{}`-style holes, and
the escapes `%%`, `{{`, `}}` that stand for one character"""
_ESCAPED = {"%%": "%", "{{": "{", "}}": "}"}


_FORMATTING_OPS = frozenset({"format", "print", "error"})


_OPERATOR_CALLS = {"eq": "EQ", "equals": "EQ", "ne": "NE"}


def _as_template(literal: IRNode, values: list[IRNode]) -> IRNode | None:
    text = literal.text or ""
    if all(match.group() in _ESCAPED for match in _PLACEHOLDER.finditer(text)):
        return None  # no hole
    template = _PLACEHOLDER.sub(lambda match: _ESCAPED.get(match.group(), "{}"), text)
    for value in values:
        value.role = None
    return spanned(Kind.STR_TEMPLATE, literal, text=template, children=values)


def _concatenation_template(node: IRNode) -> IRNode | None:
    """`"x '" + a + "' y"` is the template `x '{}' y` with `a` as its hole, as an f-string or
    a template literal writes it (only when a string literal takes part)."""
    if node.op not in ("ADD", "CONCAT") or len(node.children) != 2:
        return None
    if not any(c.kind in (Kind.LIT_STR, Kind.STR_TEMPLATE) for c in node.children):
        return None
    text: list[str] = []
    holes: list[IRNode] = []
    for operand in node.children:
        if operand.kind is Kind.LIT_STR:
            text.append((operand.text or "").replace("{", "{{").replace("}", "}}"))
        elif operand.kind is Kind.STR_TEMPLATE:
            text.append(operand.text or "")
            holes.extend(operand.children)
        else:
            text.append("{}")
            operand.role = None
            holes.append(operand)
    return spanned(Kind.STR_TEMPLATE, node, text="".join(text), role=node.role, children=holes)


def string_formatting(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """printf- and format-style calls, `"%s" % x` and `"-" * n` meet their template and
    repeat forms: format!("a {}", x), fmt.Sprintf("a %s", x), "a {}".format(x) and f"a {x}"
    all become STR_TEMPLATE('a {}', x)."""
    kids = node.children
    if node.kind is Kind.STR_TEMPLATE:  # `${ expr }` parsed as a block (Scala)
        node.children = [
            c.children[0] if c.kind is Kind.BLOCK and len(c.children) == 1 else c for c in kids
        ]
        return None
    if node.kind is Kind.CALL and node.op in _OPERATOR_CALLS and len(kids) == 2:
        return spanned(
            Kind.BINOP, node, op=_OPERATOR_CALLS[node.op], role=node.role, children=list(kids)
        )
    if node.kind is Kind.CALL:
        if node.op not in _FORMATTING_OPS or len(kids) < 2 or kids[0].kind is not Kind.LIT_STR:
            return None
        template = _as_template(kids[0], kids[1:])
        if template is None:
            return None
        if node.op == "format":
            template.role = node.role
            return template
        node.children = [template]
        return None
    if len(kids) != 2:
        return None
    left, right = kids
    if node.op == "MOD" and left.kind is Kind.LIT_STR:
        values = right.children if right.kind is Kind.TUPLE else [right]
        template = _as_template(left, list(values))
        if template is not None:
            template.role = node.role
        return template
    concatenated = _concatenation_template(node)
    if concatenated is not None:
        return concatenated
    if node.op == "MUL" and Kind.LIT_STR in (left.kind, right.kind):
        text, count = (left, right) if left.kind is Kind.LIT_STR else (right, left)
        text.role = count.role = None
        return spanned(Kind.CALL, node, op="repeat", role=node.role, children=[text, count])
    return None


def slices(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`s[a:b]` (Python), `s[a..b]` (Rust), `s[a:b]` (Go) and `s.slice(a, b)` (JavaScript,
    Java's `substring`) are all SLICE(s, a, b); a left-out start is 0, so `s[:n]` and `s[n:]`
    stay apart."""
    if node.kind is Kind.CALL:
        if node.op != "slice" or not node.children:
            return None
        return spanned(Kind.SLICE, node, role=node.role, children=list(node.children))
    if node.kind is Kind.SLICE:  # Go's `s[:n]`: the bounds carry roles
        if node.children and not node.with_role("start") and node.with_role("end"):
            node.children.insert(1, _zero(node))
        _from_end(node)
        return None
    if len(node.children) == 2 and node.children[1].kind in (Kind.SLICE, Kind.RANGE):
        subject, bounds = node.children
        kept = list(bounds.children)
        if kept and kept[0].start_byte > bounds.start_byte:
            kept.insert(0, _zero(bounds))  # `s[:n]`, `s[..n]`: the bounds start at the colon
        node = spanned(Kind.SLICE, node, role=node.role, children=[subject, *kept])
        _from_end(node)
        return node
    if node.kind is Kind.INDEX:
        _from_end(node)
    return None


def _from_end(node: IRNode) -> None:
    """`xs[len(xs) - k]` is Python's `xs[-k]`: counting from the end is one choice however
    a language spells it."""
    if not node.children:
        return
    subject = node.children[0]
    for index, bound in enumerate(node.children[1:], start=1):
        offset = length_offset(bound, "SUB", subject)
        if offset is not None:
            offset.role = None
            node.children[index] = spanned(
                Kind.UNOP, bound, op="NEG", role=bound.role, children=[offset]
            )


def _zero(like: IRNode) -> IRNode:
    """The start bound a slice leaves out, written as JavaScript's `s.slice(0, n)` does."""
    return spanned(Kind.LIT_INT, like, text="0")


def drops(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Operators mapped to DROP vanish: Go's `&T{}` and `*p`, Rust's borrows and derefs, and
    non-null assertions; JavaScript's `void x` (VOID) is the undefined it evaluates to.
    Casts vanish too: `x as u32`, `(int) x`, `value as Foo` have no counterpart in dynamically
    typed languages, where the same value flows without them."""
    if (node.op == "DROP" or node.kind is Kind.UNWRAP) and len(node.children) == 1:
        return node.children[0]  # TypeScript's and Swift's `x!` assert, as Rust's unwrap()
    if node.op == "VOID":
        return spanned(Kind.LIT_NULL, node, role=node.role)  # JavaScript's `void 0`: undefined
    if node.kind is Kind.CAST:
        values = [child for child in node.children if child.role == "value"] or node.children
        if len(values) == 1:
            return values[0]
    return None


def literal_types(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """A typed composite literal is its inner literal, a list when the grammar flags its type
    as one (`as:LIST`): Go's `[]T{a, b}` is the list `[a, b]`, `T{k: v}` the record."""
    flags = node.flags or frozenset()
    if "composite" not in flags:
        return None
    inner = [child for child in node.children if child.kind is Kind.DICT]
    if len(inner) != 1 or len(node.children) != 1:
        return None
    literal = inner[0]
    literal.role = node.role
    if "as:LIST" in flags:
        literal.kind = Kind.LIST
    return literal


def named_constants(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`State::Quoted`, `TokenType.Operator`, `Integer.MAX_VALUE`: a capitalised member of a
    type is a named constant, as a module-level `QUOTED` is (enum or constant is a choice of
    style, not of design)."""
    if node.role == "callee" or len(node.children) != 2:
        return None
    owner, member = node.children
    if member.kind is not Kind.NAME:
        return None
    orderings = grammar.passes.get("orderings")
    if orderings and owner.kind in (Kind.NAME, Kind.MEMBER):
        owner_name = owner.text if owner.kind is Kind.NAME else _last_name(owner)
        sign = orderings.get(f"{owner_name}.{member.text}")
        if sign is not None:
            return _ordering(node, sign)
    if owner.kind is not Kind.NAME:
        return None
    if not is_type_name(owner.text or "") or not (member.text or "")[:1].isupper():
        return None
    return spanned(Kind.NAME, node, text=member.text, role=node.role)


def _last_name(member: IRNode) -> str | None:
    last = member.children[-1] if member.children else None
    return last.text if last is not None and last.kind is Kind.NAME else None


def _ordering(like: IRNode, sign: int) -> IRNode:
    """Rust's `Ordering::Less` is the -1 a comparator returns elsewhere (flagged, so that a
    test against it reads as a test of the sign: `c == Ordering::Less` is `c < 0`)."""
    flags = frozenset({"ordering"})
    one = spanned(Kind.LIT_INT, like, text=str(abs(sign)), flags=flags)
    if sign >= 0:
        one.role = like.role
        return one
    return spanned(Kind.UNOP, like, op="NEG", role=like.role, children=[one], flags=flags)


_SIGN_TESTS = {(-1, "EQ"): "LT", (0, "EQ"): "EQ", (1, "EQ"): "GT"}
_SIGN_TESTS |= {(s, "NE"): OPPOSITE[op] for (s, _), op in list(_SIGN_TESTS.items())}


def sign_tests(node: IRNode, grammar: CompiledGrammar) -> None:
    """`c == Ordering::Less` is `c < 0`, `c != Ordering::Greater` is `c <= 0`: how a
    comparator's result is tested where it is a number."""
    if node.op not in ("EQ", "NE") or len(node.children) != 2:
        return
    constant = node.children[1]
    if "ordering" not in (constant.flags or ()):
        return
    sign = 0 if constant.kind is Kind.LIT_INT and constant.text == "0" else 1
    if constant.kind is Kind.UNOP:
        sign = -1
    node.op = _SIGN_TESTS[(sign, node.op)]
    node.children[1] = spanned(Kind.LIT_INT, constant, text="0", role=constant.role)


def records(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Constructing an object is building a record: `new Token(k, t)`, Python's and Kotlin's
    `Token(k, t)`, Rust's `Token::new(k, t)` and Ruby's `Token.new(k, t)` read as the record
    literal `{kind: k, text: t}` does (a DICT of the values), which is how TypeScript, Go and
    Rust spell the same construction. Which call spellings construct is grammar data: the
    `ctor` flag of `new` expressions, `capitalised_constructors` (a capitalised name, or any
    class the file defines: renaming a class does not make it a function) and
    `constructor_methods`."""
    if node.op is not None or not node.children or node.children[0].role not in ("callee", None):
        return None
    callee = node.children[0]
    constructs = "ctor" in (node.flags or ()) or callee.kind is Kind.SELF  # Python's `cls(..)`
    if not constructs and callee.kind is Kind.NAME and callee.text:
        constructs = bool(grammar.passes.get("capitalised_constructors")) and (
            is_type_name(callee.text) or callee.text in grammar.passes.get("local_classes", ())
        )
    if not constructs and callee.kind is Kind.MEMBER and len(callee.children) == 2:
        owner, method = callee.children
        constructs = (
            method.kind is Kind.NAME
            and method.text in grammar.passes.get("constructor_methods", ())
            and owner.kind is Kind.NAME
            and is_type_name(owner.text or "")
        )
    if not constructs and grammar.passes.get("variant_wrappers"):
        variant = _wrapped_variant(node)
        if variant is not None:
            return variant
    if not constructs:
        return None
    return spanned(Kind.DICT, node, role=node.role, children=node.children[1:])


def _wrapped_variant(node: IRNode) -> IRNode | None:
    """Rust's `Value::Boolean(b)`: an enum variant wrapping one value is that value, what a
    dynamically typed original stores (`false`)."""
    callee = node.children[0]
    if callee.kind is not Kind.MEMBER or len(callee.children) != 2 or len(node.children) != 2:
        return None
    owner, variant = callee.children
    if owner.kind is not Kind.NAME or variant.kind is not Kind.NAME:
        return None
    if not (is_type_name(owner.text or "") and is_type_name(variant.text or "")):
        return None
    value = node.children[1]
    value.role = node.role
    return value


def membership(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`x in xs` is `contains(xs, x)`, as `xs.includes(x)` and `xs.contains(&x)` are; among a
    few literals, it is the `||` chain of equalities (see `canonical_calls`)."""
    if node.op not in ("IN", "NOT_IN") or len(node.children) != 2:
        return None
    needle, haystack = node.children
    call = spanned(Kind.CALL, node, op="contains", children=[haystack, needle])
    test = canonical_calls(call, grammar) or call
    if node.op == "NOT_IN":
        negated = spanned(Kind.UNOP, node, op="NOT", children=[test])
        test = _none_of(negated, test) or negated
    test.role = node.role
    return test


_LITERAL_ELEMENTS = frozenset({Kind.LIT_STR, Kind.LIT_INT, Kind.LIT_FLOAT, Kind.LIT_BOOL})


_MAX_ALTERNATIVES = 8


_TYPE_TESTS = frozenset({"isinstance", "is_list"})
_MATCHES_UNSURE = frozenset({"range_pattern", "guarded_pattern"})
"""a macro's arguments are bare tokens: `'a'..='z'` or a guard are not a list of values"""


def _splice(node: IRNode) -> IRNode | None:
    """JavaScript's `xs.splice(i, 0, v)` inserts and `xs.splice(i, 1)` removes at i, as
    `xs.insert(i, v)` and `del xs[i]` do; `xs.splice(xs.indexOf(v), 1)` removes v."""
    args = node.children
    if len(args) < 3 or args[2].kind is not Kind.LIT_INT:
        return None
    sequence, at, count = args[0], args[1], args[2].text
    if count == "0" and len(args) > 3:
        kept = [sequence, at, *args[3:]]
        op = "insert"
    elif count == "1" and len(args) == 3:
        found = at.kind is Kind.CALL and at.op == "index_of" and len(at.children) == 2
        kept = [sequence, at.children[1] if found else at]
        op = "remove"
    else:
        return None
    for arg in kept:
        arg.role = None
    return spanned(Kind.CALL, node, op=op, role=node.role, children=kept)


def _lambda_value(value: IRNode) -> IRNode:
    """What a parameterless callback returns (`|| e` is `e`), else `value` itself."""
    parts = lambda_parts(value)
    return parts[1] if parts is not None and parts[0] is None else value


def canonical_calls(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Library operations that other languages write with syntax read as that syntax.

    `m.get(k)` is `m[k]`; `del m[k]` and JS's `delete o[k]` are `remove(m, k)`;
    `"s".to_string()` is the literal; JavaScript's `+s` is `Number(s)`; `o.unwrap_or(d)` is
    `o ?? d`; `s.charCodeAt(i)` is `s[i]` and `ord(c)`, `chr(n)` are their argument; a type test
    (`isinstance(x, str)`, `typeof x === "string"`, `x instanceof T`, `Array.isArray(x)`) is
    `isinstance(x)` whatever the type is spelled as; a test against a few literals
    (`c in "+-"`, `["a", "b"].includes(c)`, Rust's `matches!(c, 'a' | 'b')`) is the `||`
    chain of equalities that C-family code writes."""
    if node.kind is Kind.UNOP:
        if (
            node.op == "POS"
            and len(node.children) == 1
            and grammar.passes.get("unary_plus_converts")
        ):
            subject = node.children[0]
            subject.role = None
            return spanned(Kind.CALL, node, op="parse_float", role=node.role, children=[subject])
        if node.op == "DELETE" and len(node.children) == 1:
            return _removal(node, node.children[0])
        if node.op == "NOT" and len(node.children) == 1:
            return _none_of(node, node.children[0])
        return None
    if node.kind is Kind.BINOP:
        return _type_test(node)
    args = node.children
    if node.op in ("get", "char_code") and len(args) == 2:
        args[0].role, args[1].role = "obj", "index"
        return spanned(Kind.INDEX, node, role=node.role, children=list(args))
    if node.op in ("char_code", "from_char_code") and len(args) == 1:
        args[0].role = node.role  # a character and its code are one value in another type
        return args[0]
    if node.op == "delete" and len(args) == 1:
        return _removal(node, args[0])
    if (
        node.op == "to_string"
        and len(args) == 1
        and args[0].kind
        in (
            Kind.LIT_STR,
            Kind.STR_TEMPLATE,
        )
    ):
        args[0].role = node.role
        return args[0]
    if node.op == "sort":
        node.op = "sorted"  # in place or a sorted copy: authors and ports choose freely
        return None
    if node.op == "splice":
        return _splice(node)
    if node.op == "nullish" and len(args) == 2:
        return spanned(Kind.BINOP, node, op="NULLISH", role=node.role, children=list(args))
    if node.op == "or_raise" and len(args) == 2:
        # Rust's `o.ok_or(e)` and `o.ok_or_else(|| e)` are Kotlin's `o ?: throw e`
        error = as_error(_lambda_value(args[1]))
        error.role = None
        thrown = spanned(Kind.THROW, args[1], role="right", children=[error])
        args[0].role = "left"
        return spanned(Kind.BINOP, node, op="NULLISH", role=node.role, children=[args[0], thrown])
    if node.op in _TYPE_TESTS and args:
        args[0].role = None
        return spanned(Kind.CALL, node, op="isinstance", role=node.role, children=[args[0]])
    if node.op == "contains" and len(args) == 2:
        return _alternatives(node, args[1], _literal_alternatives(args[0]))
    if node.op == "matches" and len(args) >= 2 and not _MATCHES_UNSURE & (node.flags or set()):
        wrappers = frozenset(grammar.idioms.get("wrappers", ()))  # `Some('e')` matches 'e'
        patterns = [p for p in args[1:] if not (p.kind is Kind.NAME and p.text in wrappers)]
        if patterns and all(p.kind in _LITERAL_ELEMENTS for p in patterns):
            return _alternatives(node, args[0], patterns)
    return None


def _none_of(node: IRNode, test: IRNode) -> IRNode | None:
    """`!(x == a || x == b)` is `x != a && x != b` (De Morgan), how `x not in (a, b)` reads
    in languages without a membership operator."""
    if test.kind is not Kind.BINOP or test.op != "OR":
        return None
    leaves: list[IRNode] = []
    pending = [test]
    while pending:
        current = pending.pop()
        if current.kind is Kind.BINOP and current.op == "OR" and len(current.children) == 2:
            pending.extend(reversed(current.children))
        elif current.kind is Kind.BINOP and current.op == "EQ" and len(current.children) == 2:
            leaves.append(current)
        else:
            return None
    chain = leaves[0]
    chain.op = "NE"
    for leaf in leaves[1:]:
        leaf.op = "NE"
        chain = spanned(Kind.BINOP, node, op="AND", children=[chain, leaf])
    chain.role = node.role
    return chain


def _removal(node: IRNode, target: IRNode) -> IRNode | None:
    if target.kind not in (Kind.INDEX, Kind.MEMBER) or len(target.children) != 2:
        return None
    container, key = target.children
    container.role = key.role = "args"
    return spanned(Kind.CALL, node, op="remove", role=node.role, children=[container, key])


def _type_test(node: IRNode) -> IRNode | None:
    if len(node.children) != 2:
        return None
    left, right = node.children
    if node.op == "ISINSTANCE":
        subject, negated = left, False
    elif (
        node.op in ("EQ", "NE")
        and left.kind is Kind.UNOP
        and left.op == "TYPEOF"
        and len(left.children) == 1
        and right.kind is Kind.LIT_STR
    ):
        subject, negated = left.children[0], node.op == "NE"
    else:
        return None
    subject.role = None
    test = spanned(Kind.CALL, node, op="isinstance", children=[subject])
    if negated:
        return spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[test])
    test.role = node.role
    return test


def _literal_alternatives(haystack: IRNode) -> list[IRNode] | None:
    """The literals a membership test chooses among: the elements of a literal tuple, list
    or set, or the characters of a short string of distinct characters (`c in "+-"`)."""
    if haystack.kind in (Kind.TUPLE, Kind.LIST, Kind.SET):
        if 1 < len(haystack.children) <= _MAX_ALTERNATIVES and all(
            c.kind in _LITERAL_ELEMENTS for c in haystack.children
        ):
            return list(haystack.children)
        return None
    text = haystack.text or ""
    if haystack.kind is Kind.LIT_STR and 1 < len(text) <= 6 and len(set(text)) == len(text):
        return [spanned(Kind.LIT_STR, haystack, text=char) for char in text]
    return None


def _alternatives(node: IRNode, subject: IRNode, choices: list[IRNode] | None) -> IRNode | None:
    if not choices:
        return None
    chain: IRNode | None = None
    for choice in choices:
        test = spanned(
            Kind.BINOP,
            node,
            op="EQ",
            children=[subject.copy() if chain is not None else subject, choice],
        )
        chain = (
            test if chain is None else spanned(Kind.BINOP, node, op="OR", children=[chain, test])
        )
    assert chain is not None
    for child in chain.walk():
        child.role = None
    chain.role = node.role
    return chain
