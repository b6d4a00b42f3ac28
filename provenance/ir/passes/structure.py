"""Passes that give every language the same skeleton: parameters, receivers, docstrings,
`elif` chains, implicit returns, braceless bodies, field initialisers in the constructor,
functions assigned to names as named functions, and switch cases without their `break`."""

from __future__ import annotations

from collections.abc import Collection

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.statements import unwrapping_return, updates
from provenance.ir.passes.tree import BODY_ROLES, dotted_name, is_expression, preorder, spanned
from provenance.ir.table import CompiledGrammar


def normalise_params(node: IRNode, grammar: CompiledGrammar) -> None:
    """Bare names, splats and typed parameters in a parameter list all become PARAM nodes."""
    for index, child in enumerate(node.children):
        if child.role not in ("params", "receiver"):
            continue
        if child.kind is Kind.NAME:
            node.children[index] = spanned(Kind.PARAM, child, text=child.text, role=child.role)
        elif child.kind is Kind.SPREAD:
            param = spanned(Kind.PARAM, child, role=child.role, flags=frozenset({"rest"}))
            param.text = _first_name(child)
            node.children[index] = param
        elif child.kind is Kind.ASSIGN:
            target = child.children[0] if child.children else None
            param = spanned(Kind.PARAM, child, role=child.role, children=child.children[1:])
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
    SELF); Go-style receiver names and JavaScript's `const self = this` become SELF inside
    their method."""
    if any(c.kind is Kind.SELF and c.role == "params" for c in node.children):
        node.children = [
            c for c in node.children if not (c.kind is Kind.SELF and c.role == "params")
        ]
    receivers_here = [c for c in node.children if c.role == "receiver"]
    if grammar.passes.get("first_parameter_receiver"):
        receivers_here += _struct_receiver(node)
    names = {name for name in (_receiver_name(c) for c in receivers_here) if name}
    names |= _aliases_of_self(node, grammar.passes.get("parent_constructor_calls", ()))
    if not names:
        return
    node.children = [c for c in node.children if c.role != "receiver" and c not in receivers_here]
    for inner in preorder(node):
        for index, child in enumerate(inner.children):
            if child.kind is Kind.NAME and child.text in names:
                inner.children[index] = spanned(Kind.SELF, child, role=child.role)


def _struct_receiver(function: IRNode) -> list[IRNode]:
    """C's object is the struct its functions take first: in `void reset(parser *p)`, a
    first parameter whose fields the body reads or writes (`p->pos = 0`) is the receiver
    that a method of a class gets as `self`, if the body uses it only that way or passes it
    on (`flush(p)`); one the body tests (`if (p == NULL)`) is data."""
    if function.kind is not Kind.FUNC:
        return []
    params = [c for c in function.children if c.kind is Kind.PARAM]
    body = function.child("body")
    if not params or not params[0].text or body is None:
        return []
    name = params[0].text
    fields = False
    for node in preorder(body):
        for index, child in enumerate(node.children):
            if child.kind is not Kind.NAME or child.text != name:
                continue
            if node.kind is Kind.MEMBER and index == 0:
                fields = True
            elif node.kind is not Kind.CALL or child.role == "callee":
                return []  # tested, assigned or computed with: a value, not the receiver
    return [params[0]] if fields else []


def _aliases_of_self(function: IRNode, parent_calls: Collection[str]) -> set[str]:
    """Names bound once to `this` at the top of a body (JavaScript's `const self = this`,
    kept for closures): the binding leaves and the name reads as SELF. A constructor compiled
    to ES5 binds its `this` to what the parent constructor returns (`var _this =
    _super.call(this, a) || this; ..; return _this;`, with the grammar's
    `parent_constructor_calls`): that is the parent's constructor call and then the object
    under construction, as `super(a)` in the source is."""
    body = function.child("body")
    if body is None or body.kind is not Kind.BLOCK:
        return set()
    aliases: dict[str | None, IRNode] = {}
    constructed: set[str | None] = set()
    for statement in body.children:
        if (
            statement.kind is not Kind.ASSIGN
            or len(statement.children) != 2
            or statement.children[0].kind is not Kind.NAME
        ):
            continue
        name, value = statement.children[0].text, statement.children[1]
        if value.kind is Kind.SELF:
            aliases[name] = statement
        elif parent_calls and _parent_constructed(value, parent_calls):
            aliases[name] = statement
            constructed.add(name)
    if not aliases:
        return set()
    for inner in preorder(body):
        if inner.kind in (Kind.ASSIGN, Kind.AUG_ASSIGN) and inner not in aliases.values():
            for target in inner.with_role("target"):
                if target.kind is Kind.NAME:
                    aliases.pop(target.text or "", None)  # rebound: not an alias
    kept: list[IRNode] = []
    for statement in body.children:
        name = statement.children[0].text if statement.children else None
        if statement not in aliases.values():
            kept.append(statement)
        elif name in constructed:
            parent_call = statement.children[1].children[0]
            parent_call.role = None
            kept.append(parent_call)
    last = kept[-1] if kept else None
    if (
        last is not None
        and last.kind is Kind.RETURN
        and len(last.children) == 1
        and last.children[0].kind is Kind.NAME
        and last.children[0].text in constructed & aliases.keys()
    ):
        kept.pop()  # the compiled constructor returns the object it built
    body.children = kept
    return {name for name in aliases if name}


def _parent_constructed(value: IRNode, parent_calls: Collection[str]) -> bool:
    """`_super.call(this, a) || this` (or `.apply(this, arguments)`): the object a compiled
    ES5 constructor builds."""
    if value.kind is not Kind.BINOP or value.op != "OR" or len(value.children) != 2:
        return False
    call, fallback = value.children
    if call.kind is not Kind.CALL or fallback.kind is not Kind.SELF or len(call.children) < 2:
        return False
    callee, first = call.children[0], call.children[1]
    return (
        callee.kind is Kind.MEMBER
        and len(callee.children) == 2
        and callee.children[1].text in parent_calls
        and first.kind is Kind.SELF
    )


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
            holder.children[0] = spanned(Kind.DOC, first, text=first.text, role=first.role)


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
    if is_expression(body):  # `=> expr`, `fun f() = expr`, `lambda: expr`
        wrapped = spanned(Kind.RETURN, body, role="body", children=[body])
        body.role = None
        node.children[node.children.index(body)] = wrapped
    elif body.kind is Kind.SWITCH or (body.kind is Kind.IF and body.op != "expr"):
        # `fun f(op) = when (op) {..}`: each branch's value is returned
        block = spanned(Kind.BLOCK, body, role="body", children=[body])
        body.role = None
        node.children[node.children.index(body)] = block
        _return_last(block)
        body = block
    elif implicit and body.kind is Kind.BLOCK and body.children and _returns_a_value(node, grammar):
        _return_last(body)
    if node.kind is Kind.FUNC and body.kind is Kind.BLOCK and body.children:
        last = body.children[-1]
        if last.kind is Kind.RETURN and not last.children:
            body.children.pop()  # a bare `return` ending a function changes nothing


def _returns_a_value(function: IRNode, grammar: CompiledGrammar) -> bool:
    """Where the grammar flags a declared return type (`declared_returns`: Rust's `-> T`), a
    function without one returns nothing, so `fn add(&mut self, x: T) { self.xs.push(x); }`
    ends in a statement; closures return their last expression either way."""
    if function.kind is not Kind.FUNC or not grammar.passes.get("declared_returns"):
        return True
    return "returns" in (function.flags or ())


def unit_returns(node: IRNode, grammar: CompiledGrammar) -> None:
    """Returning nothing is one form: Rust's `return Ok(())` (the grammar flags unit `()`) is
    the bare `return` other languages write."""
    if len(node.children) == 1 and _is_unit(node.children[0]):
        node.children = []


def returned_branches(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`return when (x) {..}` and `return match x {..}` return from each branch, as a
    switch whose cases return does."""
    if len(node.children) != 1:
        return None
    value = node.children[0]
    if value.kind is not Kind.SWITCH and not (value.kind is Kind.IF and value.op != "expr"):
        return None
    value.role = node.role
    _return_last(spanned(Kind.BLOCK, value, children=[value]))
    return value


def _is_unit(node: IRNode) -> bool:
    return node.kind is Kind.LIT_NULL and "unit" in (node.flags or ())


_EFFECT_OPS = frozenset(
    {"print", "append", "extend", "insert", "remove", "clear", "set_item", "push_front"}
)
"""calls made for their effect: ending a Ruby or Scala method with `@items << x` or
`items.append(x)` returns nothing anyone reads, as the port's `this.items.push(x)` does not"""


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
            pending.extend(  # `else if`, or the rest of an if-chain read as a switch
                spanned(Kind.BLOCK, branch, children=[branch])
                for branch in last.children
                if branch.role == "else"
                and (branch.kind is Kind.SWITCH or (branch.kind is Kind.IF and branch.op != "expr"))
            )
            continue
        if is_expression(last) and not (last.kind is Kind.CALL and last.op in _EFFECT_OPS):
            value = [] if _is_unit(last) else [last]  # Rust's tail `Ok(())` returns nothing
            returned = spanned(Kind.RETURN, last, children=value)
            current.children[-1:] = unwrapping_return(returned) or [returned]


def blocks(node: IRNode, grammar: CompiledGrammar) -> None:
    """Bodies and branches are always BLOCKs (braceless `if (x) f();` included), except an
    `else if`: `else { if (..) {..} }` is one too, as Scala writes every `else if`."""
    if node.kind is Kind.IF and node.op == "expr":
        return
    if node.kind is Kind.IF:
        _else_if(node)
    rebuilt: list[IRNode] = []
    created: list[IRNode] = []
    open_block: IRNode | None = None
    for child in node.children:
        role = child.role
        wrap = (
            role in BODY_ROLES
            and child.kind is not Kind.BLOCK
            and not (role == "else" and child.kind in (Kind.IF, Kind.SWITCH))
            and not (node.kind is Kind.LAMBDA and child.kind is not Kind.RETURN)
        )
        if not wrap:
            open_block = None
            rebuilt.append(child)
            continue
        if open_block is None or open_block.role != role:
            open_block = spanned(Kind.BLOCK, child, role=role)
            rebuilt.append(open_block)
            created.append(open_block)
        child.role = None
        open_block.children.append(child)
    node.children = rebuilt
    for block in created:  # new blocks missed the block-level passes: run them here
        updates(block, grammar)


def _else_if(node: IRNode) -> None:
    other = node.child("else")
    if other is None or other.kind is not Kind.BLOCK or len(other.children) != 1:
        return
    inner = other.children[0]
    if inner.kind is Kind.SWITCH or (inner.kind is Kind.IF and inner.op != "expr"):
        inner.role = "else"
        node.children[node.children.index(other)] = inner


def field_initialisers(node: IRNode, grammar: CompiledGrammar) -> None:
    """Instance fields initialised in a class body (`private count = 0;`) are assignments at
    the start of the constructor (`this.count = 0`), where languages without field
    initialisers write them (Python's `__init__`, Go's constructor function). A class without
    a constructor gets one. Static fields and initialisers holding functions stay."""
    name = grammar.passes.get("constructor")
    if not name:
        return
    moved: list[IRNode] = []
    for field in node.children:
        if field.kind is not Kind.FIELD or not field.text or "static" in (field.flags or ()):
            continue
        values = field.with_role("value")
        if len(values) != 1 or any(
            inner.kind in (Kind.LAMBDA, Kind.FUNC, Kind.CLASS) for inner in values[0].walk()
        ):
            continue
        value = values[0]
        field.children.remove(value)
        target = spanned(
            Kind.MEMBER,
            field,
            role="target",
            children=[
                spanned(Kind.SELF, field, role="obj"),
                spanned(Kind.NAME, field, text=field.text, role="prop"),
            ],
        )
        moved.append(spanned(Kind.ASSIGN, field, children=[target, value]))
    if not moved:
        return
    constructor = next((c for c in node.children if c.kind is Kind.FUNC and c.text == name), None)
    if constructor is None:
        constructor = spanned(Kind.FUNC, moved[0], text=name, role="body")
        constructor.children.append(spanned(Kind.BLOCK, moved[0], role="body"))
        position = node.children.index(next(c for c in node.children if c.kind is Kind.FIELD))
        node.children.insert(position, constructor)
    first, last = moved[0], moved[-1]
    if first.start_byte < constructor.start_byte:  # the unit's lines cover its initialisers
        constructor.start_byte, constructor.start_row, constructor.start_col = (
            first.start_byte,
            first.start_row,
            first.start_col,
        )
    if last.end_byte > constructor.end_byte:
        constructor.end_byte, constructor.end_row, constructor.end_col = (
            last.end_byte,
            last.end_row,
            last.end_col,
        )
    body = next((c for c in constructor.children if c.kind is Kind.BLOCK), None)
    if body is None:
        body = spanned(Kind.BLOCK, constructor, role="body")
        constructor.children.append(body)
    body.children[0:0] = moved


def case_breaks(node: IRNode, grammar: CompiledGrammar) -> None:
    """The `break` that ends a C-family switch case is syntax: Go, Rust, Kotlin and Python's
    if-chains have no fall-through to stop. Where a case cannot fall through, a `break` ending
    it leaves the enclosing loop (Rust's match arm, `case_break_leaves_loop`) and stays."""
    if grammar.passes.get("case_break_leaves_loop"):
        return
    for block in node.children:
        if (
            block.kind is Kind.BLOCK
            and block.children
            and block.children[-1].kind is Kind.BREAK
            and not block.children[-1].children
        ):
            block.children.pop()


def named_functions(node: IRNode, grammar: CompiledGrammar) -> None:
    """A function value assigned to a name as a statement is a named function:
    `Ruler.prototype.at = function (name) {..}` is the method `Ruler.at`, and
    `export const parse = (s) => ..` the function `parse`, as `function parse(s)` and
    `def parse(s)` are. Callbacks passed as arguments stay lambdas."""
    skipped = frozenset(grammar.passes.get("skipped_name_segments", ()))
    for index, child in enumerate(node.children):
        if child.kind is not Kind.ASSIGN or len(child.children) != 2:
            continue
        target, value = child.children
        if value.kind is not Kind.LAMBDA or target.role != "target":
            continue
        name = function_name(target, skipped)
        if name is None:
            continue
        function = spanned(Kind.FUNC, child, text=name, role=child.role)
        function.children = value.children
        node.children[index] = function


def function_name(target: IRNode, skipped: frozenset[str]) -> str | None:
    """`parse`, `Ruler.at` (for `Ruler.prototype.at`, `prototype` being a skipped segment),
    `this.handler` as `handler`; None for a computed target."""
    dotted = dotted_name(target)
    if dotted is None:
        return None
    parts = [part for part in dotted.split(".") if part not in skipped]
    if target.kind is Kind.MEMBER and dotted.startswith("self."):
        parts = parts[1:]
    return ".".join(parts) or None
