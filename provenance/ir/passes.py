"""The fixed list of rewrite passes that desugar what a one-to-one table cannot express.

Each pass is shared by all languages and reads only data (the grammar's `[idioms]` and
`[passes]` tables). All passes run in one traversal, children before parents: at each node, the
passes interested in its kind run in the order of `PASSES`, mutating it in place or returning a
replacement (which then meets the passes after the one that produced it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from provenance.ir.kinds import STATEMENT_KINDS, Kind
from provenance.ir.nodes import IRNode
from provenance.ir.table import CompiledGrammar

_BODY_OWNERS = frozenset(
    {
        Kind.IF,
        Kind.LOOP,
        Kind.FUNC,
        Kind.LAMBDA,
        Kind.TRY,
        Kind.CATCH,
        Kind.FINALLY,
        Kind.WITH,
        Kind.CASE,
    }
)
_BODY_ROLES = ("then", "else", "body")
_EXPRESSION_EXCLUDED = STATEMENT_KINDS | {
    Kind.YIELD, Kind.PROPAGATE, Kind.DOC, Kind.OTHER, Kind.ERROR, Kind.CASE, Kind.DECORATOR,
    Kind.CATCH, Kind.FINALLY, Kind.PARAM, Kind.FIELD, Kind.TYPE, Kind.SWITCH,
}  # fmt: skip


def _nodes(root: IRNode) -> Iterator[IRNode]:
    """Pre-order; children lists may be replaced while iterating their parents."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _spanned(kind: Kind, like: IRNode, **fields: Any) -> IRNode:
    """A new node covering the same source as `like`."""
    return IRNode(kind, span=like.span, **fields)


def _is_expression(node: IRNode) -> bool:
    if node.kind is Kind.IF:
        return node.op == "expr"
    return node.kind not in _EXPRESSION_EXCLUDED


# ---------------------------------------------------------------------------------- passes


def normalise_params(node: IRNode, grammar: CompiledGrammar) -> None:
    """Bare names, splats and typed parameters in a parameter list all become PARAM nodes."""
    for index, child in enumerate(node.children):
        if child.role not in ("params", "receiver"):
            continue
        if child.kind is Kind.NAME:
            node.children[index] = _spanned(Kind.PARAM, child, text=child.text, role=child.role)
        elif child.kind is Kind.SPREAD:
            param = _spanned(Kind.PARAM, child, role=child.role, flags=frozenset({"rest"}))
            param.text = _first_name(child)
            node.children[index] = param
        elif child.kind is Kind.ASSIGN:
            target = child.children[0] if child.children else None
            param = _spanned(Kind.PARAM, child, role=child.role, children=child.children[1:])
            param.text = target.text if target is not None else None
            node.children[index] = param
        elif child.kind is Kind.PARAM and child.text is None:
            for position, grandchild in enumerate(child.children):
                if grandchild.kind is Kind.NAME:
                    child.text = grandchild.text
                    del child.children[position]
                    break


def _first_name(node: IRNode) -> str | None:
    for inner in node.walk():
        if inner.kind is Kind.NAME:
            return inner.text
    return None


def receivers(node: IRNode, grammar: CompiledGrammar) -> None:
    """An explicit `self` parameter is dropped (the lowering already made every `self` a
    SELF); Go-style receiver names become SELF inside their method."""
    if any(c.kind is Kind.SELF and c.role == "params" for c in node.children):
        node.children = [
            c for c in node.children if not (c.kind is Kind.SELF and c.role == "params")
        ]
    receivers_here = [c for c in node.children if c.role == "receiver"]
    if not receivers_here:
        return
    names = {name for name in (_receiver_name(c) for c in receivers_here) if name}
    node.children = [c for c in node.children if c.role != "receiver"]
    for inner in _nodes(node):
        for index, child in enumerate(inner.children):
            if child.kind is Kind.NAME and child.text in names:
                inner.children[index] = _spanned(Kind.SELF, child, role=child.role)


def _receiver_name(param: IRNode) -> str | None:
    return param.text if param.kind is Kind.PARAM else _first_name(param)


def docstrings(node: IRNode, grammar: CompiledGrammar) -> None:
    """A bare string as the first statement of a module, class or function body is its DOC."""
    if node.kind is Kind.MODULE:
        holders = [node]
    else:
        holders = [c for c in node.children if c.kind is Kind.BLOCK and c.role == "body"]
    for holder in holders:
        if holder.children and holder.children[0].kind is Kind.LIT_STR:
            first = holder.children[0]
            holder.children[0] = _spanned(Kind.DOC, first, text=first.text, role=first.role)


def elif_chains(node: IRNode, grammar: CompiledGrammar) -> None:
    """`elif` clauses (siblings) become the nested `else if` shape other languages have."""
    branches = [child for child in node.children if child.role == "else"]
    if len(branches) < 2:
        return
    node.children = [child for child in node.children if child.role != "else"]
    tail = branches[-1]
    for branch in reversed(branches[:-1]):
        tail.role = "else"
        branch.children.append(tail)
        tail = branch
    tail.role = "else"
    node.children.append(tail)


def tail_returns(node: IRNode, grammar: CompiledGrammar) -> None:
    """Expression-bodied lambdas, and (where the language returns its last expression)
    functions ending in an expression, get an explicit RETURN."""
    implicit = bool(grammar.passes.get("implicit_return", False))
    bodies = [c for c in node.children if c.role == "body"]
    if len(bodies) != 1:
        return
    body = bodies[0]
    if _is_expression(body):  # `=> expr`, `fun f() = expr`, `lambda: expr`
        wrapped = _spanned(Kind.RETURN, body, role="body", children=[body])
        body.role = None
        node.children[node.children.index(body)] = wrapped
    elif implicit and body.kind is Kind.BLOCK and body.children:
        _return_last(body)


def _return_last(block: IRNode) -> None:
    """The last expression of a block returns; into the branches of a final if or match."""
    pending = [block]
    while pending:
        current = pending.pop()
        if not current.children:
            continue
        last = current.children[-1]
        if (last.kind is Kind.IF and last.op != "expr") or last.kind is Kind.SWITCH:
            pending.extend(c for c in last.children if c.kind is Kind.BLOCK)
            pending.extend(
                b
                for case in last.children
                if case.kind is Kind.CASE
                for b in case.children
                if b.kind is Kind.BLOCK
            )
            pending.extend(c for c in last.children if c.kind is Kind.IF and c.role == "else")
            continue
        if _is_expression(last) and not (last.kind is Kind.CALL and last.op == "print"):
            current.children[-1] = _spanned(Kind.RETURN, last, children=[last])


def blocks(node: IRNode, grammar: CompiledGrammar) -> None:
    """Bodies and branches are always BLOCKs (braceless `if (x) f();` included)."""
    if node.kind is Kind.IF and node.op == "expr":
        return
    rebuilt: list[IRNode] = []
    created: list[IRNode] = []
    open_block: IRNode | None = None
    for child in node.children:
        role = child.role
        wrap = (
            role in _BODY_ROLES
            and child.kind is not Kind.BLOCK
            and not (role == "else" and child.kind is Kind.IF)
            and not (node.kind is Kind.LAMBDA and child.kind is not Kind.RETURN)
        )
        if not wrap:
            open_block = None
            rebuilt.append(child)
            continue
        if open_block is None or open_block.role != role:
            open_block = _spanned(Kind.BLOCK, child, role=role)
            rebuilt.append(open_block)
            created.append(open_block)
        child.role = None
        open_block.children.append(child)
    node.children = rebuilt
    for block in created:  # new blocks missed the block-level passes: run them here
        updates(block, grammar)


def _dotted(node: IRNode) -> str | None:
    """`console.log` for MEMBER(NAME console, NAME log); None for anything else."""
    parts: list[str] = []
    while node.kind is Kind.MEMBER and len(node.children) == 2:
        prop = node.children[1]
        if prop.kind is not Kind.NAME:
            return None
        parts.append(prop.text or "")
        node = node.children[0]
    if node.kind is Kind.NAME:
        parts.append(node.text or "")
    elif node.kind is Kind.SELF:
        parts.append("self")
    else:
        return None
    return ".".join(reversed(parts))


def _idiom(entry: Any) -> tuple[str, bool]:
    if isinstance(entry, dict):
        return entry["to"], bool(entry.get("receiver_last", False))
    return entry, False


def idioms(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Library calls become CALL nodes with a canonical `op` and the receiver as first argument."""
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
            return _spanned(Kind.CALL, node, op=target, children=[node.children[0]])
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
    dotted = _dotted(callee)
    if dotted is not None and dotted in qualified:
        node.op, _ = _idiom(qualified[dotted])
        node.children = args
        return _empty_container(node)
    receiver, prop = callee.children
    if prop.kind is not Kind.NAME:
        return None
    if prop.text in adapters and not args:
        return receiver
    if prop.text in methods:
        node.op, receiver_last = _idiom(methods[prop.text])
        receiver.role = "args"
        node.children = [*args, receiver] if receiver_last else [receiver, *args]
    return None


_EMPTY_CONTAINERS = {
    "to_list": Kind.LIST,
    "to_dict": Kind.DICT,
    "to_set": Kind.SET,
    "to_string": Kind.LIT_STR,
}
"""a conversion of nothing is an empty literal: `Vec::new()`, `new ArrayList<>()`, `list()`"""


def _empty_container(call: IRNode) -> IRNode | None:
    kind = _EMPTY_CONTAINERS.get(call.op or "")
    if kind is Kind.LIST and "macro" in (call.flags or ()):
        return _spanned(Kind.LIST, call, children=call.children)  # Rust's `vec![a, b]`
    if kind is None or call.children:
        return None
    return _spanned(kind, call, text="" if kind is Kind.LIT_STR else None)


_PLACEHOLDER = re.compile(r"%[-+ #0]*\d*(?:\.\d+)?[sdifgxXvqwoecbtTp]|\{[^{}]*\}")
_FORMATTING_OPS = frozenset({"format", "print", "error"})
_OPERATOR_CALLS = {"eq": "EQ", "equals": "EQ", "ne": "NE"}
"""canonical call ops that are comparisons (Java's `a.equals(b)`)"""


def _as_template(literal: IRNode, values: list[IRNode]) -> IRNode | None:
    text = literal.text or ""
    if not _PLACEHOLDER.search(text):
        return None
    template = _PLACEHOLDER.sub("{}", text.replace("%%", "%").replace("{{", "{").replace("}}", "}"))
    for value in values:
        value.role = None
    return _spanned(Kind.STR_TEMPLATE, literal, text=template, children=values)


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
    return _spanned(Kind.STR_TEMPLATE, node, text="".join(text), role=node.role, children=holes)


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
        return _spanned(
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
        return _spanned(Kind.CALL, node, op="repeat", role=node.role, children=[text, count])
    return None


def _same_target(left: IRNode, right: IRNode) -> bool:
    if left.kind is not right.kind:
        return False
    if left.kind is Kind.NAME:
        return left.text == right.text
    if left.kind is Kind.SELF:
        return True
    if left.kind is Kind.MEMBER and len(left.children) == len(right.children) == 2:
        return _same_target(left.children[0], right.children[0]) and _same_target(
            left.children[1], right.children[1]
        )
    return False


def slices(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`s[a:b]` (Python), `s[a..b]` (Rust), `s[a:b]` (Go) and `s.slice(a, b)` (JavaScript,
    Java's `substring`) are all SLICE(s, a, b)."""
    if node.kind is Kind.CALL:
        if node.op != "slice" or not node.children:
            return None
        return _spanned(Kind.SLICE, node, role=node.role, children=list(node.children))
    if len(node.children) == 2 and node.children[1].kind in (Kind.SLICE, Kind.RANGE):
        subject, bounds = node.children
        return _spanned(Kind.SLICE, node, role=node.role, children=[subject, *bounds.children])
    return None


def drops(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Operators mapped to DROP vanish: Go's `&T{}` and `*p`, Rust's borrows and derefs.
    Casts vanish too: `x as u32`, `(int) x`, `value as Foo` have no counterpart in dynamically
    typed languages, where the same value flows without them."""
    if node.op == "DROP" and len(node.children) == 1:
        return node.children[0]
    if node.kind is Kind.CAST:
        values = [child for child in node.children if child.role == "value"] or node.children
        if len(values) == 1:
            return values[0]
    return None


_ZERO_TEXT = {Kind.LIT_INT: "0", Kind.LIT_STR: "", Kind.LIT_BOOL: "false"}


def zero_values(node: IRNode, grammar: CompiledGrammar) -> None:
    """A declaration without a value holds its type's zero value, which the grammar marks as
    `zero:<KIND>` (an op read from the type's name, or a flag from the type's form): Go's
    `var n int` is `n = 0` and `var xs []T` is `xs = []`, as other languages write them."""
    marks = [m for m in (node.op, *(node.flags or ())) if m and m.startswith("zero:")]
    if not marks:
        return
    if node.op in marks:
        node.op = None
    if node.flags:
        node.flags = frozenset(f for f in node.flags if f not in marks) or None
    if any(child.role == "value" for child in node.children):
        return
    kind = Kind[marks[0].removeprefix("zero:")]
    value = _spanned(kind, node, role="value", text=_ZERO_TEXT.get(kind))
    node.children.append(value)


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
    if owner.kind is not Kind.NAME or member.kind is not Kind.NAME:
        return None
    if not _is_type_name(owner.text or "") or not (member.text or "")[:1].isupper():
        return None
    return _spanned(Kind.NAME, node, text=member.text, role=node.role)


def records(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Constructing an object is building a record: `new Token(k, t)`, Python's and Kotlin's
    `Token(k, t)`, Rust's `Token::new(k, t)` and Ruby's `Token.new(k, t)` read as the record
    literal `{kind: k, text: t}` does (a DICT of the values), which is how TypeScript, Go and
    Rust spell the same construction. Which call spellings construct is grammar data: the
    `ctor` flag of `new` expressions, `capitalised_constructors` and `constructor_methods`."""
    if node.op is not None or not node.children or node.children[0].role not in ("callee", None):
        return None
    callee = node.children[0]
    constructs = "ctor" in (node.flags or ())
    if not constructs and callee.kind is Kind.NAME and callee.text:
        constructs = bool(grammar.passes.get("capitalised_constructors")) and (
            _is_type_name(callee.text)
        )
    if not constructs and callee.kind is Kind.MEMBER and len(callee.children) == 2:
        owner, method = callee.children
        constructs = (
            method.kind is Kind.NAME
            and method.text in grammar.passes.get("constructor_methods", ())
            and owner.kind is Kind.NAME
            and _is_type_name(owner.text or "")
        )
    if not constructs:
        return None
    return _spanned(Kind.DICT, node, role=node.role, children=node.children[1:])


def _is_type_name(text: str) -> bool:
    """`Token`, `HTTPError`: a capitalised name with a lower-case letter (not a CONSTANT)."""
    return text[:1].isupper() and any(c.islower() for c in text)


def _hoist_if_initialisers(block: IRNode) -> None:
    """`if v, err := f(); err != nil {...}` is the statement `v, err := f()` then the if;
    Rust's `if let Some(v) = m.get(k) {...}` and Python's `if (v := f()):` are the
    assignment, then a test of what it bound."""
    rebuilt: list[IRNode] = []
    for child in block.children:
        if child.kind is Kind.IF and child.op != "expr":
            test = child.children[0] if child.children else None
            if test is not None and test.kind is Kind.ASSIGN and test.role == "cond":
                targets = test.with_role("target")
                if len(targets) == 1 and targets[0].kind is Kind.NAME:
                    bound = targets[0].copy()
                    bound.role = "cond"
                    test.role = None
                    child.children[0] = bound
                    rebuilt.append(test)
            initialisers = [c for c in child.children if c.role == "init"]
            if initialisers:
                child.children = [c for c in child.children if c.role != "init"]
                for initialiser in initialisers:
                    initialiser.role = None
                rebuilt.extend(initialisers)
        rebuilt.append(child)
    block.children = rebuilt


def _discard_targets(assign: IRNode, discard: frozenset[str]) -> None:
    targets = [c for c in assign.children if c.role == "target"]
    if len(targets) > 1:
        kept = [
            c
            for c in assign.children
            if not (c.role == "target" and c.kind is Kind.NAME and c.text in discard)
        ]
        if any(c.role == "target" for c in kept):
            assign.children = kept


def _lookup_with_presence(assign: IRNode) -> None:
    """Go's `v, ok := m[k]` is the lookup `v = m[k]`, as `m.get(k)` reads elsewhere (the
    flag's later test stands where others test the value)."""
    targets = [c for c in assign.children if c.role == "target"]
    values = [c for c in assign.children if c.role != "target"]
    if len(targets) != 2 or len(values) != 1 or values[0].kind is not Kind.INDEX:
        return
    assign.children = [targets[0], values[0]]


def _append_by_index(assign: IRNode) -> IRNode | None:
    """Lua's `t[#t + 1] = x` is `append(t, x)`."""
    if len(assign.children) != 2 or assign.children[0].kind is not Kind.INDEX:
        return None
    target, value = assign.children
    if len(target.children) != 2:
        return None
    table, position = target.children
    if (
        position.kind is Kind.BINOP
        and position.op == "ADD"
        and len(position.children) == 2
        and position.children[0].kind is Kind.CALL
        and position.children[0].op == "len"
        and len(position.children[0].children) == 1
        and _same_target(position.children[0].children[0], table)
        and position.children[1].kind is Kind.LIT_INT
        and position.children[1].text == "1"
    ):
        table.role = value.role = None
        return _spanned(Kind.CALL, assign, op="append", role=assign.role, children=[table, value])
    return None


def updates(node: IRNode, grammar: CompiledGrammar) -> None:
    """Statement-level `x++` and `x = x + e` are `x += 1` and `x += e`, as in languages
    without increment operators; if-initialisers become statements of their own; discarded
    targets (`_`) leave multiple assignments; `t[#t + 1] = x` is an append."""
    _hoist_if_initialisers(node)
    discard = frozenset(grammar.passes.get("discard_names", ()))
    comma_ok = bool(grammar.passes.get("comma_ok", False))
    for index, child in enumerate(node.children):
        if child.kind is Kind.ASSIGN:
            if discard:
                _discard_targets(child, discard)
            if comma_ok:
                _lookup_with_presence(child)
            appended = _append_by_index(child)
            if appended is not None:
                node.children[index] = appended
                continue
        kids = child.children
        if child.kind is Kind.BINOP and (child.op or "").startswith("AUG_") and len(kids) == 2:
            # Scala's `count += 1` is an infix call of `+=` (`text_ops` "+=" = "AUG_ADD")
            child.kind, child.op = Kind.AUG_ASSIGN, child.op.removeprefix("AUG_")
            continue
        if child.kind is Kind.CALL and child.op == "set_item" and len(kids) == 3:
            # `m.set(k, v)`, `m.put(k, v)`, `m.insert(k, v)` as a statement: `m[k] = v`
            container, key, value = kids
            container.role, key.role, value.role = "obj", "index", "value"
            slot = _spanned(Kind.INDEX, child, role="target", children=[container, key])
            node.children[index] = _spanned(
                Kind.ASSIGN, child, role=child.role, children=[slot, value]
            )
            continue
        if child.kind is Kind.UNOP and child.op in ("INC", "DEC") and len(kids) == 1:
            one = _spanned(Kind.LIT_INT, child, text="1")
            op = "ADD" if child.op == "INC" else "SUB"
            node.children[index] = _spanned(
                Kind.AUG_ASSIGN, child, op=op, role=child.role, children=[kids[0], one]
            )
        elif (
            child.kind is Kind.ASSIGN
            and len(kids) == 2
            and kids[1].kind is Kind.CALL
            and kids[1].op == "append"
            and kids[1].children
            and _same_target(kids[0], kids[1].children[0])
        ):  # Go's `xs = append(xs, v)` is `xs.append(v)`
            call = kids[1]
            call.role = child.role
            node.children[index] = call
        elif child.kind is Kind.ASSIGN and len(kids) == 2 and kids[1].kind is Kind.BINOP:
            target, value = kids
            if (
                value.op in ("ADD", "SUB", "MUL", "DIV", "MOD", "BITOR", "BITAND", "CONCAT")
                and len(value.children) == 2
                and _same_target(target, value.children[0])
            ):
                child.kind = Kind.AUG_ASSIGN
                child.op = value.op
                child.children = [target, value.children[1]]


def precedence(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Repair operator trees that a grammar builds right-leaning whatever the precedence
    (tree-sitter-swift reads `a == b || c` as `a == (b || c)`): with the language's binding
    strengths in `[passes.precedence]`, `a OP1 b OP2 c` read as `a OP1 (b OP2 c)` becomes
    `(a OP1 b) OP2 c` when OP2 binds no tighter. Written parentheses are kept: an operand that
    ends before its operator node does was closed by a `)`."""
    strength = grammar.passes.get("precedence")
    if not strength:
        return None
    return _rotated(node, strength)


def _rotated(node: IRNode, strength: dict[str, int]) -> IRNode | None:
    if node.kind is not Kind.BINOP or len(node.children) != 2:
        return None
    right = node.children[1]
    if right.kind is not Kind.BINOP or len(right.children) != 2 or right.end_byte < node.end_byte:
        return None
    outer, inner = strength.get(node.op or ""), strength.get(right.op or "")
    if outer is None or inner is None or inner > outer:
        return None
    middle = right.children[0]
    middle_grouped = middle.start_byte > right.start_byte
    middle.role, right.role, node.role = node.children[1].role, node.role, "left"
    node.children[1] = middle
    node.end_byte, node.end_row, node.end_col = middle.end_byte, middle.end_row, middle.end_col
    right.start_byte, right.start_row, right.start_col = (
        node.start_byte,
        node.start_row,
        node.start_col,
    )
    right.children[0] = node if middle_grouped else (_rotated(node, strength) or node)
    return right


def membership(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`x in xs` is `contains(xs, x)`, as `xs.includes(x)` and `xs.contains(&x)` are; among a
    few literals, it is the `||` chain of equalities (see `canonical_calls`)."""
    if node.op not in ("IN", "NOT_IN") or len(node.children) != 2:
        return None
    needle, haystack = node.children
    call = _spanned(Kind.CALL, node, op="contains", children=[haystack, needle])
    test = canonical_calls(call, grammar) or call
    if node.op == "NOT_IN":
        negated = _spanned(Kind.UNOP, node, op="NOT", children=[test])
        test = _none_of(negated, test) or negated
    test.role = node.role
    return test


_LITERAL_ELEMENTS = frozenset({Kind.LIT_STR, Kind.LIT_INT, Kind.LIT_FLOAT, Kind.LIT_BOOL})
_MAX_ALTERNATIVES = 8
_TYPE_TESTS = frozenset({"isinstance", "is_list"})


def canonical_calls(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Library operations that other languages write with syntax read as that syntax.

    `m.get(k)` is `m[k]`; `del m[k]` and JS's `delete o[k]` are `remove(m, k)`;
    `"s".to_string()` is the literal; `o.unwrap_or(d)` is `o ?? d`; `s.charCodeAt(i)` is
    `s[i]` and `ord(c)`, `chr(n)` are their argument; a type test
    (`isinstance(x, str)`, `typeof x === "string"`, `x instanceof T`, `Array.isArray(x)`) is
    `isinstance(x)` whatever the type is spelled as; a test against a few literals
    (`c in "+-"`, `["a", "b"].includes(c)`, Rust's `matches!(c, 'a' | 'b')`) is the `||`
    chain of equalities that C-family code writes."""
    if node.kind is Kind.UNOP:
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
        return _spanned(Kind.INDEX, node, role=node.role, children=list(args))
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
    if node.op == "nullish" and len(args) == 2:
        return _spanned(Kind.BINOP, node, op="NULLISH", role=node.role, children=list(args))
    if node.op in _TYPE_TESTS and args:
        args[0].role = None
        return _spanned(Kind.CALL, node, op="isinstance", role=node.role, children=[args[0]])
    if node.op == "contains" and len(args) == 2:
        return _alternatives(node, args[1], _literal_alternatives(args[0]))
    if node.op == "matches" and len(args) >= 2:
        patterns = args[1:]
        if all(p.kind in _LITERAL_ELEMENTS for p in patterns):
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
        chain = _spanned(Kind.BINOP, node, op="AND", children=[chain, leaf])
    chain.role = node.role
    return chain


def _removal(node: IRNode, target: IRNode) -> IRNode | None:
    if target.kind not in (Kind.INDEX, Kind.MEMBER) or len(target.children) != 2:
        return None
    container, key = target.children
    container.role = key.role = "args"
    return _spanned(Kind.CALL, node, op="remove", role=node.role, children=[container, key])


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
    test = _spanned(Kind.CALL, node, op="isinstance", children=[subject])
    if negated:
        return _spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[test])
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
        return [_spanned(Kind.LIT_STR, haystack, text=char) for char in text]
    return None


def _alternatives(node: IRNode, subject: IRNode, choices: list[IRNode] | None) -> IRNode | None:
    if not choices:
        return None
    chain: IRNode | None = None
    for choice in choices:
        test = _spanned(
            Kind.BINOP,
            node,
            op="EQ",
            children=[subject.copy() if chain is not None else subject, choice],
        )
        chain = (
            test if chain is None else _spanned(Kind.BINOP, node, op="OR", children=[chain, test])
        )
    assert chain is not None
    for child in chain.walk():
        child.role = None
    chain.role = node.role
    return chain


def null_comparisons(node: IRNode, grammar: CompiledGrammar) -> None:
    """`x is None` is `x == null`; the null or boolean side goes to the right."""
    if len(node.children) != 2 or node.op not in ("IS", "IS_NOT", "EQ", "NE"):
        return
    left, right = node.children
    constant = (Kind.LIT_NULL, Kind.LIT_BOOL)
    if left.kind in constant and right.kind not in constant:
        node.children = [right, left]
        left, right = right, left
    if right.kind in constant and node.op in ("IS", "IS_NOT"):
        node.op = "EQ" if node.op == "IS" else "NE"


def _is_zero(node: IRNode) -> bool:
    return node.kind is Kind.LIT_INT and node.text == "0"


def _truth_test(node: IRNode) -> IRNode:
    """`x != null`, `x is not None`, `len(x) > 0`, `s != ""` as a condition are the truthiness
    of x; `x == null`, `len(x) == 0`, `s == ""` are its negation (languages and authors differ
    only in style)."""
    if node.kind is Kind.BINOP and len(node.children) == 2:
        left, right = node.children
        if node.op in ("AND", "OR"):
            node.children = [_truth_test(left), _truth_test(right)]
            return node
        length_check = (
            left.kind is Kind.CALL
            and left.op == "len"
            and len(left.children) == 1
            and _is_zero(right)
        )
        empty_check = length_check or (right.kind is Kind.LIT_STR and right.text == "")
        subject = left.children[0] if length_check else left
        if right.kind is Kind.LIT_NULL or empty_check:
            if node.op == "NE" or (length_check and node.op == "GT"):
                subject.role = node.role
                return subject
            if node.op == "EQ":
                subject.role = None
                return _spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[subject])
    if node.kind is Kind.CALL and node.op == "is_not_empty" and len(node.children) == 1:
        subject = node.children[0]
        subject.role = node.role
        return subject
    if node.kind is Kind.CALL and node.op == "is_empty" and len(node.children) == 1:
        subject = node.children[0]
        subject.role = None
        return _spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[subject])
    if node.kind is Kind.UNOP and node.op == "NOT" and len(node.children) == 1:
        node.children = [_truth_test(node.children[0])]
    return node


def _as_conditional_expression(node: IRNode) -> bool:
    """Rust's `let x = if c { a } else { b }`: an IF in value position whose branches are
    single expressions is the conditional expression `c ? a : b`."""
    if node.kind is not Kind.IF or node.op == "expr" or node.role != "value":
        return False
    branches = [c for c in node.children if c.kind is Kind.BLOCK]
    if len(branches) != 2 or len(node.children) != 3:
        return False
    if not all(len(b.children) == 1 and _is_expression(b.children[0]) for b in branches):
        return False
    node.op = "expr"
    node.children = [node.children[0], branches[0].children[0], branches[1].children[0]]
    for child in node.children:
        child.role = None
    return True


def conditions(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Canonical conditions: truthiness tests (see `_truth_test`) in if, loop and filter
    conditions, `x == null ? d : x` as `x ?? d`, and value-position if/else as `c ? a : b`."""
    _as_conditional_expression(node)
    if node.kind is Kind.IF and node.op == "expr" and len(node.children) == 3:
        test, then, other = node.children
        if (
            test.kind is Kind.BINOP
            and len(test.children) == 2
            and test.children[1].kind is Kind.LIT_NULL
        ):
            subject = test.children[0]
            if test.op == "EQ" and _same_target(subject, other):
                return _spanned(
                    Kind.BINOP, node, op="NULLISH", role=node.role, children=[subject, then]
                )
            if test.op == "NE" and _same_target(subject, then):
                return _spanned(
                    Kind.BINOP, node, op="NULLISH", role=node.role, children=[subject, other]
                )
    for index, child in enumerate(node.children):
        is_condition = (
            child.role == "cond"
            or (node.kind is Kind.COMP_IF)
            or (node.kind is Kind.IF and index == 0 and child.role is None)
        )
        if is_condition:
            node.children[index] = _truth_test(child)
    return None


def counting_loops(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`range(a, b)` is RANGE(a, b); `for (i = a; i < b; i++)` is a for-each over RANGE(a, b);
    endless loops are one form (see `_endless`)."""
    if node.kind is Kind.CALL:
        if node.op == "range" and 1 <= len(node.children) <= 3:
            bounds = list(node.children)
            if len(bounds) == 1:
                bounds.insert(0, _spanned(Kind.LIT_INT, node, text="0"))
            return _spanned(Kind.RANGE, node, role=node.role, children=bounds)
        return None
    if node.op == "classic":
        _classic_to_range(node)
    _endless(node)
    targets = [c for c in node.children if c.role == "target"]
    if len(targets) > 1 and targets[0].kind is Kind.NAME and targets[0].text == "_":
        node.children.remove(targets[0])  # `for _, x := range xs` iterates values
        iterable = node.child("iter")
        if (
            iterable is not None
            and iterable.kind is Kind.CALL
            and iterable.op == "enumerate"
            and len(iterable.children) == 1
        ):  # Lua's `for _, x in ipairs(t)`
            inner = iterable.children[0]
            inner.role = "iter"
            node.children[node.children.index(iterable)] = inner
    return None


def _endless(loop: IRNode) -> None:
    """`while True`, `for (;;)`, Go's bare `for` and Rust's `loop` are one endless loop; a
    do-while is the while loop of its condition (Python and Rust have no do-while, so a
    translation writes it as one)."""
    if loop.op == "do_while":
        loop.op = "while"
    if loop.op in ("each", "infinite"):
        return
    heads = [c for c in loop.children if c.kind is not Kind.BLOCK]
    if not heads or all(c.kind is Kind.LIT_BOOL and c.text == "true" for c in heads):
        loop.op = "infinite"
        loop.children = [c for c in loop.children if c.kind is Kind.BLOCK]


def _classic_to_range(loop: IRNode) -> None:
    init = loop.with_role("init")
    cond = loop.child("cond")
    update = loop.with_role("update")
    if len(init) != 1 or cond is None or len(update) != 1:
        return
    start = init[0]
    if (
        start.kind is not Kind.ASSIGN
        or len(start.children) != 2
        or start.children[0].kind is not Kind.NAME
    ):
        return
    variable = start.children[0].text
    if cond.kind is not Kind.BINOP or cond.op not in ("LT", "LE") or len(cond.children) != 2:
        return
    if cond.children[0].kind is not Kind.NAME or cond.children[0].text != variable:
        return
    step = _loop_step(update[0], variable)
    if step is None:
        return
    bounds = [start.children[1], cond.children[1]]
    if step.kind is not Kind.LIT_INT or step.text != "1":
        bounds.append(step)
    span_range = _spanned(
        Kind.RANGE,
        start,
        role="iter",
        children=bounds,
        flags=frozenset({"inclusive"}) if cond.op == "LE" else None,
    )
    target = start.children[0]
    target.role = "target"
    for bound in bounds:
        bound.role = None
    body = [c for c in loop.children if c.role not in ("init", "cond", "update")]
    loop.op = "each"
    loop.children = [target, span_range, *body]


def _loop_step(update: IRNode, variable: str | None) -> IRNode | None:
    kids = update.children
    if update.kind is Kind.UNOP and update.op == "INC" and kids and kids[0].text == variable:
        return _spanned(Kind.LIT_INT, update, text="1")
    if (
        update.kind is Kind.AUG_ASSIGN
        and update.op == "ADD"
        and len(kids) == 2
        and kids[0].text == variable
    ):
        return kids[1]
    return None


def comprehensions(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """map/filter chains, comprehensions and loops that build a list converge on one shape:
    COMPREHENSION(COMP_FOR(target, iter), COMP_IF(cond)*, body)."""
    if node.kind is Kind.COMPREHENSION:
        head = [c for c in node.children if c.kind in (Kind.COMP_FOR, Kind.COMP_IF)]
        rest = [c for c in node.children if c.kind not in (Kind.COMP_FOR, Kind.COMP_IF)]
        node.children = head + rest
        return None
    if node.kind is Kind.CALL:
        fused = _fuse_chain(node)
        if fused is not None:
            fused.role = node.role
        return fused
    _loops_building_lists(node)
    return None


def _lambda_parts(function: IRNode) -> tuple[IRNode | None, IRNode] | None:
    """(parameter, expression) of a one-parameter lambda whose body is one expression."""
    if function.kind is not Kind.LAMBDA:
        return None
    params = [c for c in function.children if c.kind is Kind.PARAM]
    body = [c for c in function.children if c.kind is not Kind.PARAM]
    if len(body) != 1:
        return None
    expression = body[0]
    if expression.kind is Kind.BLOCK and len(expression.children) == 1:
        expression = expression.children[0]
    if expression.kind is Kind.RETURN and len(expression.children) == 1:
        expression = expression.children[0]
    if not _is_expression(expression):
        return None
    return (params[0] if params else None), expression


def _fuse_chain(call: IRNode) -> IRNode | None:
    if call.kind is not Kind.CALL or call.op not in ("map", "filter") or len(call.children) != 2:
        return None
    source, function = call.children
    if source.kind is Kind.LAMBDA and function.kind is not Kind.LAMBDA:
        source, function = function, source
    parts = _lambda_parts(function)
    if parts is None:
        return None
    param, expression = parts
    expression.role = None
    if source.kind is Kind.COMPREHENSION and source.op == "list":
        comprehension = source
        previous_body = comprehension.children[-1] if comprehension.children else None
        if (
            call.op == "map"
            and previous_body is not None
            and previous_body.kind in (Kind.NAME, Kind.PARAM)
        ):
            comprehension.children[-1] = expression
            return comprehension
        if call.op == "filter" and previous_body is not None:
            comprehension.children.insert(
                len(comprehension.children) - 1,
                _spanned(Kind.COMP_IF, function, children=[expression]),
            )
            return comprehension
    target = _spanned(Kind.NAME, param if param is not None else function, role="target")
    target.text = param.text if param is not None else None
    source.role = "iter"
    head = _spanned(Kind.COMP_FOR, call, children=[target, source])
    if call.op == "map":
        children = [head, expression]
    else:
        condition = _spanned(Kind.COMP_IF, function, children=[expression])
        element = _spanned(Kind.NAME, target, text=target.text)
        children = [head, condition, element]
    return _spanned(Kind.COMPREHENSION, call, op="list", children=children)


def _loops_building_lists(block: IRNode) -> None:
    children = block.children
    index = 0
    while index + 1 < len(children):
        first, second = children[index], children[index + 1]
        fused = _loop_as_comprehension(first, second)
        if fused is not None:
            first.children[-1] = fused
            del children[index + 1]
        index += 1


def _loop_as_comprehension(assign: IRNode, loop: IRNode) -> IRNode | None:
    if assign.kind is not Kind.ASSIGN or len(assign.children) != 2 or loop.kind is not Kind.LOOP:
        return None
    target, value = assign.children
    if target.kind is not Kind.NAME or value.kind is not Kind.LIST or value.children:
        return None
    if loop.op != "each":
        return None
    loop_target, loop_iter = loop.child("target"), loop.child("iter")
    body = loop.child("body")
    if loop_target is None or loop_iter is None or body is None or len(body.children) != 1:
        return None
    statement = body.children[0]
    conditions: list[IRNode] = []
    if statement.kind is Kind.IF and statement.op != "expr":
        then = statement.child("then")
        if statement.child("else") is not None or then is None or len(then.children) != 1:
            return None
        cond = statement.child("cond") or statement.children[0]
        conditions.append(_spanned(Kind.COMP_IF, cond, children=[cond]))
        statement = then.children[0]
    if statement.kind is not Kind.CALL or statement.op != "append" or len(statement.children) != 2:
        return None
    receiver, element = statement.children
    if receiver.kind is not Kind.NAME or receiver.text != target.text:
        return None
    for node in (loop_target, loop_iter, element):
        node.role = None
    loop_target.role = "target"
    loop_iter.role = "iter"
    head = _spanned(Kind.COMP_FOR, loop, children=[loop_target, loop_iter])
    return _spanned(
        Kind.COMPREHENSION, loop, op="list", role="value", children=[head, *conditions, element]
    )


def error_propagation(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Go's `if err != nil { return ..., err }`, `return Err(e)`, re-raising catch blocks and
    error-constructor calls converge: PROPAGATE around the failing value, THROW for raising."""
    if node.kind is Kind.RETURN:
        thrown = _return_as_throw(node, frozenset(grammar.passes.get("error_returns", ())))
        error_names = frozenset(grammar.passes.get("error_names", ()))
        if thrown is None and error_names:
            thrown = _go_style_return(node, error_names)
        return thrown
    if node.kind is Kind.CALL:
        return _raise_call(node) if node.op == "raise" else None
    if node.kind is Kind.FUNC:
        _tail_raises(node, frozenset(grammar.passes.get("error_returns", ())))
        return None
    if node.kind is Kind.THROW:
        node.children = [_as_error(child) for child in node.children]
        return None
    error_names = frozenset(grammar.passes.get("error_names", ()))
    if error_names:
        _go_error_checks(node, error_names)
    _unwrap_rethrowing_try(node)
    if node.kind is Kind.MODULE:
        _error_helper_calls(node)
    return None


def _tail_raises(function: IRNode, raisers: frozenset[str]) -> None:
    """A function's implicit last-expression return (`tail_returns`) raises as an explicit
    `return Err(e)` does."""
    if not raisers:
        return
    for holder in _nodes(function):
        for index, child in enumerate(holder.children):
            if child.kind is Kind.RETURN:
                thrown = _return_as_throw(child, raisers)
                if thrown is not None:
                    holder.children[index] = thrown


def _error_helper_calls(module: IRNode) -> None:
    """Returning what an error-building helper builds is raising: with Rust's
    `fn err(m: &str) -> Result<T, E> { Err(Problem(m.into())) }` or Go's `func errorf(..)
    error { return fmt.Errorf(..) }` in the file, `return err(m)` and `return 0, errorf(..)`
    read THROW(CALL[error](m)), as `throw new Problem(m)` does where errors are thrown."""
    helpers = {
        unit.text
        for unit in module.walk()
        if unit.kind is Kind.FUNC and unit.text and _only_builds_an_error(unit)
    }
    if not helpers:
        return
    for holder in _nodes(module):
        for index, child in enumerate(holder.children):
            if child.kind is not Kind.RETURN or not child.children:
                continue
            value = child.children[-1]
            if not _calls_helper(value, helpers) or not _all_zero_values(child.children[:-1]):
                continue
            error = _spanned(Kind.CALL, value, op="error", children=value.children[1:])
            holder.children[index] = _spanned(Kind.THROW, child, role=child.role, children=[error])


def _only_builds_an_error(function: IRNode) -> bool:
    bodies = [c for c in function.children if c.kind is Kind.BLOCK]
    if len(bodies) != 1 or len(bodies[0].children) != 1:
        return False
    statement = bodies[0].children[0]
    if statement.kind is Kind.THROW:
        return True
    return (
        statement.kind is Kind.RETURN
        and len(statement.children) == 1
        and statement.children[0].kind is Kind.CALL
        and statement.children[0].op == "error"
    )


def _calls_helper(value: IRNode, helpers: set[str]) -> bool:
    if value.kind is not Kind.CALL or value.op is not None or not value.children:
        return False
    callee = value.children[0]
    if callee.kind is Kind.MEMBER and len(callee.children) == 2:
        if callee.children[0].kind is not Kind.SELF:
            return False
        callee = callee.children[1]
    return callee.kind is Kind.NAME and callee.text in helpers


def _as_error(value: IRNode) -> IRNode:
    """Whatever is constructed to be thrown is an error: `new ParseError(m)`,
    `EnvParseError(m)`, `fmt.Errorf(m)` and `ValueError(m)` all read CALL[error](m)."""
    if value.kind is Kind.CALL and value.op is None and value.children:
        value.op = "error"
        if value.children[0].role == "callee":
            value.children = value.children[1:]
    elif value.kind is Kind.DICT:  # Go's `&ParseError{Line: n, Msg: m}`
        fields = [
            pair.children[-1] if pair.kind is Kind.PAIR and pair.children else pair
            for pair in value.children
        ]
        return _spanned(Kind.CALL, value, op="error", role=value.role, children=fields)
    return value


def _raise_call(node: IRNode) -> IRNode:
    """Ruby's `raise ArgumentError, "msg"` (a call of `raise`) is THROW(error("msg")), and
    `raise ParseError.new(msg)` is the error it constructs."""
    args = list(node.children)
    if len(args) == 1 and args[0].kind in (Kind.CALL, Kind.DICT):
        error = _as_error(args[0])
        error.role = None
        return _spanned(Kind.THROW, node, role=node.role, children=[error])
    if len(args) > 1 and args[0].kind is Kind.NAME and (args[0].text or "")[:1].isupper():
        args = args[1:]
    error = _spanned(Kind.CALL, node, op="error", children=args)
    return _spanned(Kind.THROW, node, role=node.role, children=[error])


def _go_style_return(node: IRNode, error_names: frozenset[str]) -> IRNode | None:
    """With error results (Go): `return v, nil` returns v; `return nil, err` and
    `return nil, newError(...)` raise (the error slot is last, the rest are zero values)."""
    if len(node.children) < 2:
        return None
    last = node.children[-1]
    rest = node.children[:-1]
    if last.kind is Kind.LIT_NULL:
        node.children = rest
        return None
    raising = (last.kind is Kind.NAME and last.text in error_names) or last.kind in (
        Kind.CALL,
        Kind.DICT,
    )
    if raising and _all_zero_values(rest):
        last.role = None
        return _spanned(Kind.THROW, node, role=node.role, children=[_as_error(last)])
    return None


def _return_as_throw(node: IRNode, raisers: frozenset[str]) -> IRNode | None:
    if not node.children:
        return None
    value = node.children[-1]
    if value.kind is not Kind.CALL:
        return None
    raising = value.op == "error" or (
        value.op is None and bool(value.children) and value.children[0].text in raisers
    )
    if not raising or not (len(node.children) == 1 or _all_zero_values(node.children[:-1])):
        return None
    if value.op != "error":
        # `Err(e)`: what is thrown is the wrapped value; a held error is re-raised as is
        wrapped = value.children[1:]
        if len(wrapped) == 1 and wrapped[0].kind in (Kind.CALL, Kind.NAME, Kind.DICT):
            value = wrapped[0] if wrapped[0].kind is Kind.NAME else _as_error(wrapped[0])
        else:
            value.children = wrapped
            value.op = "error"
    return _spanned(Kind.THROW, node, role=node.role, children=[value])


def _all_zero_values(values: list[IRNode]) -> bool:
    return all(
        v.kind in (Kind.LIT_NULL, Kind.LIT_INT, Kind.LIT_STR, Kind.LIT_BOOL, Kind.DICT, Kind.LIST)
        for v in values
    )


def _go_error_checks(block: IRNode, error_names: frozenset[str]) -> None:
    children = block.children
    index = 0
    while index + 1 < len(children):
        assign, check = children[index], children[index + 1]
        if assign.kind is Kind.ASSIGN and _is_error_check(check, error_names):
            targets = [c for c in assign.children if c.role == "target"]
            values = [c for c in assign.children if c.role != "target"]
            remaining = [t for t in targets if not (t.kind is Kind.NAME and t.text in error_names)]
            if len(remaining) < len(targets) and len(values) == 1:
                wrapped = _spanned(Kind.PROPAGATE, values[0], children=[values[0]])
                wrapped.role = values[0].role
                values[0].role = None
                assign.children = [*remaining, wrapped]
                if not remaining:  # `err := check(x)`: the call is the statement
                    wrapped.role = assign.role
                    children[index] = wrapped
                del children[index + 1]
        index += 1


def _is_error_check(node: IRNode, error_names: frozenset[str]) -> bool:
    """`if err != nil { return ... }`; the condition may already read as the truthiness `err`."""
    if node.kind is not Kind.IF or node.child("else") is not None:
        return False
    cond = node.child("cond") or (node.children[0] if node.children else None)
    if cond is None:
        return False
    if cond.kind is Kind.BINOP and cond.op == "NE" and len(cond.children) == 2:
        subject, null = cond.children
        if null.kind is not Kind.LIT_NULL:
            return False
        cond = subject
    if cond.kind is not Kind.NAME or cond.text not in error_names:
        return False
    then = node.child("then")
    return (
        then is not None
        and len(then.children) == 1
        and then.children[0].kind in (Kind.RETURN, Kind.THROW)
    )


def _unwrap_rethrowing_try(block: IRNode) -> None:
    rebuilt: list[IRNode] = []
    for statement in block.children:
        if statement.kind is Kind.TRY and _only_rethrows(statement):
            body = statement.child("body")
            if body is not None:
                rebuilt.extend(body.children if body.kind is Kind.BLOCK else [body])
                continue
        rebuilt.append(statement)
    block.children = rebuilt


def _only_rethrows(try_node: IRNode) -> bool:
    catches = [c for c in try_node.children if c.kind is Kind.CATCH]
    if len(catches) != 1 or any(c.kind is Kind.FINALLY for c in try_node.children):
        return False
    statements = [s for c in catches[0].children if c.kind is Kind.BLOCK for s in c.children]
    return (
        len(statements) == 1
        and statements[0].kind is Kind.THROW
        and len(statements[0].children) <= 1
        and all(c.kind is Kind.NAME for c in statements[0].children)
    )


Pass = Callable[[IRNode, CompiledGrammar], "IRNode | None"]

# (name, the kinds it looks at, the rewrite). A rewrite may mutate its node in place or return
# a replacement, which takes the node's place in its parent and meets the passes after it.
PASSES: tuple[tuple[str, frozenset[Kind], Pass], ...] = (
    ("params", frozenset({Kind.FUNC, Kind.LAMBDA}), normalise_params),
    ("receivers", frozenset({Kind.FUNC}), receivers),
    ("docstrings", frozenset({Kind.MODULE, Kind.CLASS, Kind.FUNC}), docstrings),
    ("elif_chains", frozenset({Kind.IF}), elif_chains),
    ("tail_returns", frozenset({Kind.FUNC, Kind.LAMBDA}), tail_returns),
    ("blocks", _BODY_OWNERS, blocks),
    ("idioms", frozenset({Kind.CALL, Kind.MEMBER}), idioms),
    ("slices", frozenset({Kind.INDEX, Kind.CALL}), slices),
    ("drops", frozenset({Kind.UNOP, Kind.CAST}), drops),
    ("literal_types", frozenset({Kind.DICT}), literal_types),
    ("named_constants", frozenset({Kind.MEMBER}), named_constants),
    ("records", frozenset({Kind.CALL}), records),
    ("zero_values", frozenset({Kind.ASSIGN}), zero_values),
    ("string_formatting", frozenset({Kind.CALL, Kind.BINOP, Kind.STR_TEMPLATE}), string_formatting),
    ("updates", frozenset({Kind.BLOCK, Kind.MODULE}), updates),
    ("precedence", frozenset({Kind.BINOP}), precedence),
    ("membership", frozenset({Kind.BINOP}), membership),
    ("canonical_calls", frozenset({Kind.CALL, Kind.UNOP, Kind.BINOP}), canonical_calls),
    ("null_comparisons", frozenset({Kind.BINOP}), null_comparisons),
    ("counting_loops", frozenset({Kind.CALL, Kind.LOOP}), counting_loops),
    ("conditions", frozenset({Kind.IF, Kind.LOOP, Kind.COMP_IF}), conditions),
    (
        "comprehensions",
        frozenset({Kind.COMPREHENSION, Kind.CALL, Kind.BLOCK, Kind.MODULE}),
        comprehensions,
    ),
    (
        "error_propagation",
        frozenset({Kind.BLOCK, Kind.MODULE, Kind.RETURN, Kind.CALL, Kind.THROW, Kind.FUNC}),
        error_propagation,
    ),
)

_BY_KIND: dict[Kind, tuple[tuple[int, Pass], ...]] = {
    kind: tuple(
        (order, rewrite) for order, (_, kinds, rewrite) in enumerate(PASSES) if kind in kinds
    )
    for kind in Kind
}


def run_passes(root: IRNode, grammar: CompiledGrammar) -> IRNode:
    """Apply every pass to every node, children before parents, in one traversal."""
    stack: list[tuple[IRNode, IRNode | None, int, bool]] = [(root, None, 0, False)]
    by_kind = _BY_KIND
    while stack:
        node, parent, index, expanded = stack.pop()
        if not expanded:
            stack.append((node, parent, index, True))
            children = node.children
            for position in range(len(children) - 1, -1, -1):
                stack.append((children[position], node, position, False))
            continue
        next_order = 0
        current = node
        while True:
            replaced = False
            for order, rewrite in by_kind[current.kind]:
                if order < next_order:
                    continue
                next_order = order + 1
                role = current.role  # a pass may demote the node it replaces (`precedence`)
                result = rewrite(current, grammar)
                if result is not None and result is not current:
                    result.role = role
                    if parent is not None:
                        parent.children[index] = result
                    current = result
                    replaced = True
                    break
            if not replaced:
                break
    return root
