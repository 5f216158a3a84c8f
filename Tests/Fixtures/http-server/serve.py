"""A loopback HTTP server for the quiver.http tests.

Binds 127.0.0.1 on a free port, prints the port on its first line of stdout, and answers:
  GET /hello     -> 200 {"hello": "world"}
  GET /redirect  -> 302 to /hello (the host must not follow it)
  GET /big       -> 200 with a 2 MiB body (over the host's 1 MiB limit)
  POST /echo     -> 200 with the request body
It exits when stdin closes, so a test that dies never leaves it running.
"""
import http.server
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/hello":
            self._send(200, b'{"hello": "world"}', [("Content-Type", "application/json")])
        elif self.path == "/redirect":
            self._send(302, b"", [("Location", "/hello")])
        elif self.path == "/big":
            self._send(200, b"x" * (2 << 20))
        else:
            self._send(404, b"not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self._send(200, self.rfile.read(length))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
