"""A fake Telegram Bot API for tests and benchmarks.

`FakeBotAPI` answers Bot API methods the way Telegram does (`{"ok": true, "result": ...}`, or
`{"ok": false, "error_code", "description"}` when told to fail), records every call and serves
queued updates to getUpdates with long polling. Like Telegram, it takes one answer per button
press: a second answerCallbackQuery for the same id is refused. Two ways in:

- `RecordingRequest`, a python-telegram-bot request object (no sockets), for unit tests that
  feed updates through `Application.process_update`;
- `FakeBotServer`, a real HTTP server on 127.0.0.1 in a thread, for end-to-end tests that run
  the Application with polling (or post to its webhook);
- `httpx_request`, python-telegram-bot's own HTTPXRequest with an httpx transport that answers
  from a FakeBotAPI (no sockets), for tests of network failures (`FakeBotAPI.break_next`):
  httpx raises them, and python-telegram-bot turns them into its errors, as on the network.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, HTTPXRequest, RequestData

BOT_ID = 777000111
BOT_USERNAME = "news_test_bot"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Newsbot",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# What Telegram says to a second answer to one button press (or one that comes too late).
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"
# Form fields whose values travel JSON-encoded (PTB sends everything else as plain strings).
JSON_FIELDS = frozenset(
    {
        "chat_id", "message_id", "message_thread_id", "reply_markup", "reply_parameters",
        "link_preview_options", "results", "commands", "offset", "limit", "timeout",
        "allowed_updates", "show_alert", "cache_time", "is_personal", "entities",
        "max_connections", "drop_pending_updates", "scope", "button",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API request: the method and its parameters."""

    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.perf_counter)


@dataclass(slots=True)
class Failure:
    """A canned error for the next calls of a method that match `when`."""

    status: int
    description: str
    times: int = 1
    when: Callable[[dict[str, Any]], bool] | None = None
    parameters: dict[str, Any] | None = None  # ResponseParameters, e.g. migrate_to_chat_id


class FakeBotAPI:
    """Bot API state: the calls made, canned failures, queued updates, the command list."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[Failure]] = {}
        self.commands: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.changed = threading.Condition()
        self._message_id = 5000
        self._update_id = 100
        self._answered: set[str] = set()  # button presses answered (callback_query_id)
        self.breaks: dict[str, list[tuple[Exception, bool]]] = {}  # see break_next
        self.answers: dict[str, Any] = {}  # see answer_with
        self.closing = False

    # test side

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (that match `when`) fail like Telegram."""
        failure = Failure(status, description, times, when, parameters)
        self.failures.setdefault(method, []).append(failure)

    def break_next(self, method: str, error: Exception, *, delivered: bool = False) -> None:
        """Make the next call of `method` fail on the network with `error`, an httpx
        exception (only through `httpx_request`): before it reaches the API, or, delivered,
        after the API handled it (the answer lost on its way back)."""
        self.breaks.setdefault(method, []).append((error, delivered))

    def answer_with(self, method: str, result: Any) -> None:
        """Make every call of `method` succeed with `result` in place of what Telegram
        answers: a server that speaks the API's JSON but is no Bot API (getMe's result a
        string)."""
        self.answers[method] = result

    def queue(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (its update_id is set); returns the update_id."""
        with self.changed:
            self._update_id += 1
            update = {**update, "update_id": self._update_id}
            self.updates.append(update)
            self.changed.notify_all()
            return self._update_id

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of the calls of one method, in order."""
        with self.changed:
            return [c.params for c in self.calls if c.method == method]

    def results(self, method: str = "sendMessage") -> list[Any]:
        """What the successful calls of one method returned, in order."""
        with self.changed:
            return [c.result for c in self.calls if c.method == method and c.result is not None]

    def methods(self) -> list[str]:
        """The methods called, in order."""
        with self.changed:
            return [c.method for c in self.calls]

    def wait_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 10.0) -> None:
        """Block until predicate(self) holds (checked after each call); fail after timeout."""
        with self.changed:
            if not self.changed.wait_for(lambda: predicate(self), timeout=timeout):
                raise AssertionError(f"timed out; calls so far: {[c.method for c in self.calls]}")

    def close(self) -> None:
        """Release long-polling getUpdates calls."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    # server side

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body Telegram would answer."""
        if method == "getUpdates" and self.failures.get(method):
            with self.changed:  # a canned refusal of polling, e.g. 409 Conflict
                refusal = self._failure(method, params)
                if refusal is not None:
                    self.calls.append(Call(method, params))
                    self.changed.notify_all()
                    return refusal.status, {
                        "ok": False,
                        "error_code": refusal.status,
                        "description": refusal.description,
                    }
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self.changed:
            failure = self._failure(method, params) or self._answered_twice(method, params)
            result = None if failure is not None else self._result(method, params)
            self.calls.append(Call(method, params, result))
            self.changed.notify_all()
        if failure is not None:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.parameters is not None:
                body["parameters"] = failure.parameters
            elif failure.status == 429:
                body["parameters"] = {"retry_after": 1}
            return failure.status, body
        return 200, {"ok": True, "result": result}

    def _failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        for failure in self.failures.get(method, []):
            if failure.times > 0 and (failure.when is None or failure.when(params)):
                failure.times -= 1
                return failure
        return None

    def _answered_twice(self, method: str, params: dict[str, Any]) -> Failure | None:
        """Telegram's refusal of a second answer to one button press (None for the first)."""
        if method != "answerCallbackQuery":
            return None
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered:
            return Failure(400, QUERY_TOO_OLD)
        self._answered.add(query_id)
        return None

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        with self.changed:
            self.calls.append(Call("getUpdates", params))
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.changed.wait_for(lambda: bool(self.updates) or self.closing, timeout=timeout)
            return list(self.updates)

    def _message(self, params: dict[str, Any], text: str) -> dict[str, Any]:
        self._message_id += 1
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": self._message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            "text": text,
        }
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = True
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method in self.answers:
            return self.answers[method]
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            return self._message(params, str(params["text"]))
        if method in ("editMessageText", "editMessageReplyMarkup"):
            if "inline_message_id" in params:
                return True
            message = self._message(params, str(params.get("text", "")))
            message["message_id"] = int(params["message_id"])
            return message
        if method == "setMyCommands":
            self.commands = list(params.get("commands", []))
            return True
        if method == "getMyCommands":
            return self.commands
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # answerCallbackQuery, answerInlineQuery, deleteWebhook, setWebhook, ...


class RecordingRequest(BaseRequest):
    """A PTB request object that hands every call to a FakeBotAPI instead of the network."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (unused: nothing waits on a network)."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer from the fake API; getUpdates returns at once."""
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if endpoint == "getUpdates":
            params["timeout"] = 0
        status, body = self.api.handle(endpoint, params)
        return status, json.dumps(body).encode("utf-8")


def form_params(raw: str) -> dict[str, Any]:
    """A request's form fields as RecordingRequest records them (JSON fields decoded)."""
    return {
        k: json.loads(v) if k in JSON_FIELDS else v
        for k, v in parse_qsl(raw, keep_blank_values=True)
    }


def httpx_request(api: FakeBotAPI) -> HTTPXRequest:
    """python-telegram-bot's HTTPXRequest, its requests answered by `api` without sockets;
    the failures `api.break_next` plans are raised by httpx, so that python-telegram-bot
    maps them (TimedOut, NetworkError) as it does those of the network."""

    def answer(request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        params = form_params(request.content.decode("utf-8"))
        if method == "getUpdates":
            params["timeout"] = 0
        planned = api.breaks.get(method)
        error, delivered = planned.pop(0) if planned else (None, False)
        if error is not None and not delivered:
            raise error
        status, body = api.handle(method, params)
        if error is not None:
            raise error
        return httpx.Response(status, json=body)

    return HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(answer)})


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            self._write(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self.server.tokens.add(parts[0].removeprefix("bot"))
        size = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(size).decode("utf-8") if size else ""
        if self.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(raw) if raw else {}
        else:
            params = form_params(raw)
        status, body = self.server.api.handle(parts[1], params)
        self._write(status, body)

    def _write(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a long poll (it is shutting down)

    def log_message(self, format: str, *args: Any) -> None:  # the stdlib names it format
        """Quiet: no access log on stderr."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: FakeBotAPI) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api
        self.tokens: set[str] = set()


class FakeBotServer:
    """The fake Bot API over HTTP on 127.0.0.1, in a background thread."""

    def __init__(self, api: FakeBotAPI | None = None) -> None:
        self.api = api or FakeBotAPI()
        self._server = _Server(self.api)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The base URL to hand PTB: http://127.0.0.1:PORT/bot."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    @property
    def tokens(self) -> set[str]:
        """Tokens the clients used in their request paths."""
        return self._server.tokens

    def __enter__(self) -> FakeBotServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.api.close()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# --- updates as Telegram sends them -----------------------------------------------------------

USER: dict[str, Any] = {
    "id": 42,
    "is_bot": False,
    "first_name": "Ada",
    "username": "ada",
    "language_code": "en",
}
OTHER_USER: dict[str, Any] = {"id": 43, "is_bot": False, "first_name": "Bob"}
GROUP_CHAT: dict[str, Any] = {"id": -1001234567890, "type": "supergroup", "title": "News fans"}
FORUM_CHAT: dict[str, Any] = {**GROUP_CHAT, "id": -1009876543210, "is_forum": True}
_ids = iter(range(1, 10**9))


def private_chat(user: dict[str, Any] = USER) -> dict[str, Any]:
    """The private chat with a user."""
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?(?![A-Za-z0-9_@])")


def _utf16(text: str) -> int:
    """A text's length as Telegram counts entity offsets: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def text_message(
    text: str,
    *,
    chat: dict[str, Any] | None = None,
    user: dict[str, Any] = USER,
    message_id: int | None = None,
    thread_id: int | None = None,
    reply_to: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A text message with the entities Telegram would add: a leading /command (Latin
    letters, digits and "_", with an @name: "/" alone or "/İ" is none), the bot's @mention
    after it, in UTF-16 code units as Telegram counts them."""
    entities: list[dict[str, Any]] = []
    command = _COMMAND.match(text)
    if command is not None:
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16(command[0])})
    after = command.end() if command is not None else 0  # "/follow@bot" holds no mention
    start = text.find("@" + BOT_USERNAME, after)
    if start >= 0:
        entities.append(
            {"type": "mention", "offset": _utf16(text[:start]), "length": len(BOT_USERNAME) + 1}
        )
    message: dict[str, Any] = {
        "message_id": message_id if message_id is not None else next(_ids),
        "date": 1_717_000_000,
        "chat": chat if chat is not None else private_chat(user),
        "from": user,
        "text": text,
        **extra,
    }
    if entities:
        message["entities"] = entities
    if thread_id is not None:
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


def bot_message(
    text: str, *, chat: dict[str, Any], message_id: int | None = None
) -> dict[str, Any]:
    """A message the bot sent earlier."""
    return {
        "message_id": message_id if message_id is not None else next(_ids),
        "date": 1_716_999_000,
        "chat": chat,
        "from": BOT_USER,
        "text": text,
    }


def message_update(
    message: dict[str, Any], *, edited: bool = False, edit_date: int | None = None
) -> dict[str, Any]:
    """An update carrying a new or an edited message: an edit made now, as a user's is (or at
    `edit_date`)."""
    if edited:
        when = edit_date if edit_date is not None else int(time.time())
        return {"update_id": next(_ids), "edited_message": {**message, "edit_date": when}}
    return {"update_id": next(_ids), "message": message}


def reaction_update(message: dict[str, Any], *, edit_date: int | None = None) -> dict[str, Any]:
    """The edited_message Telegram sends when a message gets its first reaction: the message
    as it was, without an edit_date (a hidden edit: the Bot API leaves out an edit date of 0)
    or, for a message edited before, with that edit's date."""
    edited = {**message, "edit_date": edit_date} if edit_date is not None else dict(message)
    return {"update_id": next(_ids), "edited_message": edited}


def callback_update(
    data: str, message: dict[str, Any] | None, *, user: dict[str, Any] = USER
) -> dict[str, Any]:
    """A button press under `message` (None: under an inline message)."""
    query: dict[str, Any] = {
        "id": str(next(_ids)),
        "from": user,
        "chat_instance": "-1234",
        "data": data,
    }
    if message is None:
        query["inline_message_id"] = "AAAAinline"
    else:
        query["message"] = message
    return {"update_id": next(_ids), "callback_query": query}


def inline_update(query: str, offset: str = "", *, user: dict[str, Any] = USER) -> dict[str, Any]:
    """An inline query: `@bot query` typed in some chat."""
    return {
        "update_id": next(_ids),
        "inline_query": {
            "id": str(next(_ids)),
            "from": user,
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        },
    }
