"""A tiny OpenAI-compatible HTTP server on 127.0.0.1 that streams scripted chat completions
(Server-Sent Events), tool calls included. The real ``livekit.plugins.openai.LLM`` talks to it
through ``base_url``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Reply:
    text: str = ""
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    prompt_tokens: int = 500
    completion_tokens: int = 20


class ScriptedOpenAI:
    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self.base_url = ""
        self._n = 0

    async def models(self, _: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": []})

    async def completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        if not self.replies:
            return web.json_response(
                {"error": {"message": "script exhausted", "type": "server_error"}}, status=500
            )
        reply = self.replies.pop(0)
        self._n += 1
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for chunk in self._chunks(reply, body.get("model", "gpt-4o-mini")):
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    def _chunks(self, reply: Reply, model: str) -> list[dict[str, Any]]:
        base = {
            "id": f"chatcmpl-{self._n}",
            "object": "chat.completion.chunk",
            "created": 1_790_000_000,
            "model": model,
        }

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        out = [chunk({"role": "assistant", "content": ""})]
        for word in reply.text.split(" ") if reply.text else []:
            out.append(chunk({"content": word + " "}))
        for i, (name, args) in enumerate(reply.tool_calls):
            arguments = json.dumps(args)
            half = len(arguments) // 2
            call_id = f"call_{self._n}_{i}"
            out.append(
                chunk(
                    {
                        "tool_calls": [
                            {
                                "index": i,
                                "id": call_id,
                                "type": "function",
                                "function": {"name": name, "arguments": arguments[:half]},
                            }
                        ]
                    }
                )
            )
            out.append(
                chunk({"tool_calls": [{"index": i, "function": {"arguments": arguments[half:]}}]})
            )
        out.append(chunk({}, "tool_calls" if reply.tool_calls else "stop"))
        out.append(
            {
                **base,
                "choices": [],
                "usage": {
                    "prompt_tokens": reply.prompt_tokens,
                    "completion_tokens": reply.completion_tokens,
                    "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                },
            }
        )
        return out


@asynccontextmanager
async def openai_server(replies: list[Reply]) -> AsyncIterator[ScriptedOpenAI]:
    scripted = ScriptedOpenAI(replies)
    app = web.Application()
    app.router.add_get("/v1/models", scripted.models)
    app.router.add_post("/v1/chat/completions", scripted.completions)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    scripted.base_url = f"http://127.0.0.1:{port}/v1"
    try:
        yield scripted
    finally:
        await runner.cleanup()
