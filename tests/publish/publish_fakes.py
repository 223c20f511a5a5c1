"""Local fakes of the networks' APIs on 127.0.0.1, answering as their documentation shows.

One server answers every network's routes (each under its own path: Mastodon's ``/api/``,
Bluesky's ``/xrpc/``, …), checks the credentials each API expects, records what was posted
and can be told to answer a route with an error first (``fail``), so the tests drive the
real client libraries against it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from local_server import serving
from publish_fakes_http import PATTERNS
from publish_fakes_http import ROUTES as HTTP_ROUTES
from publish_fakes_http import SECRETS as HTTP_SECRETS

MASTODON_TOKEN = "mastodon-secret-token-1234"
BLUESKY_PASSWORD = "bsky-app-password-5678"
BLUESKY_HANDLE = "ruedalibre.bsky.social"
BLUESKY_DID = "did:plc:ruedalibre0000000000000"
TELEGRAM_TOKEN = "123456:telegram-bot-token-abcdef"
SECRETS = {
    "PORTAVOZ_TELEGRAM_TOKEN": TELEGRAM_TOKEN,
    "PORTAVOZ_MASTODON_TOKEN": MASTODON_TOKEN,
    "PORTAVOZ_BLUESKY_PASSWORD": BLUESKY_PASSWORD,
    **HTTP_SECRETS,
}


def cid(data: bytes, codec: int = 0x71) -> str:
    """A CIDv1 (base32, sha2-256) as an atproto server computes one."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'at+jwt'})}.{part(claims)}.c2lnbmF0dXJl"


ACCESS_JWT = _jwt({"scope": "com.atproto.access", "sub": BLUESKY_DID, "exp": 4102444800})


@dataclass
class Networks:
    """What the fake networks hold: every post made, and the errors still to answer."""

    posts: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    faults: dict[str, list[tuple[int, dict[str, str], dict[str, object]]]] = field(
        default_factory=dict
    )
    requests: list[str] = field(default_factory=list)
    idempotency: dict[str, dict[str, object]] = field(default_factory=dict)
    records: dict[str, dict[str, object]] = field(default_factory=dict)
    media: dict[str, dict[str, object]] = field(default_factory=dict)
    # Graph containers: how many status questions each new one of a network answers
    # IN_PROGRESS to, the ERROR reason it answers instead, and the published ones.
    processing: dict[str, int] = field(default_factory=dict)
    container_errors: dict[str, str] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)
    lost: set[str] = field(default_factory=set)
    """Routes whose next request is carried out but answered 503 (the answer lost)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def fail(self, route: str, status: int, body: dict[str, object], **headers: str) -> None:
        """Answer the next request to ``route`` (``"POST /api/v1/statuses"``) with an error."""
        self.faults.setdefault(route, []).append((status, headers, body))

    def posted(self, network: str) -> list[dict[str, object]]:
        return self.posts.get(network, [])


class _Handler(BaseHTTPRequestHandler):
    networks: Networks

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def _route(self, method: str) -> None:
        parts = urlsplit(self.path)
        route = f"{method} {parts.path}"
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        state = self.networks
        with state.lock:
            state.requests.append(route)
            pending = state.faults.get(route)
            if pending:
                status, headers, answer = pending.pop(0)
                return self._json(status, answer, headers)
            handler = ROUTES.get(route) or next(
                (h for pattern, h in PATTERNS if pattern.fullmatch(route)), None
            )
            if handler is None:
                return self._json(404, {"error": f"no route {route}"})
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            status, answer, *headers = handler(self, state, body, query)
            if route in state.lost:
                state.lost.discard(route)
                status, answer, headers = 503, {"error": {"message": "Please retry"}}, []
        self._json(status, answer, *headers)

    def _json(
        self, status: int, data: dict[str, object], headers: dict[str, str] | None = None
    ) -> None:
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(payload)

    def form(self, body: bytes) -> dict[str, object]:
        """A form body (urlencoded or multipart) or JSON, as the client sent it."""
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("application/json"):
            loaded: dict[str, object] = json.loads(body)
            return loaded
        if kind.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body
            )
            found: dict[str, object] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                found[str(name)] = payload if part.get_filename() else payload.decode()
            return found
        pairs = parse_qs(body.decode(), keep_blank_values=True)
        return {k.removesuffix("[]"): v if k.endswith("[]") else v[0] for k, v in pairs.items()}

    def bearer(self, expected: str) -> bool:
        return self.headers.get("Authorization", "") == f"Bearer {expected}"


Answer = tuple[int, dict[str, object]]


# Mastodon (docs.joinmastodon.org/methods/statuses/#create, /methods/media/#v2)


def _mastodon_auth(handler: _Handler) -> Answer | None:
    if handler.bearer(MASTODON_TOKEN):
        return None
    return 401, {"error": "The access token is invalid"}


def _mastodon_instance(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    # Public, no token: Mastodon.py reads the version to choose /api/v2/media.
    return 200, {
        "uri": "127.0.0.1",
        "title": "Fake",
        "version": "4.3.0",
        "api_versions": {"mastodon": 2},
        "urls": {},
    }


def _mastodon_media(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    refused = _mastodon_auth(handler)
    if refused:
        return refused
    form = handler.form(body)
    if not isinstance(form.get("file"), bytes):
        return 422, {"error": "Validation failed: File can't be blank"}
    media_id = str(len(state.media) + 1)
    media = {
        "id": media_id,
        "type": "image",
        "url": f"{state.base}/system/media/{media_id}.png",
        "preview_url": f"{state.base}/system/media/{media_id}_small.png",
        "description": form.get("description"),
        "blurhash": None,
    }
    state.media[media_id] = media
    return 200, media


def _mastodon_status(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    refused = _mastodon_auth(handler)
    if refused:
        return refused
    key = handler.headers.get("Idempotency-Key")
    if key and key in state.idempotency:
        return 200, state.idempotency[key]
    form = handler.form(body)
    if not form.get("status") and not form.get("media_ids"):
        return 422, {"error": "Validation failed: Text can't be blank"}
    posts = state.posts.setdefault("mastodon", [])
    status_id = str(110000000000000000 + len(posts) + 1)
    media_ids = form.get("media_ids") or []
    status = {
        "id": status_id,
        "uri": f"{state.base}/users/ruedalibre/statuses/{status_id}",
        "url": f"{state.base}/@ruedalibre/{status_id}",
        "created_at": "2026-06-01T10:00:00.000Z",
        "content": f"<p>{form.get('status')}</p>",
        "text": form.get("status"),
        "in_reply_to_id": form.get("in_reply_to_id") or None,
        "spoiler_text": form.get("spoiler_text") or "",
        "sensitive": bool(form.get("spoiler_text")),
        "language": form.get("language"),
        "visibility": "public",
        "media_attachments": [state.media[m] for m in media_ids if m in state.media],
        "account": {"id": "1", "username": "ruedalibre", "acct": "ruedalibre"},
    }
    posts.append(status)
    if key:
        state.idempotency[key] = status
    return 200, status


# Bluesky (docs.bsky.app: com.atproto.server.createSession, com.atproto.repo.*)


def _xrpc_error(status: int, error: str, message: str) -> Answer:
    return status, {"error": error, "message": message}


def _bsky_auth(handler: _Handler) -> Answer | None:
    if handler.bearer(ACCESS_JWT):
        return None
    return _xrpc_error(401, "AuthenticationRequired", "Authentication Required")


def _bsky_session(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    data = json.loads(body)
    if data.get("identifier") != BLUESKY_HANDLE or data.get("password") != BLUESKY_PASSWORD:
        return _xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
    return 200, {
        "accessJwt": ACCESS_JWT,
        "refreshJwt": _jwt({"scope": "com.atproto.refresh", "sub": BLUESKY_DID, "exp": 4102444800}),
        "handle": BLUESKY_HANDLE,
        "did": BLUESKY_DID,
        "active": True,
    }


def _bsky_uri(repo: str, rkey: str) -> str:
    did = BLUESKY_DID if repo in (BLUESKY_HANDLE, BLUESKY_DID) else repo
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def _bsky_get_record(
    handler: _Handler, state: Networks, body: bytes, query: dict[str, str]
) -> Answer:
    uri = _bsky_uri(query.get("repo", ""), query.get("rkey", ""))
    record = state.records.get(uri)
    if record is None:
        return _xrpc_error(400, "RecordNotFound", f"Could not locate record: {uri}")
    return 200, record


def _bsky_create_record(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    refused = _bsky_auth(handler)
    if refused:
        return refused
    data = json.loads(body)
    uri = _bsky_uri(data["repo"], data["rkey"])
    if uri in state.records:
        return _xrpc_error(400, "InvalidRequest", f"Record already exists: {uri}")
    record = data["record"]
    made = {"uri": uri, "cid": cid(json.dumps(record, sort_keys=True).encode()), "value": record}
    state.records[uri] = made
    state.posts.setdefault("bluesky", []).append(made)
    return 200, {"uri": made["uri"], "cid": made["cid"], "validationStatus": "valid"}


def _bsky_upload(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    refused = _bsky_auth(handler)
    if refused:
        return refused
    mime = handler.headers.get("Content-Type", "*/*")
    blob = {"$type": "blob", "ref": {"$link": cid(body, 0x55)}, "mimeType": mime, "size": len(body)}
    return 200, {"blob": blob}


def _bsky_resolve(handler: _Handler, state: Networks, body: bytes, query: dict[str, str]) -> Answer:
    handle = query.get("handle", "")
    if not handle.endswith(".bsky.social"):
        return _xrpc_error(400, "InvalidRequest", "Unable to resolve handle")
    return 200, {"did": "did:plc:" + hashlib.sha256(handle.encode()).hexdigest()[:24]}


# Telegram (core.telegram.org/bots/api#sendmessage, #sendphoto): the token is in the path.


def _telegram_message(handler: _Handler, state: Networks, body: bytes, query: object) -> Answer:
    form = handler.form(body)
    if form.get("chat_id") != "@ruedalibre":
        return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
    posts = state.posts.setdefault("telegram", [])
    message = {
        "message_id": len(posts) + 1,
        "chat": {"id": -1001234567890, "type": "channel", "username": "ruedalibre"},
        "date": 1780000000,
        **({"text": form["text"]} if "text" in form else {}),
        **({"caption": form["caption"]} if "caption" in form else {}),
        **({"photo": [{"file_id": "AgAD", "width": 1, "height": 1}]} if "photo" in form else {}),
    }
    posts.append(message)
    return 200, {"ok": True, "result": message}


ROUTES = {
    f"POST /bot{TELEGRAM_TOKEN}/sendMessage": _telegram_message,
    f"POST /bot{TELEGRAM_TOKEN}/sendPhoto": _telegram_message,
    "GET /api/v1/instance/": _mastodon_instance,
    "GET /api/v1/instance": _mastodon_instance,
    "GET /api/v2/instance/": _mastodon_instance,
    "POST /api/v2/media": _mastodon_media,
    "POST /api/v1/statuses": _mastodon_status,
    "POST /xrpc/com.atproto.server.createSession": _bsky_session,
    "GET /xrpc/com.atproto.repo.getRecord": _bsky_get_record,
    "POST /xrpc/com.atproto.repo.createRecord": _bsky_create_record,
    "POST /xrpc/com.atproto.repo.uploadBlob": _bsky_upload,
    "GET /xrpc/com.atproto.identity.resolveHandle": _bsky_resolve,
    **HTTP_ROUTES,
}


@contextmanager
def fake_networks() -> Iterator[Networks]:
    """Serve the fakes on a free port; ``Networks.base`` is their address."""
    state = Networks()
    handler = type("Handler", (_Handler,), {"networks": state})
    with serving(handler, threading.Event()) as base:
        state.base = base
        yield state
