"""The JSON of a summary object (``write_json_object``) is the object: any nesting of objects, lists and scalars reads
back as ``json.dumps`` would have written it, each key on its own line and a list of objects one object a line."""

from __future__ import annotations

import io
import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.render.jsonout import write_json_object

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8), st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)


def _written(obj) -> str:
    fh = io.StringIO()
    write_json_object(fh, obj)
    return fh.getvalue()


@given(values)
def test_it_reads_back_as_json_dumps_writes_it(obj):
    assert json.loads(_written(obj)) == json.loads(json.dumps(obj, ensure_ascii=False, default=str))


def test_one_key_a_line_and_one_object_a_line():
    text = _written(
        {"as_of": date(2024, 6, 30), "orgs": [{"code": "V01", "name": "村"}, {"code": "V02"}], "n": []}
    )
    assert text.splitlines() == [
        "{",
        '  "as_of": "2024-06-30",',
        '  "orgs": [',
        '    {"code": "V01", "name": "村"},',
        '    {"code": "V02"}',
        "  ],",
        '  "n": []',
        "}",
    ]
