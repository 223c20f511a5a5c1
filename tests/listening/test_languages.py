"""Listening speaks the site's language: default page paths, the pages' and reports' own words.

The expected words are written here, not read from the catalogs, so a catalog that loses or
swaps a text fails these tests. An unknown language gets English.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from portavoz.scheduler.i18n import messages
from portavoz.scheduler.listening import influencers, pages
from portavoz.scheduler.listening.influencers import Voice, VoiceKind
from portavoz.scheduler.listening.settings import load_settings

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
VOICE = Voice("Lucía Ferrer", VoiceKind.PERSON, 3, NOW, ("Foro",))

ENGLISH = {
    "community": ("community/index.md", "Community", "What our community writes."),
    "voices": ("community/voices.md", "Community voices", "Who talks about us most."),
    "empty": "No entries yet.",
    "heads": ["Voice", "Entries", "Latest"],
    "report": ("# Voices talking about the brand", "| person |", "| Kind |", "| Contact |"),
    "nobody": "Nobody talked about the brand in this period.",
}
SPANISH = {
    "community": ("comunidad/index.md", "Comunidad", "Lo que escribe nuestra comunidad."),
    "voices": ("comunidad/voces.md", "Voces de la comunidad", "Quién habla más de nosotros."),
    "empty": "Todavía no hay entradas.",
    "heads": ["Voz", "Entradas", "Última"],
    "report": ("# Voces que hablan de la marca", "| persona |", "| Tipo |", "| Contacto |"),
    "nobody": "Nadie ha hablado de la marca en este periodo.",
}
LANGUAGES = [(None, ENGLISH), ("en", ENGLISH), ("es", SPANISH), ("es-MX", SPANISH), ("zz", ENGLISH)]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "th"

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found.append(data)


@pytest.mark.parametrize(("language", "expected"), LANGUAGES)
def test_default_pages_follow_the_language(
    language: str | None, expected: dict[str, object]
) -> None:
    settings = load_settings({}, language=language)
    community, voices = settings.community, settings.voices
    assert (community.path, community.title, community.intro) == expected["community"]
    assert (voices.path, voices.title, voices.intro) == expected["voices"]


def test_written_pages_are_kept_in_any_language() -> None:
    options = {"community": {"path": "comunidad/index.md", "title": "Gente"}}
    settings = load_settings(options, language="en")
    assert (settings.community.path, settings.community.title) == ("comunidad/index.md", "Gente")
    assert settings.community.intro == ENGLISH["community"][2]  # not written: the default
    assert settings.voices.path == "community/voices.md"


@pytest.mark.parametrize(("language", "expected"), LANGUAGES)
def test_page_words_follow_the_language(language: str | None, expected: dict[str, object]) -> None:
    settings = load_settings({"voices": {"public": True}}, language=language)
    say = settings.messages
    community = pages.community_markdown([], settings.community, say)
    assert f'<p class="portavoz-empty">{expected["empty"]}</p>' in community
    reader = _Headings()
    reader.feed(pages.voices_markdown([VOICE], settings.voices, say))
    assert reader.found == expected["heads"]


@pytest.mark.parametrize(("language", "expected"), LANGUAGES)
def test_influencer_report_follows_the_language(
    language: str | None, expected: dict[str, object]
) -> None:
    say = messages(language)
    report = influencers.influencers_markdown([VOICE], NOW, 30, say)
    for text in expected["report"]:  # type: ignore[union-attr]
        assert text in report
    other = SPANISH if expected is ENGLISH else ENGLISH
    assert not [text for text in other["report"] if text in report]
    assert expected["nobody"] in influencers.influencers_markdown([], NOW, 30, say)
