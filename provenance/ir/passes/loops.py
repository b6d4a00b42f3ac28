"""Passes over loops: counting loops as ranges, endless loops, `forEach` callbacks as loops,
and list-building loops and filter/map chains as comprehensions."""

from __future__ import annotations

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.calls import idioms
from provenance.ir.passes.tree import (
    is_true,
    is_zero,
    lambda_parts,
    negated,
    preorder,
    same_target,
    spanned,
)
from provenance.ir.table import CompiledGrammar


def destructured_items(node: IRNode, grammar: CompiledGrammar) -> None:
    """`for (const pair of pairs) { f(pair[0], pair[1]) }` takes each item apart as `for a, b
    in pairs: f(a, b)` does: a loop whose item is read only at fixed positions 0..n-1 binds
    those positions as targets."""
    if node.op != "each":
        return
    targets = node.with_role("target")
    body = node.child("body")
    if len(targets) != 1 or targets[0].kind is not Kind.NAME or body is None:
        return
    name = targets[0].text
    reads: list[tuple[IRNode, int]] = []  # (the INDEX read, the position it reads)
    for holder in preorder(body):
        for position, child in enumerate(holder.children):
            if child.kind is not Kind.NAME or child.text != name:
                continue
            if holder.kind is not Kind.INDEX or position != 0 or len(holder.children) != 2:
                return  # the item is used whole (or written): no destructuring
            index = holder.children[1]
            if index.kind is not Kind.LIT_INT or not (index.text or "").isdigit():
                return
            reads.append((holder, int(index.text or "0")))
    positions = {k for _, k in reads}
    if not positions or positions != set(range(len(positions))):
        return
    for holder, k in reads:
        holder.kind, holder.text, holder.children = Kind.NAME, f"{name}.{k}", []
    at = node.children.index(targets[0])
    node.children[at : at + 1] = [
        spanned(Kind.NAME, targets[0], text=f"{name}.{k}", role="target")
        for k in range(len(positions))
    ]


def counting_loops(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`range(a, b)` is RANGE(a, b); `for (i = a; i < b; i++)` is a for-each over RANGE(a, b);
    endless loops are one form (see `_endless`)."""
    if node.kind is Kind.CALL:
        if node.op == "range" and 1 <= len(node.children) <= 3:
            bounds = list(node.children)
            if len(bounds) == 1:
                bounds.insert(0, spanned(Kind.LIT_INT, node, text="0"))
            return spanned(Kind.RANGE, node, role=node.role, children=bounds)
        return None
    if node.op == "classic":
        _classic_to_range(node)
    _endless(node)
    if node.op == "each":
        _elements_by_index(node, grammar.passes.get("first_index", 0))
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


def infix_ranges(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Kotlin's and Scala's infix calls (kept as operand, name, operand): `0 until n` and
    Scala's `1 to n` are the ranges `range(0, n)` and `range(1, n + 1)` other languages write
    (RANGE, flagged inclusive for `to`); any other (`"a" to 1`, `xs contains x`) is the method
    call it stands for, `a.name(b)`."""
    words = grammar.passes.get("range_words")
    if words is None or len(node.children) != 3 or node.op is not None:
        return None
    start, word, end = node.children
    if word.kind is not Kind.NAME or not word.text or word.role is not None:
        return None
    start.role = end.role = None
    if word.text in words:
        flags = frozenset({"inclusive"}) if words[word.text] == "inclusive" else None
        return spanned(Kind.RANGE, node, role=node.role, children=[start, end], flags=flags)
    start.role, word.role, end.role = "obj", "prop", "args"
    callee = spanned(Kind.MEMBER, word, role="callee", children=[start, word])
    call = spanned(Kind.CALL, node, role=node.role, children=[callee, end])
    return idioms(call, grammar) or call


def _endless(loop: IRNode) -> None:
    """`while True`, `for (;;)`, Go's bare `for` and Rust's `loop` are one endless loop; a
    do-while is the while loop of its condition, and so is an endless loop that ends in
    `if (!c) break` (`loop { ..; if !c { break } }`, `while True: ..; if not c: break`: how
    Python and Rust write a do-while)."""
    if loop.op == "do_while":
        loop.op = "while"
        loop.children.sort(key=lambda child: child.kind is Kind.BLOCK)  # the test first
    if loop.op == "each":
        return
    if loop.op != "infinite":
        heads = [c for c in loop.children if c.kind is not Kind.BLOCK]
        if heads and not all(c.kind is Kind.LIT_BOOL and c.text == "true" for c in heads):
            return
        loop.op = "infinite"
        loop.children = [c for c in loop.children if c.kind is Kind.BLOCK]
    _trailing_break_as_test(loop)


def _trailing_break_as_test(loop: IRNode) -> None:
    if len(loop.children) != 1 or loop.children[0].kind is not Kind.BLOCK:
        return
    body = loop.children[0]
    last = body.children[-1] if len(body.children) > 1 else None
    if last is None or last.kind is not Kind.IF or len(last.children) != 2:
        return
    test, then = last.children
    if (
        then.kind is not Kind.BLOCK
        or len(then.children) != 1
        or then.children[0].kind is not Kind.BREAK
        or then.children[0].children  # a labelled break leaves another loop
    ):
        return
    body.children.pop()
    condition = negated(test)
    condition.role = "cond"
    loop.op = "while"
    loop.children = [condition, body]


def _classic_to_range(loop: IRNode) -> None:
    init = loop.with_role("init")
    cond = loop.child("cond")
    update = loop.with_role("update")
    if len(init) == 2 and cond is not None:
        init = _cached_bound(loop, init, cond)
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
    span_range = spanned(
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


def _cached_bound(loop: IRNode, init: list[IRNode], cond: IRNode) -> list[IRNode]:
    """`for (i = 0, n = xs.length; i < n; i++)` caches the bound `xs.length` in `n`: the loop
    counts to the bound itself, as `for (i = 0; i < xs.length; i++)` and `range(len(xs))` do.
    The initialisers left, or `init` unchanged when `n` is used anywhere else."""
    if cond.kind is not Kind.BINOP or len(cond.children) != 2:
        return init
    bound = cond.children[1]
    if bound.kind is not Kind.NAME:
        return init
    cached = [
        a
        for a in init
        if a.kind is Kind.ASSIGN
        and len(a.children) == 2
        and a.children[0].kind is Kind.NAME
        and a.children[0].text == bound.text
    ]
    if len(cached) != 1:
        return init
    uses = sum(
        1
        for child in loop.children
        if child.role != "init"
        for node in preorder(child)
        if node.kind is Kind.NAME and node.text == bound.text
    )
    if uses != 1:  # only the test reads it
        return init
    value = cached[0].children[1]
    value.role = bound.role
    cond.children[1] = value
    loop.children.remove(cached[0])
    return [a for a in init if a is not cached[0]]


def _elements_by_index(loop: IRNode, first_index: int) -> None:
    """A loop whose counter only ever reads `xs[i]` walks the elements: `for (i = 0; i <
    xs.length; i++) { x = xs[i]; .. }` is `for x in xs`, the form a port into a language with
    for-each loops writes, and a loop over part of the indices walks that slice: `for (j =
    start; j < end; j++) { d = days[j]; .. }` is `for d in days[start:end]`. In a language
    whose sequences count from 1 (`first_index`), Lua's `for i = 1, #xs` walks all of xs."""
    targets = loop.with_role("target")
    iterable = loop.child("iter")
    if len(targets) != 1 or targets[0].kind is not Kind.NAME or iterable is None:
        return
    if iterable.kind is not Kind.RANGE or len(iterable.children) != 2 or iterable.flags:
        return
    counter = targets[0].text or ""
    blocks = [c for c in loop.children if c.kind is Kind.BLOCK]
    if len(blocks) != 1:
        return
    sequence: IRNode | None = None
    reads: list[tuple[IRNode, int]] = []  # where each `xs[i]` sits
    uses = 0
    for node in preorder(blocks[0]):
        for position, child in enumerate(node.children):
            if child.kind is Kind.NAME and child.text == counter:
                uses += 1
                continue
            if sequence is None and _indexes_by(child, counter):
                sequence = child.children[0]
            if sequence is not None and _reads_element(child, counter, sequence):
                if _writes(node, position):
                    return  # `xs[i] = v` writes the slot: the counter is needed
                reads.append((node, position))
    if sequence is None or not reads or uses != len(reads):
        return  # the counter is also a number (`i + 1`, `f(i)`), is assigned, or indexes two
    walked = _walked(iterable, sequence, first_index)
    statements = blocks[0].children
    first = statements[0] if statements else None
    if (
        first is not None
        and first.kind is Kind.ASSIGN
        and len(first.children) == 2
        and first.children[0].kind is Kind.NAME
        and _reads_element(first.children[1], counter, sequence)
    ):
        element = first.children[0]  # `x = xs[i]` names the element
        statements.remove(first)
        reads = [(parent, position) for parent, position in reads if parent is not first]
    else:
        element = targets[0]
    for parent, position in reads:
        read = parent.children[position]
        parent.children[position] = spanned(Kind.NAME, read, text=element.text, role=read.role)
    element.role = "target"
    loop.children[loop.children.index(targets[0])] = element
    walked.role = "iter"
    loop.children[loop.children.index(iterable)] = walked


def _indexes_by(node: IRNode, counter: str) -> bool:
    """`node` is `something[counter]`."""
    return (
        node.kind is Kind.INDEX
        and len(node.children) == 2
        and node.children[1].kind is Kind.NAME
        and node.children[1].text == counter
    )


def _walked(bounds: IRNode, sequence: IRNode, first_index: int) -> IRNode:
    """What a loop over the indices `bounds` of `sequence` walks: the sequence itself, or the
    slice `sequence[start:end]` (`sequence[start:]` when it runs to the end), counted from 0
    (a one-based language's inclusive `for i = a, b` is the slice from a - 1 to b)."""
    start, end = bounds.children
    if first_index and start.kind is Kind.LIT_INT and (start.text or "").isdigit():
        start.text = str(int(start.text or "0") - first_index)
    to_the_end = (
        end.kind is Kind.CALL
        and end.op == "len"
        and len(end.children) == 1
        and same_target(end.children[0], sequence)
    )
    if to_the_end and is_zero(start):
        return sequence
    start.role = end.role = None
    return spanned(
        Kind.SLICE, bounds, children=[sequence, start] if to_the_end else [sequence, start, end]
    )


def _writes(parent: IRNode, position: int) -> bool:
    """The child at `position` is what `parent` assigns or updates."""
    child = parent.children[position]
    if parent.kind is Kind.ASSIGN:
        return child.role == "target"
    return (parent.kind is Kind.AUG_ASSIGN and position == 0) or (
        parent.kind is Kind.UNOP and parent.op in ("INC", "DEC")
    )


def _reads_element(node: IRNode, counter: str, sequence: IRNode) -> bool:
    """`node` is `sequence[counter]`."""
    return _indexes_by(node, counter) and same_target(node.children[0], sequence)


def _loop_step(update: IRNode, variable: str | None) -> IRNode | None:
    kids = update.children
    if update.kind is Kind.UNOP and update.op == "INC" and kids and kids[0].text == variable:
        return spanned(Kind.LIT_INT, update, text="1")
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
        fused = _fuse_chain(node) or _quantifier(node)
        if fused is not None:
            fused.role = node.role
        return fused
    loops_building_lists(node)
    _loops_deciding(node)
    return None


_QUANTIFIERS = frozenset({"any", "all"})


def _quantifier(call: IRNode) -> IRNode | None:
    """`xs.some(x => c)`, Rust's `xs.iter().any(|x| c)` and `any(c for x in xs)` are one
    test over a generator: CALL[any](COMPREHENSION[iter](COMP_FOR(x, xs), c)); `xs.find(x =>
    c)` and Python's `next((x for x in xs if c), None)` are CALL[find] over the generator of
    the items passing the test."""
    if call.op in ("find", "next"):
        return _first_passing(call)
    if call.op not in _QUANTIFIERS:
        return None
    if len(call.children) == 1 and call.children[0].kind is Kind.COMPREHENSION:
        call.children[0].op = "iter"  # `any([c for x in xs])` tests the same values
        return None
    callback = _over_callback(call)
    if callback is None:
        return None
    source, param, expression = callback
    return _quantified(call, call.op, param, source, expression)


def _over_callback(call: IRNode) -> tuple[IRNode, IRNode | None, IRNode] | None:
    """(collection, the callback's parameter, its result) of `xs.f(x => e)`, in either order
    of the two arguments."""
    if len(call.children) != 2:
        return None
    source, function = call.children
    if source.kind is Kind.LAMBDA and function.kind is not Kind.LAMBDA:
        source, function = function, source
    parts = lambda_parts(function)
    if parts is None or source.kind is Kind.LAMBDA:
        return None
    return source, parts[0], parts[1]


def _first_passing(call: IRNode) -> IRNode | None:
    args = call.children
    if call.op == "next":
        if (
            len(args) == 2
            and args[0].kind is Kind.COMPREHENSION
            and args[1].kind is Kind.LIT_NULL
            and any(c.kind is Kind.COMP_IF for c in args[0].children)
        ):
            return spanned(Kind.CALL, call, op="find", children=[args[0]])
        return None
    callback = _over_callback(call)
    if callback is None:
        return None
    source, param, expression = callback
    return _quantified(call, "find", param, source, expression, yielded=True)


def _quantified(
    like: IRNode,
    op: str | None,
    param: IRNode | None,
    source: IRNode,
    test: IRNode,
    yielded: bool = False,
) -> IRNode:
    """CALL[op] over the generator of `_comprehension`."""
    generator = _comprehension(like, "iter", param, source, test, yielded)
    generator.role = "args"
    return spanned(Kind.CALL, like, op=op, children=[generator])


def _comprehension(
    like: IRNode,
    op: str,
    param: IRNode | None,
    source: IRNode,
    value: IRNode,
    yielded: bool,
) -> IRNode:
    """COMPREHENSION[op](COMP_FOR(param, source), value); with `yielded`, `value` is a test
    and the comprehension yields the items passing it: (COMP_FOR, COMP_IF(value), param)."""
    target = spanned(Kind.NAME, param if param is not None else source, role="target")
    target.text = param.text if param is not None else None
    source.role, value.role = "iter", None
    head = spanned(Kind.COMP_FOR, source, children=[target, source])
    if yielded:
        item = spanned(Kind.NAME, target, text=target.text)
        children = [head, spanned(Kind.COMP_IF, value, children=[value]), item]
    else:
        children = [head, value]
    return spanned(Kind.COMPREHENSION, like, op=op, children=children)


def _loops_deciding(block: IRNode) -> None:
    """A loop that returns true on the first item passing a test, then false after it, is
    `return any(test for x in xs)` (`return false` first, then true: `all(not test)`), the
    test Python's `any`, JavaScript's `some` and Rust's `any` write; one that returns the
    first item passing it, then null, is `find`."""
    children = block.children
    index = 0
    while index + 1 < len(children):
        decided = _decided(children[index], children[index + 1])
        if decided is not None:
            children[index : index + 2] = [decided]
        index += 1


def _decided(loop: IRNode, after: IRNode) -> IRNode | None:
    if loop.kind is not Kind.LOOP or loop.op != "each":
        return None
    target, source, body = loop.child("target"), loop.child("iter"), loop.child("body")
    if target is None or source is None or body is None or len(body.children) != 1:
        return None
    test = body.children[0]
    if test.kind is not Kind.IF or test.op == "expr" or len(test.children) != 2:
        return None
    condition, then = test.children
    if then.kind is not Kind.BLOCK or len(then.children) != 1:
        return None
    if _returns_name(then.children[0], target) and _returns_null(after):
        found = _quantified(loop, "find", target, source, condition, yielded=True)
        return spanned(Kind.RETURN, loop, role=loop.role, children=[found])
    inside, final = _returned_bool(then.children[0]), _returned_bool(after)
    if inside is None or final is None or inside == final:
        return None
    if inside:
        quantified = _quantified(loop, "any", target, source, condition)
    else:
        quantified = _quantified(loop, "all", target, source, negated(condition))
    return spanned(Kind.RETURN, loop, role=loop.role, children=[quantified])


def _returns_name(statement: IRNode, name: IRNode) -> bool:
    return (
        statement.kind is Kind.RETURN
        and len(statement.children) == 1
        and statement.children[0].kind is Kind.NAME
        and statement.children[0].text == name.text
    )


def _returns_null(statement: IRNode) -> bool:
    """`return null`, `return None`, or a bare `return` (a function that finds nothing)."""
    return statement.kind is Kind.RETURN and (
        not statement.children
        or (len(statement.children) == 1 and statement.children[0].kind is Kind.LIT_NULL)
    )


def _returned_bool(statement: IRNode) -> bool | None:
    if statement.kind is not Kind.RETURN or len(statement.children) != 1:
        return None
    value = statement.children[0]
    if value.kind is not Kind.LIT_BOOL:
        return None
    return is_true(value)


def callback_loops(node: IRNode, grammar: CompiledGrammar) -> None:
    """A statement `xs.forEach(x => {..})` (Java, Kotlin, Ruby `each`, Rust `for_each`, ...)
    is the loop `for x in xs {..}`: a `return` in the callback is `continue`, its tail value a
    statement. Callbacks with several parameters (index, key), or none where the language
    has no implicit parameter (`implicit_parameter`, Kotlin's `it`), keep their shape."""
    for index, statement in enumerate(node.children):
        call = statement
        if statement.kind is Kind.RETURN and len(statement.children) == 1:
            call = statement.children[0]  # Rust's and Ruby's tail `xs.each {..}`
        implicit = grammar.passes.get("implicit_parameter")
        loop = _callback_loop(call, implicit) if call.kind is Kind.CALL else None
        if loop is not None:
            loop.role = statement.role
            node.children[index] = loop


def _callback_loop(call: IRNode, implicit: str | None) -> IRNode | None:
    if call.op != "for_each":
        return None
    if len(call.children) == 3 and call.children[2].kind is Kind.SELF:
        call.children = call.children[:2]  # JavaScript's `xs.forEach(fn, this)`: the binding
    if len(call.children) != 2:
        return None
    items, function = call.children
    if items.kind is Kind.LAMBDA:
        items, function = function, items
    if function.kind is not Kind.LAMBDA:
        return None
    names = [
        name
        for param in function.children
        if param.kind is Kind.PARAM
        for name in ([param.text] if param.text else [c.text for c in param.children])
    ]
    if not names and implicit:
        names = [implicit]  # Kotlin's `xs.forEach { g(it) }`
    if len(names) != 1:
        return None
    body = [c for c in function.children if c.kind is not Kind.PARAM]
    if len(body) == 1 and body[0].kind is Kind.BLOCK:
        body = body[0].children
    statements = _callback_statements(body)
    if statements is None:
        return None
    target = spanned(Kind.NAME, function, text=names[0], role="target")
    items.role = "iter"
    block = spanned(Kind.BLOCK, function, role="body", children=statements)
    return spanned(Kind.LOOP, call, op="each", children=[target, items, block])


def _callback_statements(body: list[IRNode]) -> list[IRNode] | None:
    """The callback's statements as a loop body, or None when a `return` sits in a nested
    loop (where `continue` would mean something else)."""
    returns: list[IRNode] = []
    stack = [(node, False) for node in body]
    while stack:
        node, in_loop = stack.pop()
        if node.kind in (Kind.FUNC, Kind.LAMBDA, Kind.CLASS):
            continue  # their returns are their own
        if node.kind is Kind.RETURN:
            if in_loop:
                return None
            returns.append(node)
        inner = in_loop or node.kind is Kind.LOOP
        stack.extend((child, inner) for child in node.children)
    statements = list(body)
    if statements and statements[-1].kind is Kind.RETURN:
        tail = statements.pop()
        if tail.children:
            value = tail.children[0]
            value.role = None
            statements.append(value)
        returns = [r for r in returns if r is not tail]
    for node in returns:
        node.kind, node.children = Kind.CONTINUE, []
    return statements


def _fuse_chain(call: IRNode) -> IRNode | None:
    if call.kind is not Kind.CALL or call.op not in ("map", "filter"):
        return None
    callback = _over_callback(call)
    if callback is None:
        return None
    source, param, expression = callback
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
                spanned(Kind.COMP_IF, expression, children=[expression]),
            )
            return comprehension
    return _comprehension(call, "list", param, source, expression, call.op == "filter")


def loops_building_lists(block: IRNode) -> list[str]:
    """`xs = []` then a loop whose only statement appends to xs: a comprehension. Returns the
    names of the lists so built (each loses the read its `append` made)."""
    children = block.children
    built: list[str] = []
    index = 0
    while index + 1 < len(children):
        first, second = children[index], children[index + 1]
        fused = _loop_as_comprehension(first, second)
        if fused is not None:
            first.children[-1] = fused
            del children[index + 1]
            built.append(first.children[0].text or "")
        index += 1
    return built


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
        conditions.append(spanned(Kind.COMP_IF, cond, children=[cond]))
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
    head = spanned(Kind.COMP_FOR, loop, children=[loop_target, loop_iter])
    return spanned(
        Kind.COMPREHENSION, loop, op="list", role="value", children=[head, *conditions, element]
    )
