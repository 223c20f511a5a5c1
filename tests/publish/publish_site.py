"""A small site with posts due, a thread, an image and old and future posts.

A module of its own (not conftest.py), so tests import it by a name no other folder's
conftest shares.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

CORPUS = Path(__file__).parents[1] / "hardening" / "corpus" / "project"
NOW = "2026-06-01T12:00:00+02:00"
# A PNG signature and a few bytes: the fakes store what they are sent, they do not decode it.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

POSTS = {
    "2026-05-20-hilo.md": """---
title: "Un hilo sobre rutas"
date: 2026-05-20 09:00:00
authors: [lucia]
summary: "Tres rutas cortas por Valencia."
lang: es
channels:
  mastodon:
    content_warning: "Obras en la ruta"
    text: |
      Primera parte del hilo: {{ link }}
      ---
      Segunda parte del hilo.
      ---
      Tercera parte del hilo.
  bluesky:
    text: |
      Primera parte del hilo: {{ link }}
      ---
      Segunda parte, con @jordisoler.bsky.social
---

Texto.
""",
    "2026-05-25-foto.md": """---
title: "Una foto de la estación"
date: 2026-05-25 10:00:00
authors: [lucia]
summary: "La nueva estación de Benimaclet."
image: ../../assets/images/estacion.png
image_alt: "Una estación de bicis con seis anclajes, junto a un árbol."
channels: [mastodon, bluesky, telegram]
---

Texto.
""",
    "2026-07-01-futuro.md": """---
title: "Una entrada futura"
date: 2026-07-01 10:00:00
authors: [lucia]
summary: "Aún no."
channels: [mastodon, bluesky]
---

Texto.
""",
}


def accounts(base: str) -> str:
    return f"""  - portavoz/publish:
      ledger: publish/ledger.jsonl
      accounts:
        mastodon: {{instance: "{base}", since: 2026-04-01T00:00:00+02:00}}
        bluesky:
          handle: ruedalibre.bsky.social
          pds: "{base}"
          since: 2026-04-01T00:00:00+02:00
        telegram: {{chat: "@ruedalibre", api_base: "{base}", since: 2026-04-01}}
"""


def make_project(root: Path, posts_text: Mapping[str, str], publish_plugin: str) -> Path:
    """The corpus project with these posts, the photo they show and this publish plugin."""
    shutil.copytree(CORPUS, root)
    posts = root / "content" / "blog" / "posts"
    for name, text in posts_text.items():
        (posts / name).write_text(text, encoding="utf-8")
    images = root / "content" / "assets" / "images"
    images.mkdir(parents=True)
    (images / "estacion.png").write_bytes(PNG)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + publish_plugin, encoding="utf-8")
    return root
