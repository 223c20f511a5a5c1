"""The variant ``.txt``: read back by tests/paste_reader.py, which knows only the documented
shape (label lines, one more backslash on piece lines that look like labels)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from paste_reader import read_paste

from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.outputs.paste import escape, paste_text


def variant(*parts: str, **extras: str) -> Variant:
    return Variant(network="mastodon", parts=parts, counts=(), link="https://a.es/", **extras)


def test_one_part_and_nothing_else_is_the_text_as_it_is() -> None:
    assert paste_text(variant("Hola\n\nmundo #tag")) == "Hola\n\nmundo #tag\n"


def test_thread_parts_with_blank_lines_are_told_apart() -> None:
    parts = ("Uno\n\ncon un hueco", "Dos\n\n\ny tres líneas", "Tres")
    text = paste_text(variant(*parts))
    assert text.startswith("--- 1/3 ---\nUno\n\ncon un hueco\n--- 2/3 ---\n")
    assert read_paste(text) == {"1/3": parts[0], "2/3": parts[1], "3/3": parts[2]}


@pytest.mark.parametrize("line", ["--- 2/3 ---", "\\--- 2/3 ---", "--- alt text ---"])
def test_a_line_that_looks_like_a_label_is_escaped(line: str) -> None:
    parts = (f"Uno\n{line}\nsigue", "Dos")
    text = paste_text(variant(*parts))
    assert f"\n\\{line}\n" in text
    assert read_paste(text) == {"1/2": parts[0], "2/2": parts[1]}


def test_content_warning_first_comment_and_alt_text_are_labelled() -> None:
    text = paste_text(
        variant("Texto", content_warning="Huelga", first_comment="#ruta", image_alt="Una bici")
    )
    assert text == (
        "--- content warning ---\nHuelga\n--- text ---\nTexto\n"
        "--- first comment ---\n#ruta\n--- alt text ---\nUna bici\n"
    )
    assert read_paste(text) == {
        "content warning": "Huelga",
        "text": "Texto",
        "first comment": "#ruta",
        "alt text": "Una bici",
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["-", "--- ", " ---", " ", "\\", "\n", "a", "---"])).map("".join))
def test_escape_is_the_label_pattern_applied_to_every_line(body: str) -> None:
    # escape() skips the search when no line can look like a label; the search is the reference.
    assert escape(body) == regex.sub(r"(?m)^(\\*--- .* ---)$", r"\\\1", body)
