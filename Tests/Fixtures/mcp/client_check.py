#!/usr/bin/env python3
"""Interop check: the official Python MCP client (`pip install mcp`) against Quiver's MCP server.

Over stdio (starts `quiver mcp` itself):
  python3 Tests/Fixtures/mcp/client_check.py --quiver .build/debug/quiver \
      --packs examples/packs --policy examples/policy.yaml
Over Streamable HTTP (a running `quiver serve`):
  python3 Tests/Fixtures/mcp/client_check.py --url http://127.0.0.1:PORT/mcp [--token TOKEN]

It initializes (with client name --client-name), lists the tools, calls a wasm tool (echo by
default) and checks its output, sends bad input and checks for a tool error carrying the
validation message, and lists the prompts and resources made from skills. Each check prints
`ok: …` or `FAIL: …`; the last line is a JSON summary. Exit status 0 when every check passed,
1 when one failed, 2 when the `mcp` package is missing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from contextlib import AsyncExitStack

try:
    from mcp import ClientSession, StdioServerParameters, stdio_client
    from mcp import types
except ImportError:  # pragma: no cover - reported to the caller
    print("FAIL: the Python package 'mcp' is not installed; run: pip install mcp", flush=True)
    sys.exit(2)


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, condition: bool, what: str, detail: object = "") -> bool:
        if condition:
            self.passed += 1
            print(f"ok: {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL: {what} {detail}".rstrip(), flush=True)
        return condition


def text_of(result: types.CallToolResult) -> str:
    return "\n".join(getattr(item, "text", "") for item in result.content if getattr(item, "type", "") == "text")


async def run_checks(session: ClientSession, args: argparse.Namespace, checks: Checks) -> None:
    init = await session.initialize()
    checks.check(init.server_info.name == "quiver", "initialize names the server 'quiver'", init.server_info.name)

    tools = (await session.list_tools()).tools
    by_name = {tool.name: tool for tool in tools}
    checks.check(args.tool in by_name, f"tools/list includes '{args.tool}'", sorted(by_name))
    if args.tool in by_name:
        schema = by_name[args.tool].input_schema
        checks.check(isinstance(schema, dict) and schema.get("type") == "object",
                     f"'{args.tool}' has an object input schema", schema)

    arguments = json.loads(args.arguments)
    result = await session.call_tool(args.tool, arguments)
    checks.check(not result.is_error, f"tools/call '{args.tool}' succeeds", text_of(result))
    expected = json.loads(args.expect) if args.expect else arguments
    output = result.structured_content
    if output is None:
        try:
            output = json.loads(text_of(result))
        except ValueError:
            output = text_of(result)
    checks.check(output == expected, f"'{args.tool}' returns {json.dumps(expected)}", output)

    bad = await session.call_tool(args.tool, json.loads(args.bad_arguments))
    message = text_of(bad)
    checks.check(bad.is_error is True, "bad input is a tool error (isError)", message)
    checks.check("input_invalid" in message and args.bad_pointer in message,
                 f"the error names the outcome and the field ({args.bad_pointer})", message)

    try:
        await session.call_tool("no_such_tool_here", {})
        checks.check(False, "an unknown tool is a JSON-RPC error", "no error")
    except Exception as error:  # the SDK raises on a JSON-RPC error reply
        checks.check("no_such_tool_here" in str(error), "an unknown tool is a JSON-RPC error", error)

    if not args.skip_skills:
        prompts = (await session.list_prompts()).prompts
        checks.check(any("__" in prompt.name for prompt in prompts), "skills are listed as prompts (pack__skill)",
                     [prompt.name for prompt in prompts])
        resources = (await session.list_resources()).resources
        skill_uris = [str(resource.uri) for resource in resources if str(resource.uri).startswith("quiver://skills/")]
        checks.check(bool(skill_uris), "skills are listed as resources (quiver://skills/…)",
                     [str(resource.uri) for resource in resources])
        if skill_uris:
            read = await session.read_resource(skill_uris[0])
            checks.check(bool(read.contents) and "name:" in getattr(read.contents[0], "text", ""),
                         "a skill resource reads as its SKILL.md", read.contents)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiver", help="the quiver binary, for stdio (runs 'quiver mcp')")
    parser.add_argument("--packs", action="append", default=[], help="--packs for 'quiver mcp' (repeatable)")
    parser.add_argument("--policy", help="--policy for 'quiver mcp'")
    parser.add_argument("--url", help="a Streamable HTTP endpoint instead of stdio, e.g. http://127.0.0.1:8080/mcp")
    parser.add_argument("--token", help="a bearer token for --url")
    parser.add_argument("--client-name", default="python-interop-check", help="the client name sent in initialize")
    parser.add_argument("--tool", default="echo")
    parser.add_argument("--arguments", default='{"message": "hello from python"}')
    parser.add_argument("--expect", help="the expected output as JSON (default: the arguments)")
    parser.add_argument("--bad-arguments", default='{"message": 42}')
    parser.add_argument("--bad-pointer", default="/message", help="the JSON pointer the validation error must name")
    parser.add_argument("--skip-skills", action="store_true", help="do not check prompts and resources")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for the whole check")
    args = parser.parse_args()
    if not args.quiver and not args.url:
        parser.error("give --quiver (stdio) or --url (Streamable HTTP)")

    checks = Checks()
    client_info = types.Implementation(name=args.client_name, version="1.0")
    async with AsyncExitStack() as stack:
        if args.url:
            from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

            headers = {"Authorization": f"Bearer {args.token}"} if args.token else None
            http = await stack.enter_async_context(create_mcp_http_client(headers=headers))
            streams = await stack.enter_async_context(streamable_http_client(args.url, http_client=http))
            read, write = streams[0], streams[1]
        else:
            command = [args.quiver, "mcp"] + [f"--packs={p}" for p in args.packs]
            if args.policy:
                command.append(f"--policy={args.policy}")
            # The whole environment, so QUIVER_HOME and QUIVER_PACKS reach the server (the SDK passes
            # only a safe subset by default).
            params = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
            read, write = await stack.enter_async_context(stdio_client(params))
        session = await stack.enter_async_context(ClientSession(read, write, client_info=client_info))
        await asyncio.wait_for(run_checks(session, args, checks), args.timeout)
    print(json.dumps({"passed": checks.passed, "failed": checks.failed}), flush=True)
    return 0 if checks.failed == 0 and checks.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
