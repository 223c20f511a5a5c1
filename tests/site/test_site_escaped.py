"""The partials' escaping of each value (issue 16: made without a ``Markup`` a value) writes
what :func:`markupsafe.escape` writes, which is what Jinja's ``| e`` writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from portavoz.scheduler.site.partials import _escaped

SPECIAL = st.text(st.sampled_from("&<>'\"aé 😀\x00;#"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), SPECIAL))
def test_a_text_is_escaped_as_escape_escapes_it(text: str) -> None:
    assert _escaped(text) == str(escape(text))


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(), SPECIAL))
def test_markup_is_not_escaped_again(text: str) -> None:
    already = Markup(text)  # as the site's name is once portavoz/site escaped it
    assert _escaped(already) == str(escape(already)) == text


def test_other_values_are_escaped_as_their_text() -> None:
    class Html:
        def __html__(self) -> str:
            return "<b>kept</b>"

    for value in (12, 1.5, None, Html(), "a & b"):
        assert _escaped(value) == str(escape(value))
