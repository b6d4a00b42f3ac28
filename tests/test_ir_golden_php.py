"""Golden IR tests for PHP: idiomatic snippets and the s-expressions they lower to."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

SUM = "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))"
CHAIN = (
    "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) "
    "(BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))"
)

LANG = "php"

GOLDEN = [
    (
        "<?php\nfunction f($xs) {\n  $total = 0;\n  foreach ($xs as $x) { $total += $x; }\n  return $total;\n}\n",
        SUM,
    ),
    (
        "<?php\nfunction h($a) {\n  if ($a > 1) { return 1; } elseif ($a < 0) { return -1; } else { return 0; }\n}\n",
        CHAIN,
    ),
    (
        "<?php\nfunction c($xs) {\n  for ($i = 0; $i < count($xs); $i++) { echo $xs[$i]; }\n}\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME NAME (BLOCK (CALL[print] NAME)))))",
    ),
    (
        '<?php\nfunction t($x) {\n  if ($x === null) { throw new InvalidArgumentException("bad"); }\n  return $x;\n}\n',
        "(FUNC PARAM (BLOCK (IF (UNOP[NOT] NAME) (BLOCK (THROW (CALL[error] LIT_STR)))) (RETURN NAME)))",
    ),
    (
        "<?php\nclass A { private $n; function get() { return $this->n ?? 0; } }\n",
        "(FUNC (BLOCK (RETURN (BINOP[NULLISH] (MEMBER SELF NAME) LIT_INT))))",
    ),
]


def test_variables_lose_their_dollar() -> None:
    from provenance.ir import lower_source

    lowered = lower_source("x.php", LANG, b"<?php\nfunction f($total) { return $total; }\n")
    names = {node.text for node in lowered.module.walk() if node.text}
    assert "total" in names and "$total" not in names


def test_sum_loop_and_chain_converge_with_javascript() -> None:
    js_sum = unit_sexpr(
        "javascript",
        "function f(xs) {\n  let total = 0;\n  for (const x of xs) { total += x; }\n  return total;\n}\n",
    )
    php_sum = unit_sexpr(
        LANG,
        "<?php\nfunction f($xs) {\n  $total = 0;\n  foreach ($xs as $x) { $total += $x; }\n  return $total;\n}\n",
    )
    assert php_sum == js_sum
    js_null = unit_sexpr("javascript", "function f(x, d) { return x === null ? d : x; }")
    php_null = unit_sexpr(LANG, "<?php\nfunction f($x, $d) { return $x === null ? $d : $x; }\n")
    assert php_null == js_null


def test_template_converges_with_javascript() -> None:
    js = unit_sexpr("javascript", "function f(name) { return `hi ${name}!`; }")
    assert unit_sexpr(LANG, '<?php\nfunction f($name) { return "hi $name!"; }\n') == js


def test_method_calls_converge_with_javascript() -> None:
    # member_call_expression is flat: `group` builds the MEMBER callee
    js = unit_sexpr("javascript", "function g(k) { return this.store.lookup(k).clean(); }")
    php = unit_sexpr(LANG, "<?php\nfunction g($k) { return $this->store->lookup($k)->clean(); }\n")
    assert (
        php
        == js
        == "(FUNC PARAM (BLOCK (RETURN (CALL (MEMBER (CALL (MEMBER (MEMBER SELF NAME) NAME) NAME) NAME)))))"
    )


def test_list_building_foreach_converges_with_python() -> None:
    py = unit_sexpr(
        "python",
        "def b(xs):\n    out = []\n    for x in xs:\n        out.append(x * 2)\n    return out\n",
    )
    php = unit_sexpr(
        LANG,
        "<?php\nfunction b($xs) { $out = []; foreach ($xs as $x) { array_push($out, $x * 2); } return $out; }\n",
    )
    assert php == py


def test_string_concatenation_converges_with_java_and_javascript() -> None:
    # `.` and `.=` are ADD, the operator Java, JavaScript and Python concatenate strings with
    php = unit_sexpr(LANG, "<?php\nfunction m($k) { $s = 'key ' . $k; $s .= '!'; return $s; }\n")
    js = unit_sexpr("javascript", "function m(k) { let s = 'key ' + k; s += '!'; return s; }")
    java = unit_sexpr(
        "java", 'class A { String m(String k) { String s = "key " + k; s += "!"; return s; } }'
    )
    assert php == js == java
    assert "CONCAT" not in php


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr(LANG, code) == expected
