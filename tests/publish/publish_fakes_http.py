"""Fakes of the networks portavoz posts to with httpx: X, LinkedIn, Facebook, Instagram, Threads.

Each checks the credentials its API expects (X verifies the OAuth 1.0a HMAC-SHA1 signature
with the account's secrets; LinkedIn a bearer token and its version headers; the Graph APIs
an ``access_token`` field) and answers in the shapes of its documentation:

- X: docs.x.com/x-api/posts/create-post, /x-api/media/upload-media, /create-media-metadata
- LinkedIn: learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api,
  …/images-api, …/comments-api
- Facebook: developers.facebook.com/docs/pages-api/posts, /docs/graph-api/reference/page/photos
- Instagram: developers.facebook.com/docs/instagram-platform/content-publishing
- Threads: developers.facebook.com/docs/threads/posts, /threads/reply-management

``publish_fakes`` serves these routes beside Mastodon's, Bluesky's and Telegram's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from oauthlib.common import Request
from oauthlib.oauth1.rfc5849 import signature

X_KEYS = {
    "PORTAVOZ_X_API_KEY": "x-consumer-key-1111",
    "PORTAVOZ_X_API_SECRET": "x-consumer-secret-2222",
    "PORTAVOZ_X_ACCESS_TOKEN": "x-access-token-3333",
    "PORTAVOZ_X_ACCESS_SECRET": "x-access-secret-4444",
}
LINKEDIN_TOKEN = "linkedin-token-5555"
FACEBOOK_TOKEN = "facebook-page-token-6666"
INSTAGRAM_TOKEN = "instagram-token-7777"
THREADS_TOKEN = "threads-token-8888"
SECRETS = X_KEYS | {
    "PORTAVOZ_LINKEDIN_TOKEN": LINKEDIN_TOKEN,
    "PORTAVOZ_FACEBOOK_TOKEN": FACEBOOK_TOKEN,
    "PORTAVOZ_INSTAGRAM_TOKEN": INSTAGRAM_TOKEN,
    "PORTAVOZ_THREADS_TOKEN": THREADS_TOKEN,
}
LINKEDIN_AUTHOR = "urn:li:organization:2414183"
FACEBOOK_PAGE = "104857600000001"
INSTAGRAM_USER = "17841400000000001"
THREADS_USER = "26000000000000001"
GRAPH = "/v23.0"
THREADS = "/v1.0"

# (status, JSON body) or (status, JSON body, headers): LinkedIn answers ids in a header.
Answer = tuple[int, dict[str, object]] | tuple[int, dict[str, object], dict[str, str]]
Handler = Callable[[Any, Any, bytes, dict[str, str]], Answer]


# X: OAuth 1.0a user context, checked as X checks it (the signature over method, URL, query).


def _x_auth(handler: Any) -> Answer | None:
    header = handler.headers.get("Authorization", "")
    given = dict(
        signature.collect_parameters(
            headers={"Authorization": header}, exclude_oauth_signature=False
        )
    )
    if (
        not header.startswith("OAuth ")
        or given.get("oauth_consumer_key") != X_KEYS["PORTAVOZ_X_API_KEY"]
        or given.get("oauth_token") != X_KEYS["PORTAVOZ_X_ACCESS_TOKEN"]
    ):
        return _x_unauthorized()
    host = handler.headers.get("Host", "")
    request = Request(f"http://{host}{handler.path}", handler.command)
    request.params = signature.collect_parameters(
        uri_query=urlsplit(handler.path).query, headers={"Authorization": header}
    )
    request.signature = given.get("oauth_signature", "")
    valid = signature.verify_hmac_sha1(
        request, X_KEYS["PORTAVOZ_X_API_SECRET"], X_KEYS["PORTAVOZ_X_ACCESS_SECRET"]
    )
    return None if valid else _x_unauthorized()


def _x_unauthorized() -> Answer:
    return 401, {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }


def _x_upload(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _x_auth(handler)
    if refused:
        return refused
    form = handler.form(body)
    if not isinstance(form.get("media"), bytes) or form.get("media_category") != "tweet_image":
        return 400, {"errors": [{"message": "media and media_category are required"}]}
    media_id = str(1880000000000000000 + len(state.media) + 1)
    state.media[media_id] = {"id": media_id, "network": "x", "alt": None}
    return 200, {"data": {"id": media_id, "media_key": f"3_{media_id}", "size": len(form["media"])}}


def _x_metadata(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _x_auth(handler)
    if refused:
        return refused
    data = json.loads(body)
    media = state.media.get(data.get("id"))
    if media is None:
        return 400, {"errors": [{"message": "media not found"}]}
    media["alt"] = data["metadata"]["alt_text"]["text"]
    return 200, {"data": {"id": data["id"], "associated_metadata": data["metadata"]}}


def _x_tweet(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _x_auth(handler)
    if refused:
        return refused
    data = json.loads(body)
    posts = state.posts.setdefault("x", [])
    known = {str(p["id"]) for p in posts}
    reply = (data.get("reply") or {}).get("in_reply_to_tweet_id")
    if reply is not None and reply not in known:
        return 400, {"errors": [{"message": "the post you are replying to does not exist"}]}
    tweet_id = str(1890000000000000000 + len(posts) + 1)
    media_ids = (data.get("media") or {}).get("media_ids") or []
    tweet = {
        "id": tweet_id,
        "text": data["text"],
        "in_reply_to": reply,
        "media": [state.media[m] for m in media_ids if m in state.media],
    }
    posts.append(tweet)
    return 201, {
        "data": {"id": tweet_id, "text": data["text"], "edit_history_tweet_ids": [tweet_id]}
    }


# LinkedIn: a bearer token, the version headers, ids in the x-restli-id header.


def _linkedin_auth(handler: Any) -> Answer | None:
    if not handler.bearer(LINKEDIN_TOKEN):
        return 401, {
            "status": 401,
            "serviceErrorCode": 65600,
            "code": "INVALID_ACCESS_TOKEN",
            "message": "Invalid access token",
        }
    if not re.fullmatch(r"\d{6}", handler.headers.get("LinkedIn-Version", "")):
        return 426, {
            "status": 426,
            "code": "NONEXISTENT_VERSION",
            "message": "Requested version is not active",
        }
    if handler.headers.get("X-Restli-Protocol-Version") != "2.0.0":
        return 400, {"status": 400, "message": "X-Restli-Protocol-Version 2.0.0 is required"}
    return None


def _linkedin_images(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _linkedin_auth(handler)
    if refused:
        return refused
    if query.get("action") != "initializeUpload":
        return 400, {"status": 400, "message": "unknown action"}
    owner = json.loads(body)["initializeUploadRequest"]["owner"]
    if owner != LINKEDIN_AUTHOR:
        return 403, {"status": 403, "message": "Not enough permissions to upload for this owner"}
    image = f"urn:li:image:C4E10AQ{len(state.media) + 1:08d}"
    state.media[image] = {"id": image, "network": "linkedin", "bytes": 0}
    upload = f"{state.base}/dms-uploads/{quote_urn(image)}"
    return 200, {
        "value": {"uploadUrlExpiresAt": 1780000000000, "uploadUrl": upload, "image": image}
    }


def _linkedin_upload(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    if not handler.bearer(LINKEDIN_TOKEN):
        return 401, {"status": 401, "message": "Invalid access token"}
    image = unquote(urlsplit(handler.path).path.rsplit("/", 1)[1])
    if image not in state.media:
        return 404, {"status": 404, "message": "upload not found"}
    state.media[image]["bytes"] = len(body)
    return 201, {}


def _linkedin_post(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _linkedin_auth(handler)
    if refused:
        return refused
    data = json.loads(body)
    if data.get("author") != LINKEDIN_AUTHOR or data.get("lifecycleState") != "PUBLISHED":
        return 422, {"status": 422, "message": "author and lifecycleState are required"}
    media = ((data.get("content") or {}).get("media")) or None
    if media is not None and not state.media.get(media["id"], {}).get("bytes"):
        return 422, {"status": 422, "message": f"image {media['id']} was not uploaded"}
    posts = state.posts.setdefault("linkedin", [])
    urn = f"urn:li:share:7{len(posts) + 1:018d}"
    posts.append({"id": urn, "commentary": data["commentary"], "media": media, "comments": []})
    return 201, {}, {"x-restli-id": urn}


def _linkedin_comment(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    refused = _linkedin_auth(handler)
    if refused:
        return refused
    target = unquote(urlsplit(handler.path).path.split("/")[3])
    data = json.loads(body)
    post = next((p for p in state.posts.get("linkedin", []) if p["id"] == target), None)
    if post is None or data.get("object") != target or data.get("actor") != LINKEDIN_AUTHOR:
        return 404, {"status": 404, "message": "Not Found"}
    post["comments"].append(data["message"]["text"])
    comment = f"urn:li:comment:({target},{len(post['comments'])})"
    answer = {"id": str(len(post["comments"])), "commentUrn": comment, "object": target}
    return 201, answer, {"x-restli-id": comment}


def quote_urn(urn: str) -> str:
    return urn.replace(":", "%3A")


# Facebook, Instagram, Threads: Graph API shapes, the token as an access_token field.


def _graph_error(message: str, code: int, kind: str = "OAuthException") -> Answer:
    return 400, {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "Ab1"}}


def _graph_form(
    handler: Any, body: bytes, query: dict[str, str], token: str
) -> dict[str, Any] | None:
    form = handler.form(body) if body else {}
    given = form.get("access_token") or query.get("access_token")
    return form if given == token else None


def _segments(handler: Any) -> list[str]:
    return urlsplit(handler.path).path.strip("/").split("/")


def _facebook_feed(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    form = _graph_form(handler, body, query, FACEBOOK_TOKEN)
    if form is None:
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    posts = state.posts.setdefault("facebook", [])
    edge = _segments(handler)[2]
    post_id = f"{FACEBOOK_PAGE}_{len(posts) + 1:015d}"
    post: dict[str, Any] = {"id": post_id, "message": form.get("message"), "comments": []}
    if edge == "photos":
        if not isinstance(form.get("source"), bytes):
            return _graph_error("(#324) Requires upload file", 324, "GraphMethodException")
        post["alt_text_custom"] = form.get("alt_text_custom")
        posts.append(post)
        return 200, {"id": f"9{len(posts):015d}", "post_id": post_id}
    posts.append(post)
    return 200, {"id": post_id}


def _comment(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    """A comment on a Facebook post or an Instagram media (each with its own token)."""
    target = _segments(handler)[1]
    tokens = {"facebook": FACEBOOK_TOKEN, "instagram": INSTAGRAM_TOKEN}
    found = [(n, p) for n in tokens for p in state.posts.get(n, []) if p["id"] == target]
    if not found:
        message = f"Unsupported post request. Object with ID '{target}' does not exist"
        return _graph_error(message, 100, "GraphMethodException")
    network, post = found[0]
    token = tokens[network]
    form = _graph_form(handler, body, query, token)
    if form is None:
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    post["comments"].append(form.get("message"))
    return 200, {"id": f"{target}_{len(post['comments'])}"}


def _container(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    """``/{user}/media`` (Instagram) and ``/{user}/threads`` (Threads): an unpublished container."""
    network, token, user = _graph_account(handler)
    form = _graph_form(handler, body, query, token)
    if form is None:
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    if _segments(handler)[1] != user:
        return _graph_error("Unsupported post request", 100, "GraphMethodException")
    image = form.get("image_url") or ""
    if network == "instagram" and not image:
        return _graph_error("The parameter image_url is required", 100)
    if image and not str(image).startswith("https://"):
        return _graph_error("Only photo or video can be accepted as media type.", 9004)
    reply = form.get("reply_to_id")
    if reply and reply not in {p["id"] for p in state.posts.get(network, [])}:
        return _graph_error("The reply_to_id does not exist", 100)
    container = f"c{len(state.records) + len(state.published) + 1}"
    state.records[container] = {
        "network": network,
        **{k: v for k, v in form.items() if k != "access_token"},
    }
    state.records[container]["polls"] = state.processing.get(network, 0)
    return 200, {"id": container}


# Where each API's container says its status (Instagram: status_code, and status for the
# error's subcode; Threads: status and error_message), from their references.
STATUS_FIELDS = {"instagram": ("status_code", "status"), "threads": ("status", "error_message")}


def _container_status(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    network, token, _user = _graph_account(handler)
    status, error = STATUS_FIELDS[network]
    if query.get("access_token") != token or query.get("fields") != f"{status},{error}":
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    container = _segments(handler)[1]
    if container in state.published:
        return 200, {status: "PUBLISHED", "id": container}
    record = state.records.get(container)
    if record is None or record["network"] != network:
        return _graph_error(f"Object with ID '{container}' does not exist", 100)
    if network in state.container_errors:
        return 200, {status: "ERROR", error: state.container_errors[network], "id": container}
    if record["polls"]:
        record["polls"] -= 1
        return 200, {status: "IN_PROGRESS", "id": container}
    return 200, {status: "FINISHED", "id": container}


def _publish(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    network, token, _user = _graph_account(handler)
    form = _graph_form(handler, body, query, token)
    if form is None:
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    creation = str(form.get("creation_id"))
    container = state.records.get(creation)
    if container is None or container["network"] != network:
        return _graph_error("The media container does not exist or was published", 100)
    if container["polls"]:  # what the APIs answer to a container published before it is ready
        return _graph_error("Media ID is not available", 9007)
    del state.records[creation]
    posts = state.posts.setdefault(network, [])
    media_id = f"{'18' if network == 'instagram' else '17'}{len(posts) + 1:015d}"
    state.published[creation] = media_id
    made = {k: v for k, v in container.items() if k != "polls"}
    posts.append({"id": media_id, **made, "comments": []})
    return 200, {"id": media_id}


def _permalink(handler: Any, state: Any, body: bytes, query: dict[str, str]) -> Answer:
    network, token, _user = _graph_account(handler)
    if query.get("access_token") != token or query.get("fields") != "permalink":
        return _graph_error("Invalid OAuth access token - Cannot parse access token", 190)
    media_id = _segments(handler)[1]
    if media_id not in {p["id"] for p in state.posts.get(network, [])}:
        return _graph_error(f"Object with ID '{media_id}' does not exist", 100)
    host = "www.instagram.com/p" if network == "instagram" else "www.threads.com/@ruedalibre/post"
    return 200, {"permalink": f"https://{host}/{media_id[-6:]}", "id": media_id}


def _graph_account(handler: Any) -> tuple[str, str, str]:
    if _segments(handler)[0] == THREADS[1:]:
        return "threads", THREADS_TOKEN, THREADS_USER
    return "instagram", INSTAGRAM_TOKEN, INSTAGRAM_USER


ROUTES: dict[str, Handler] = {
    "POST /2/media/upload": _x_upload,
    "POST /2/media/metadata": _x_metadata,
    "POST /2/tweets": _x_tweet,
    "POST /rest/images": _linkedin_images,
    "POST /rest/posts": _linkedin_post,
    f"POST {GRAPH}/{FACEBOOK_PAGE}/feed": _facebook_feed,
    f"POST {GRAPH}/{FACEBOOK_PAGE}/photos": _facebook_feed,
    f"POST {GRAPH}/{INSTAGRAM_USER}/media": _container,
    f"POST {GRAPH}/{INSTAGRAM_USER}/media_publish": _publish,
    f"POST {THREADS}/{THREADS_USER}/threads": _container,
    f"POST {THREADS}/{THREADS_USER}/threads_publish": _publish,
}
"""Routes with fixed paths."""
PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"PUT /dms-uploads/[^/]+"), _linkedin_upload),
    (re.compile(r"POST /rest/socialActions/[^/]+/comments"), _linkedin_comment),
    (re.compile(rf"POST {GRAPH}/[^/]+/comments"), _comment),
    (re.compile(rf"GET {GRAPH}/\d+"), _permalink),
    (re.compile(rf"GET {THREADS}/\d+"), _permalink),
    (re.compile(rf"GET ({GRAPH}|{THREADS})/c\d+"), _container_status),
]
"""Routes with an id in the path (tried after the fixed ones)."""
