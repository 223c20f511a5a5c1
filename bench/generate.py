"""A deterministic synthetic portavoz site: N posts with the example site's configuration.

Every post is valid for portavoz (see the README's front-matter table): channels over all
eight networks (as a list or as a mapping with overrides), audiences, categories, tags,
authors from the example's ``.authors.yml``; 400–800 words of Spanish-ish Markdown with
headings, links, a list and a code block. The same ``(n, seed)`` always gives the same bytes.

Posts for the internal audience (``equipo``) are also drafts, and no post expires before 2040:
with ``PORTAVOZ_NOW`` set after the last date, portavoz and Material's blog alone publish
exactly the same posts, so a build comparison renders the same pages.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The portavoz checkout whose example site is copied."""

NETWORKS = ("x", "mastodon", "bluesky", "threads", "linkedin", "facebook", "instagram", "telegram")
PUBLIC_AUDIENCES = ("general", "ciclistas", "empresas", "prensa")
CATEGORIES = ("Producto", "Rutas", "Comunidad", "Empresas", "Prensa", "Seguridad", "App")
TAGS = (
    "valencia", "rutas", "movilidad", "ebike", "flota", "app", "consejos", "empresas",
    "prensa", "verano", "invierno", "turia", "ruzafa", "benimaclet", "cabanyal", "datos",
    "seguridad", "mantenimiento", "quedada", "estaciones", "tarifas", "novedades",
)  # fmt: skip
AUTHORS = ("lucia", "marc", "ines")
LATEST = dt.datetime(2027, 12, 31)
"""No generated post is dated after this moment (set ``PORTAVOZ_NOW`` later to see all live)."""

_WORDS = (
    "bici", "bicicleta", "ciudad", "barrio", "estación", "carril", "ruta", "batería", "pedal",
    "mañana", "tarde", "semana", "equipo", "servicio", "viaje", "usuario", "persona", "calle",
    "avenida", "puerto", "playa", "huerta", "jardín", "río", "puente", "plaza", "mercado",
    "taller", "candado", "aplicación", "reserva", "tarifa", "flota", "empresa", "comunidad",
    "valencia", "movilidad", "seguridad", "lluvia", "sol", "viento", "kilómetro", "minuto",
)  # fmt: skip
_VERBS = (
    "recorre", "mejora", "llega", "cambia", "abre", "cierra", "conecta", "reduce", "amplía",
    "presenta", "prepara", "revisa", "propone", "cuenta", "anima", "acompaña", "descubre",
)  # fmt: skip
_GLUE = ("el", "la", "los", "las", "un", "una", "con", "sin", "para", "por", "en", "del", "y")
_LINKS = (
    "https://www.valencia.es/movilidad",
    "https://www.ruedalibre-demo.es/tarifas",
    "https://es.wikipedia.org/wiki/Valencia",
    "https://www.openstreetmap.org/#map=13/39.47/-0.37",
)


def generate_site(root: Path, n: int, seed: int = 7, *, slugs: bool = False) -> Path:
    """Write a site with ``n`` synthetic posts under ``root`` (created; must be empty or new).

    Args:
        root: Folder of the new site (its ``mkdocs.yml`` goes here).
        n: Number of posts.
        seed: Seed of ``random.Random``; the same seed gives the same files.
        slugs: Give every post an explicit ``slug:`` (the review's slowest case: every slug
            line is a candidate clash). The random draws are the same either way, so the
            posts differ from the default ones only by that line.

    Returns:
        The path of the site's ``mkdocs.yml``.
    """
    root.mkdir(parents=True, exist_ok=True)
    _copy_example(root)
    folder = root / "content" / "blog" / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n):
        name, text = post(rng, i, slugs=slugs)
        (folder / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def _copy_example(root: Path) -> None:
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("theme", "examples/listening", "content/assets"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    for file in ("content/index.md", "content/blog/index.md", "content/blog/.authors.yml"):
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / file, root / file)


def post(rng: random.Random, i: int, *, slugs: bool = False) -> tuple[str, str]:
    """File name and text of post number ``i`` (with ``slugs``, an explicit unique slug)."""
    date = dt.datetime(2024, 1, 1, 8) + dt.timedelta(minutes=rng.randrange(0, 4 * 365 * 24 * 60))
    date = min(date, LATEST).replace(second=0)
    title = f"{_sentence(rng, 5, 9).rstrip('.')} ({i:05d})"
    internal = rng.random() < 0.02
    lines = [
        "---",
        f'title: "{title}"',
        *([f"slug: entrada-{i:05d}"] if slugs else []),
        f"date: {date:%Y-%m-%d %H:%M:%S}",
        f"authors: [{', '.join(rng.sample(AUTHORS, rng.randint(1, 2)))}]",
        f"categories: [{', '.join(rng.sample(CATEGORIES, rng.randint(1, 2)))}]",
        f"tags: [{', '.join(rng.sample(TAGS, rng.randint(2, 5)))}]",
        f'summary: "{_sentence(rng, 14, 40)}"',
        f"audience: [{_audiences(rng, internal)}]",
        *_with_image(_optional(rng, date, internal), _channels(rng)),
        "---",
        "",
    ]
    return f"{date:%Y-%m-%d}-{i:05d}.md", "\n".join(lines) + _body(rng)


def _audiences(rng: random.Random, internal: bool) -> str:
    if internal:
        return "equipo"
    return ", ".join(rng.sample(PUBLIC_AUDIENCES, rng.randint(1, 3)))


def _optional(rng: random.Random, date: dt.datetime, internal: bool) -> list[str]:
    lines = ["draft: true"] if internal or rng.random() < 0.02 else []
    if rng.random() < 0.2:
        lines.append(f"updated: {date + dt.timedelta(days=rng.randint(1, 30)):%Y-%m-%d %H:%M:%S}")
    if rng.random() < 0.1:
        lines.append(f"expires: {rng.randint(2040, 2045)}-12-31 23:59:00")
    if rng.random() < 0.3:
        lines.append(f"campaign: campana-{rng.randint(1, 40)}")
    if rng.random() < 0.1:
        lines.append("thread: true")
    if rng.random() < 0.15:
        lines += IMAGE
    return lines


IMAGE = ["image: ../../assets/images/e-brisa.jpg", 'image_alt: "Bicicleta junto al mar"']
"""A JPEG: Instagram takes nothing else."""


def _with_image(optional: list[str], channels: list[str]) -> list[str]:
    """The optional lines and the channels, with an image when Instagram (which needs one) is in."""
    needs = any("instagram" in line for line in channels) and IMAGE[0] not in optional
    return [*optional, *(IMAGE if needs else []), *channels]


def _channels(rng: random.Random) -> list[str]:
    chosen = rng.sample(NETWORKS, rng.randint(2, len(NETWORKS)))
    if rng.random() < 0.6:
        return [f"channels: [{', '.join(chosen)}]"]
    lines = ["channels:"]
    for network in chosen:
        override = _override(rng, network)
        lines += [f"  {network}:", *override] if override else [f"  {network}: {{}}"]
    return lines


def _override(rng: random.Random, network: str) -> list[str]:
    roll = rng.random()
    if roll > 0.4:
        return []
    if network == "mastodon" and roll < 0.2:
        return [f'    content_warning: "{_sentence(rng, 2, 4).rstrip(".")}"']
    if network == "instagram" and roll < 0.2:
        tags = ", ".join(rng.sample(TAGS, 3))
        return [f'    first_comment: "{_sentence(rng, 5, 10)}"', f"    hashtags: [{tags}]"]
    return [f'    text: "{_sentence(rng, 8, 20)} {{{{ link }}}} {{{{ hashtags }}}}"']


def _body(rng: random.Random) -> str:
    target = rng.randint(400, 800)
    blocks = [_paragraph(rng), "<!-- more -->"]
    words = len(blocks[0].split())
    section = 0
    while words < target:
        section += 1
        blocks.append(f"## {_sentence(rng, 3, 6).rstrip('.')}")
        paragraph = _paragraph(rng)
        blocks.append(paragraph)
        words += len(paragraph.split()) + 5
        if section == 1:
            items = [f"- {_sentence(rng, 4, 10)}" for _ in range(rng.randint(3, 6))]
            blocks.append("\n".join(items))
            words += sum(len(i.split()) for i in items)
        if section == 2:
            blocks.append("```yaml\nestacion: benimaclet\nbicis: 24\nhorario: 7-23\n```")
    return "\n\n".join(blocks) + "\n"


def _paragraph(rng: random.Random) -> str:
    sentences = [_sentence(rng, 8, 22) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.7:
        at = rng.randrange(len(sentences))
        link = f"[{_words(rng, 2)}]({rng.choice(_LINKS)})"
        sentences[at] = f"{sentences[at].rstrip('.')} en {link}."
    return " ".join(sentences)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = []
    for k in range(rng.randint(low, high)):
        pool = _VERBS if k % 4 == 2 else _GLUE if k % 2 else _WORDS
        words.append(rng.choice(pool))
    return " ".join(words).capitalize() + "."


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))
