#!/usr/bin/env python3
"""The plain hosts of the routes lab (no Netloom on them): who is asking, and who answers.

  whoami.py serve PORT [PORT...]
      An HTTP server on every PORT (all addresses) answering each GET with the source address it
      sees, e.g. "198.18.11.11", and logging "<epoch seconds> <source> -> :<port>" to stdout: a plain host
      behind a routing peer, or the lab's "internet" host, tells a test whose address a request
      arrived from (the routing peer's when it masquerades, the client's own when it does not).

  whoami.py poll URL [--interval SECONDS] [--timeout SECONDS]
      Asks URL again and again on a new connection each time, printing one line per request:
      "<epoch milliseconds> <answer>", or "<epoch milliseconds> - <why>" when none came within the
      timeout. A failover test reads which routing peer carried each request, to the request.

Standard library only.
"""

import argparse
import http.client
import http.server
import socket
import sys
import threading
import time
import urllib.parse


class WhoAmI(http.server.BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so every request is a new flow the routing decides anew.
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        source = self.client_address[0]
        body = (source + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        print(f"{time.time():.3f} {source} -> :{self.server.server_address[1]}", flush=True)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass  # do_GET logs one line per request; the default line says nothing more


def serve(ports):
    servers = [http.server.ThreadingHTTPServer(("0.0.0.0", port), WhoAmI) for port in ports]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving on ports {', '.join(map(str, ports))}", flush=True)
    servers[0].serve_forever()


def ask(url, timeout):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().read().decode().strip()
    finally:
        connection.close()


def poll(url, interval, timeout):
    while True:
        started = time.monotonic()
        try:
            answer = ask(url, timeout)
        except (OSError, http.client.HTTPException) as e:
            answer = "- " + (type(e).__name__ if isinstance(e, socket.timeout) else str(e) or type(e).__name__)
        print(f"{int(time.time() * 1000)} {answer}", flush=True)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve")
    serving.add_argument("ports", type=int, nargs="+")
    polling = commands.add_parser("poll")
    polling.add_argument("url")
    polling.add_argument("--interval", type=float, default=0.1)
    polling.add_argument("--timeout", type=float, default=0.5)
    arguments = parser.parse_args()
    try:
        if arguments.command == "serve":
            serve(arguments.ports)
        else:
            poll(arguments.url, arguments.interval, arguments.timeout)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
