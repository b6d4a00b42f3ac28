"""Statement-level passes: zero values of declarations, updates written in several ways
(`x++`, `x = x + 1`, `m.set(k, v)`), if-initialisers, C-style loops as while loops, statements
without behaviour (logging, declarations without a value), and operator precedence repair."""

from __future__ import annotations

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.conditions import truth_test
from provenance.ir.passes.tree import (
    is_expression,
    length_offset,
    negated,
    same_target,
    spanned,
)
from provenance.ir.table import CompiledGrammar

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
    value = spanned(kind, node, role="value", text=_ZERO_TEXT.get(kind))
    node.children.append(value)


def parallel_targets(node: IRNode, grammar: CompiledGrammar) -> None:
    """Several targets are written as a tuple (`a, b = f()`, `for k, v in ..`, Rust's
    `let (a, b)`) or as a list of names (Go's `a, b := f()`, JavaScript's `[a, b] = ..`):
    one form, the names side by side; `a, b = [b, a]` assigns the two values side by side."""
    if any(_is_tuple_target(child) for child in node.children):
        flattened: list[IRNode] = []
        for child in node.children:
            if _is_tuple_target(child):
                for name in child.children:
                    name.role = "target"
                flattened.extend(child.children)
            else:
                flattened.append(child)
        node.children = flattened
    if node.kind is not Kind.ASSIGN or len(node.children) < 3:
        return  # one target: nothing to pair
    targets = [c for c in node.children if c.role == "target"]
    values = [c for c in node.children if c.role != "target"]
    if (
        len(targets) > 1
        and len(values) == 1
        and values[0].kind in (Kind.TUPLE, Kind.LIST)
        and len(values[0].children) == len(targets)
    ):
        for value in values[0].children:
            value.role = "value"
        node.children = [*targets, *values[0].children]


def _is_tuple_target(node: IRNode) -> bool:
    return node.role == "target" and node.kind in (Kind.TUPLE, Kind.LIST) and bool(node.children)


def _hoist_if_initialisers(block: IRNode) -> None:
    """`if v, err := f(); err != nil {...}` is the statement `v, err := f()` then the if;
    Rust's `if let Some(v) = m.get(k) {...}` and Python's `if (v := f()):` are the
    assignment, then a test of what it bound."""
    rebuilt: list[IRNode] = []
    for child in block.children:
        if child.kind is Kind.IF and child.op != "expr" and child.child("bound") is not None:
            rebuilt += _optional_bindings(child)
        if child.kind is Kind.IF and child.op != "expr" and child.children:
            holder, test = child, child.children[0]
            while test.kind is Kind.BINOP and test.op == "AND" and test.children:
                holder, test = test, test.children[0]  # `if let` joined with an inner if
            binds = test.kind is Kind.ASSIGN and (test.role == "cond" or holder is not child)
            targets = test.with_role("target") if binds else []  # not Go's `init` statement
            if len(targets) == 1 and targets[0].kind is Kind.NAME:
                bound = targets[0].copy()
                bound.role = test.role
                test.role = None
                holder.children[0] = bound
                rebuilt.append(test)
            initialisers = [c for c in child.children if c.role == "init"]
            if initialisers:
                child.children = [c for c in child.children if c.role != "init"]
                for initialiser in initialisers:
                    initialiser.role = None
                rebuilt.extend(initialisers)
        rebuilt.append(child)
    block.children = rebuilt


def _optional_bindings(branch: IRNode) -> list[IRNode]:
    """Swift's `if let v = m[k], v > 0 {..}` binds, then tests: the assignments `v = m[k]`
    (returned, to stand before the if) and the test `v && v > 0`, as Rust's `if let` and
    TypeScript's `const v = m.get(k); if (v !== undefined ..)` read."""
    assignments: list[IRNode] = []
    tests: list[IRNode] = []
    bound: IRNode | None = None
    rest: list[IRNode] = []
    for child in branch.children:
        if child.role == "bound":
            bound = child
        elif child.role == "cond" and bound is not None:
            target, bound = bound, None
            target.role, child.role = "target", "value"
            assignments.append(spanned(Kind.ASSIGN, target, children=[target, child]))
            test = target.copy()
            test.role = None
            tests.append(test)
        elif child.role == "cond":
            child.role = None
            tests.append(child)
        else:
            rest.append(child)
    if not tests:
        return []  # nothing bound: the if stays as it is
    condition = tests[0]
    for more in tests[1:]:
        condition = spanned(Kind.BINOP, condition, op="AND", children=[condition, more])
    condition.role = "cond"
    branch.children = [condition, *rest]
    return assignments


_EXITS = frozenset({Kind.RETURN, Kind.THROW, Kind.BREAK, Kind.CONTINUE})


def _unwrap_or_exit(block: IRNode, failures: frozenset[str]) -> None:
    """Taking an optional value apart or leaving is the assignment, then a test of what it
    bound: Rust's `let k = match f() { Some(k) => k, None => return }` (or `Ok(k) => k,
    Err(_) => return ..`) and `let Some(k) = f() else { return }`, Swift's
    `guard let k = f() else { return }`, Kotlin's `val k = f() ?: return` and C#'s
    `k = f() ?? throw ..` are `k = f(); if (!k) return`, as languages with null write it.
    When the present case computes from what it bound (`Some(i) => pos + i`), the bound name
    takes the value and the computation follows the test: `i = f(); if (!i) break;
    open = pos + i`."""
    if not any(
        child.kind in (Kind.ASSIGN, Kind.RETURN)
        and child.children
        and child.children[-1].kind in (Kind.BLOCK, Kind.BINOP, Kind.SWITCH, Kind.PROPAGATE)
        for child in block.children
    ):
        return  # no assignment ends in an else block, a `?:` or a match
    rebuilt: list[IRNode] = []
    for child in block.children:
        if child.kind is Kind.RETURN:
            rebuilt += unwrapping_return(child) or [child]
            continue
        split = _exit_branch(child, failures) if child.kind is Kind.ASSIGN else None
        if split is None:
            rebuilt.append(child)
            continue
        target, value, exits, computed = split
        value.role = "value"
        after: list[IRNode] = []
        if computed is not None:  # `Some(i) => pos + i`: `i` is what the test is about
            bound_name, expression = computed
            target.role, expression.role = "target", "value"
            after.append(spanned(Kind.ASSIGN, child, children=[target, expression]))
            target = spanned(Kind.NAME, bound_name, text=bound_name.text, role="target")
        child.children, child.op = [target, value], None  # Swift's guard-let carries op `guard`
        bound = target.copy()
        bound.role = None
        test = spanned(Kind.UNOP, target, op="NOT", role="cond", children=[bound])
        then = spanned(Kind.BLOCK, exits[0], role="then", children=exits)
        for statement in exits:
            statement.role = None
        rebuilt += [child, spanned(Kind.IF, child, children=[test, then]), *after]
    block.children = rebuilt


_Computed = tuple[IRNode, IRNode]
"""(the name a case binds, the expression it yields from it)"""


def _exit_branch(
    assign: IRNode, failures: frozenset[str]
) -> tuple[IRNode, IRNode, list[IRNode], _Computed | None] | None:
    """(target, unwrapped value, exit statements, computed yield or None) when `assign`
    unwraps or leaves."""
    targets = assign.with_role("target")
    if len(targets) != 1 or targets[0].kind is not Kind.NAME:
        return None
    target, others = targets[0], [c for c in assign.children if c.role != "target"]
    if len(others) == 2 and others[1].kind is Kind.BLOCK and _exits(others[1].children):
        return target, others[0], others[1].children, None  # let-else, guard-let
    if len(others) != 1:
        return None
    value = _or_exit(others[0])
    if value is not None:
        return target, value.children[0], [value.children[1]], None  # `?: return`, `?? throw`
    value = others[0]
    if value.kind is not Kind.SWITCH or len(value.children) != 3:
        return None
    subject, *cases = value.children
    absent = [c for c in cases if _absent(c, failures)]
    present = [c for c in cases if c not in absent]
    if len(absent) != 1 or len(present) != 1:
        return None
    exits = [c for c in absent[0].children if c.kind is Kind.BLOCK]
    if len(exits) != 1 or not _exits(exits[0].children):
        return None
    if _unwraps(present[0]):
        return target, subject, exits[0].children, None
    computed = _computes(present[0])
    return (target, subject, exits[0].children, computed) if computed is not None else None


def _absent(case: IRNode, failures: frozenset[str]) -> bool:
    """`None =>`, or a failure pattern (`Err(_) =>`; the grammar's `error_returns`)."""
    values = case.with_role("value")
    if len(values) != 1:
        return False
    pattern = values[0]
    if pattern.kind is Kind.LIT_NULL:
        return True
    return (
        pattern.kind is Kind.CALL
        and bool(pattern.children)
        and pattern.children[0].kind is Kind.NAME
        and pattern.children[0].text in failures
    )


def _computes(case: IRNode) -> _Computed | None:
    """`Some(i) => pos + i`: the case binds a name and yields one expression using it."""
    values = case.with_role("value")
    bodies = [c for c in case.children if c.kind is Kind.BLOCK]
    if len(values) != 1 or values[0].kind is not Kind.NAME or len(bodies) != 1:
        return None
    body = bodies[0].children
    if len(body) != 1 or not is_expression(body[0]) or body[0].kind in _EXITS:
        return None
    name = values[0].text
    if not any(n.kind is Kind.NAME and n.text == name for n in body[0].walk()):
        return None
    return values[0], body[0]


def unwrapping_return(statement: IRNode) -> list[IRNode] | None:
    """`return o ?: throw e` (Rust's `o.ok_or(e)`) is `v = o; if (!v) throw e; return v`,
    the three statements languages with null write; None for any other return."""
    value = _or_exit(statement.children[0]) if len(statement.children) == 1 else None
    if value is None:
        return None
    subject, leave = value.children
    subject.role = "value"
    target = spanned(Kind.NAME, subject, text="value", role="target")
    assign = spanned(Kind.ASSIGN, statement, role=statement.role, children=[target, subject])
    test = spanned(Kind.UNOP, subject, op="NOT", role="cond", children=[target.copy()])
    test.children[0].role = None
    leave.role = None
    then = spanned(Kind.BLOCK, leave, role="then", children=[leave])
    result = target.copy()
    result.role = None
    return [
        assign,
        spanned(Kind.IF, statement, children=[test, then]),
        spanned(Kind.RETURN, statement, children=[result]),
    ]


def _or_exit(value: IRNode) -> IRNode | None:
    """The `o ?? exit` in `value` (seen through Rust's `?`), or None."""
    if value.kind is Kind.PROPAGATE and len(value.children) == 1:
        value = value.children[0]
    if (
        value.kind is Kind.BINOP
        and value.op == "NULLISH"
        and len(value.children) == 2
        and value.children[1].kind in _EXITS
    ):
        return value
    return None


def _exits(statements: list[IRNode]) -> bool:
    return bool(statements) and statements[-1].kind in _EXITS


def _unwraps(case: IRNode) -> bool:
    """`Some(v) => v`: the case binds a name and yields it unchanged."""
    values = case.with_role("value")
    bodies = [c for c in case.children if c.kind is Kind.BLOCK]
    if len(values) != 1 or values[0].kind is not Kind.NAME or len(bodies) != 1:
        return False
    body = bodies[0].children
    return len(body) == 1 and body[0].kind is Kind.NAME and body[0].text == values[0].text


def _assigning_conditions(block: IRNode) -> None:
    """`while ((event = walker.next()))` and Rust's `while let Some(ch) = s.current()` bind,
    then test: the loop Python writes as `event = walker.next()`, `while event:` and, at the
    end of the body, `event = walker.next()` again."""
    if not any(_assigning_loop(child) for child in block.children):
        return
    rebuilt: list[IRNode] = []
    for child in block.children:
        if not _assigning_loop(child):
            rebuilt.append(child)
            continue
        index = next(i for i, c in enumerate(child.children) if c.role == "cond")
        assign = child.children[index]
        target = assign.children[0]
        body = child.child("body")
        again = assign.copy()
        again.role = None
        if body is not None:
            body.children.append(again)
        test = target.copy()
        test.role = "cond"
        child.children[index] = test
        assign.role = child.role
        rebuilt += [assign, child]
    block.children = rebuilt


def _assigning_loop(statement: IRNode) -> bool:
    if statement.kind is not Kind.LOOP or statement.op != "while":
        return False
    condition = statement.child("cond")
    return (
        condition is not None
        and condition.kind is Kind.ASSIGN
        and len(condition.children) == 2
        and condition.children[0].kind is Kind.NAME
    )


_NO_EFFECT_CALLS = frozenset({"logging", "sync"})
"""instrumentation, and locking (which single-threaded code never writes)"""


def _no_effect(statement: IRNode) -> bool:
    if statement.kind is Kind.CALL:
        return statement.op in _NO_EFFECT_CALLS
    if statement.kind is Kind.FINALLY:  # Go's `defer mu.Unlock()`
        return all(_no_effect(child) for child in statement.children)
    return (
        statement.kind is Kind.ASSIGN
        and bool(statement.children)
        and all(c.role == "target" and c.kind is Kind.NAME for c in statement.children)
    )


def _classic_loops_as_while(block: IRNode) -> None:
    """A C-style `for (init; cond; update)` that is not a counting loop (those are ranges by
    now) is `init; while (cond) { body; update }`, how languages without it write the loop."""
    rebuilt: list[IRNode] = []
    for child in block.children:
        cond = child.child("cond") if child.kind is Kind.LOOP and child.op == "classic" else None
        if cond is None:
            rebuilt.append(child)
            continue
        for init in child.with_role("init"):
            init.role = None
            rebuilt.append(init)
        body = next((c for c in child.children if c.kind is Kind.BLOCK), None)
        if body is None:
            body = spanned(Kind.BLOCK, child, role="body")
        body.children.extend(_as_statement(u) for u in child.with_role("update"))
        child.op = "while"
        child.children = [cond, body]
        rebuilt.append(child)
    block.children = rebuilt


def _as_statement(update: IRNode) -> IRNode:
    """An update expression as the statement it amounts to: `i++` is `i += 1`."""
    update.role = None
    if update.kind is Kind.UNOP and update.op in ("INC", "DEC") and len(update.children) == 1:
        one = spanned(Kind.LIT_INT, update, text="1")
        op = "ADD" if update.op == "INC" else "SUB"
        return spanned(Kind.AUG_ASSIGN, update, op=op, children=[update.children[0], one])
    return update


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
    offset = length_offset(position, "ADD", table)
    if offset is not None and offset.kind is Kind.LIT_INT and offset.text == "1":
        table.role = value.role = None
        return spanned(Kind.CALL, assign, op="append", role=assign.role, children=[table, value])
    return None


def _pop_by_slice(assign: IRNode) -> IRNode | None:
    """Go's `xs = xs[:len(xs)-1]` (Python's `xs = xs[:-1]`) drops the last item: `xs.pop()`."""
    if len(assign.children) != 2:
        return None
    target, value = assign.children
    if value.kind is not Kind.SLICE or len(value.children) != 3:
        return None
    subject, start, end = value.children
    if (
        same_target(target, subject)
        and start.kind is Kind.LIT_INT
        and start.text == "0"
        and end.kind is Kind.UNOP
        and end.op == "NEG"
        and len(end.children) == 1
        and end.children[0].kind is Kind.LIT_INT
        and end.children[0].text == "1"
    ):
        subject.role = None
        return spanned(Kind.CALL, assign, op="pop", role=assign.role, children=[subject])
    return None


def _assertion_as_raise(statement: IRNode) -> IRNode | None:
    """`assert c, m`, Kotlin's `require(c) { m }` and `check(c)`, Swift's `precondition(c, m)`
    and Lua's `assert(c, m)` fail when the test fails: `if (!c) throw Error(m)`, as the
    original in a language without them writes it."""
    call, message = statement, None
    if (  # Kotlin's trailing lambda: `require(c) { m }` is a call of the call
        statement.kind is Kind.CALL
        and len(statement.children) == 2
        and statement.children[0].kind is Kind.CALL
        and statement.children[0].op == "assert"
        and statement.children[1].kind is Kind.LAMBDA
    ):
        call = statement.children[0]
        body = [c for c in statement.children[1].children if c.kind is not Kind.PARAM]
        message = body[0] if len(body) == 1 else None
        if message is not None and message.kind is Kind.RETURN and len(message.children) == 1:
            message = message.children[0]
    is_call = call.kind is Kind.CALL and call.op == "assert"
    if not (is_call or call.kind is Kind.ASSERT) or not call.children:
        return None
    if "macro" in (call.flags or ()):
        return None  # Rust's `assert!(a > 0)`: a macro's arguments are bare tokens, not a test
    test, *args = call.children
    if message is not None:
        args = [message]
    for node in (test, *args):
        node.role = None
    test = truth_test(negated(test))  # `require(x != null)` fails when `!x`
    test.role = "cond"
    error = spanned(Kind.CALL, statement, op="error", children=args)
    thrown = spanned(Kind.THROW, statement, children=[error])
    then = spanned(Kind.BLOCK, statement, role="then", children=[thrown])
    return spanned(Kind.IF, statement, role=statement.role, children=[test, then])


def updates(node: IRNode, grammar: CompiledGrammar) -> None:
    """Statement-level `x++` and `x = x + e` are `x += 1` and `x += e`, as in languages
    without increment operators; if-initialisers become statements of their own; discarded
    targets (`_`) leave multiple assignments; `t[#t + 1] = x` is an append, `xs = xs[:-1]` a
    pop; logging calls
    (`LOGGER.debug(..)`) and declarations without a value (`let i;`) leave: the one is
    instrumentation, the other has no counterpart where variables are not declared."""
    _hoist_if_initialisers(node)
    _unwrap_or_exit(node, frozenset(grammar.passes.get("error_returns", ())))
    _classic_loops_as_while(node)
    _assigning_conditions(node)
    node.children = [c for c in node.children if not _no_effect(c)]
    discard = frozenset(grammar.passes.get("discard_names", ()))
    comma_ok = bool(grammar.passes.get("comma_ok", False))
    for index, child in enumerate(node.children):
        raised = _assertion_as_raise(child) if child.role is None else None
        if raised is not None:
            node.children[index] = raised
            continue
        if child.kind is Kind.ASSIGN:
            if discard:
                _discard_targets(child, discard)
            if comma_ok:
                _lookup_with_presence(child)
            rewritten = _append_by_index(child) or _pop_by_slice(child)
            if rewritten is not None:
                node.children[index] = rewritten
                continue
        kids = child.children
        if child.kind is Kind.BINOP and (child.op or "").startswith("AUG_") and len(kids) == 2:
            # Scala's `count += 1` is an infix call of `+=` (`text_ops` "+=" = "AUG_ADD")
            child.kind, child.op = Kind.AUG_ASSIGN, child.op.removeprefix("AUG_")
        if child.kind is Kind.AUG_ASSIGN and child.op == "ADD" and len(kids) == 2:
            if kids[1].kind is Kind.DICT:  # `tokens += Token(k, t)`: a record is appended
                for kid in kids:
                    kid.role = "args"
                node.children[index] = spanned(
                    Kind.CALL, child, op="append", role=child.role, children=list(kids)
                )
            continue
        if child.kind is Kind.CALL and child.op == "set_item" and len(kids) == 3:
            # `m.set(k, v)`, `m.put(k, v)`, `m.insert(k, v)` as a statement: `m[k] = v`
            container, key, value = kids
            container.role, key.role, value.role = "obj", "index", "value"
            slot = spanned(Kind.INDEX, child, role="target", children=[container, key])
            node.children[index] = spanned(
                Kind.ASSIGN, child, role=child.role, children=[slot, value]
            )
            continue
        if child.kind is Kind.UNOP and child.op in ("INC", "DEC") and len(kids) == 1:
            role = child.role
            node.children[index] = _as_statement(child)
            node.children[index].role = role
        elif (
            child.kind is Kind.ASSIGN
            and len(kids) == 2
            and kids[1].kind is Kind.CALL
            and kids[1].op in ("append", "extend")
            and kids[1].children
            and same_target(kids[0], kids[1].children[0])
        ):  # Go's `xs = append(xs, v)` is `xs.append(v)`; `xs = xs.concat(ys)` extends xs
            call = kids[1]
            call.role = child.role
            node.children[index] = call
        elif child.kind is Kind.ASSIGN and len(kids) == 2 and kids[1].kind is Kind.BINOP:
            target, value = kids
            if (
                value.op in ("ADD", "SUB", "MUL", "DIV", "MOD", "BITOR", "BITAND", "CONCAT")
                and len(value.children) == 2
                and same_target(target, value.children[0])
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
