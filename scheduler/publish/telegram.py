"""Telegram through the Bot API (httpx): ``sendMessage``, or ``sendPhoto`` with the text as
caption when it fits Telegram's caption limit, else the photo first and the text after it.

There is no well-kept Python client that is only a client (python-telegram-bot and aiogram
are bot frameworks with their own event loops); the Bot API is two documented POSTs.
"""

from __future__ import annotations

from collections.abc import Mapping

from portavoz.scheduler.networks.units import utf16_length
from portavoz.scheduler.publish import http
from portavoz.scheduler.publish.client import Sent, Thread, TokenAdapter
from portavoz.scheduler.publish.http import request
from portavoz.scheduler.publish.schemas import SCHEMAS
from portavoz.scheduler.publish.steps import Image, Publication, Step, StepKind

SCHEMA = SCHEMAS["telegram"]
CAPTION_LIMIT = 1024
"""Most UTF-16 code units of a photo's caption (core.telegram.org/bots/api#sendphoto)."""


class TelegramAdapter(TokenAdapter):
    """Posts to one Telegram channel or group through a bot that may post there."""

    TARGET = "chat"
    COMMENTS = False

    def steps(self, publication: Publication, image: Image | None) -> list[Step]:
        steps = super().steps(publication, image)
        first = steps[0]
        if image is None or utf16_length(first.text) <= CAPTION_LIMIT:
            return steps
        # Too long for a caption: the photo alone, then the whole text as a message.
        return [
            Step(1, 2, StepKind.IMAGE, "", image=image),
            Step(2, 2, StepKind.PART, first.text),
        ]

    def payload(self, publication: Publication, step: Step) -> dict[str, object]:
        if step.image is not None:
            found: dict[str, object] = {"method": "sendPhoto", "chat_id": self.target}
            found["photo"] = step.image.source
            if step.text:
                found["caption"] = step.text
            return found
        return {"method": "sendMessage", "chat_id": self.target, "text": step.text}

    def send(self, publication: Publication, step: Step, thread: Thread, key: str) -> Sent:
        # The token is part of the path: it never reaches a message (see publish.http).
        base = f"{self.account.api_base}/bot{self._token}"
        with http.client() as client:
            if step.image is not None and step.image.path is not None:
                files = {
                    "photo": (step.image.path.name, step.image.path.read_bytes(), step.image.mime)
                }
                data = {"chat_id": self.target, **({"caption": step.text} if step.text else {})}
                response = request(client, "POST", f"{base}/sendPhoto", data=data, files=files)
            else:
                body = {"chat_id": self.target, "text": step.text}
                response = request(client, "POST", f"{base}/sendMessage", json=body)
        message = response.json()["result"]
        return Sent(str(message["message_id"]), self._url(message))

    def _url(self, message: Mapping[str, object]) -> str:
        chat = message.get("chat")
        username = chat.get("username") if isinstance(chat, Mapping) else None
        name = str(username or self.target.lstrip("@"))
        return f"https://t.me/{name}/{message['message_id']}"
