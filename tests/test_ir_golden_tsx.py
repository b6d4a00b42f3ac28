"""TSX: TypeScript's table plus JSX, which lowers to canonical `jsx` calls."""

from __future__ import annotations

from provenance.ir import lower_source

from .conftest import unit_sexpr


def test_component_with_jsx_and_map() -> None:
    code = (
        "export function List(props: { items: string[] }): JSX.Element {\n"
        "  return <ul>{props.items.map((item) => <li key={item}>{item}</li>)}</ul>;\n"
        "}\n"
    )
    assert unit_sexpr("tsx", code) == (
        "(FUNC PARAM (BLOCK (RETURN (CALL[jsx] NAME (COMPREHENSION[list] (COMP_FOR NAME (MEMBER NAME NAME)) "
        "(CALL[jsx] NAME (PAIR NAME NAME) NAME NAME)) NAME))))"
    )


def test_typed_function_equals_its_typescript_lowering() -> None:
    code = "function add(a: number, b: number): number { return a + b; }\n"
    ts = lower_source("a.ts", "typescript", code.encode()).units[-1].node.to_sexpr()
    assert (
        unit_sexpr("tsx", code)
        == ts
        == "(FUNC PARAM PARAM (BLOCK (RETURN (BINOP[ADD] NAME NAME))))"
    )
