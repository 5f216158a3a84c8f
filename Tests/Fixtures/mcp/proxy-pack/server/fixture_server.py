"""A small MCP server on the official Python SDK, for Quiver's tests of MCP-backed handlers.

Run as a pack's MCP server over stdio: python3 fixture_server.py
Tools:
  add(a, b)        -> {"sum": a + b}            structured output
  shout(text)      -> text upper-cased          plain text content
  sleep(seconds)   -> "slept"                   for deadlines
  fail(message)    -> a tool error              isError results
  whoami()         -> {"pid", "instance", "cwd", "env"}  to see reuse, restarts and the scrubbed environment
                      ("instance" differs per process start even where PIDs repeat, as in bubblewrap's PID namespace)
  crash()          -> the process exits         a server that dies mid-call
"""

import os
import sys
import time

# Unique per process start: PIDs repeat inside a PID namespace (bubblewrap), this does not.
INSTANCE = f"{os.getpid()}-{time.time_ns()}"

try:  # mcp 2.x
    from mcp.server.mcpserver import MCPServer as Server
except ImportError:  # mcp 1.x
    from mcp.server.fastmcp import FastMCP as Server

server = Server("quiver-fixture")


@server.tool()
def add(a: int, b: int) -> dict:
    """Add two integers."""
    return {"sum": a + b}


@server.tool()
def shout(text: str) -> str:
    """Return the text upper-cased."""
    return text.upper()


@server.tool()
def sleep(seconds: float) -> str:
    """Sleep, then answer."""
    time.sleep(seconds)
    return "slept"


@server.tool()
def fail(message: str) -> str:
    """Always fail with the message."""
    raise ValueError(message)


@server.tool()
def whoami() -> dict:
    """Report the process ID, working directory and environment variable names."""
    return {"pid": os.getpid(), "instance": INSTANCE, "cwd": os.getcwd(), "env": sorted(os.environ.keys())}


@server.tool()
def crash() -> str:
    """Exit the process at once."""
    sys.stderr.write("fixture server: crashing on purpose\n")
    sys.stderr.flush()
    os._exit(3)


if __name__ == "__main__":
    server.run()
