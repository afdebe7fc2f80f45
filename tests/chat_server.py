"""A chat completions endpoint on 127.0.0.1 that answers from a script, in the wire format
of OpenAI-compatible servers (llama.cpp, vLLM, Ollama), for driving the real client."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Reply", "Served", "completion", "quoted_in", "serve"]


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, body (a dict is sent as JSON), headers, a delay first."""

    status: int = 200
    body: dict[str, Any] | str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str, model: str = "test-model", finish: str = "stop") -> Reply:
    """A successful chat completion whose message is ``content``."""
    return Reply(body={
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    })  # fmt: skip


def quoted_in(request: dict[str, Any]) -> Reply:
    """A model that answers with every passage in curly double marks of the text sent."""
    text = request["messages"][-1]["content"]
    quotes = [{"text": q, "type": "direct"} for q in re.findall("\u201c([^\u201d]+)\u201d", text)]
    return completion(json.dumps({"quotes": quotes}))


@dataclass
class Served:
    """The running endpoint: its base URL and every request it received (JSON bodies and
    headers), in order."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


Script = Callable[[dict[str, Any], int], Reply]


@contextmanager
def serve(script: Script) -> Iterator[Served]:
    """Run an endpoint whose answer to request number ``n`` (from 0) is ``script(body, n)``."""
    lock = threading.Lock()
    served = Served("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                number = len(served.requests)
                served.requests.append(body)
                served.headers.append({k.lower(): v for k, v in self.headers.items()})
            reply = script(body, number)
            time.sleep(reply.delay)
            data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data.encode())))
                self.end_headers()
                self.wfile.write(data.encode())
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
