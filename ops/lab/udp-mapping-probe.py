#!/usr/bin/env python3
"""Shows how a NAT maps one UDP socket towards several destinations (standard library only).

  serve ADDR PORT...         answer every datagram with the sender's address as "ip:port";
                             stops by itself after --timeout seconds
  probe [--local-port N] ADDR:PORT...
                             send from ONE local socket to each destination and print the
                             address each destination saw

Behind an endpoint-independent NAT every destination sees the same ip:port; behind a symmetric
(endpoint-dependent) NAT each destination sees a different port. The last line says which.
"""
import argparse
import select
import socket
import sys
import time


def serve(addr, ports, timeout):
    socks = []
    for port in ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, port))
        socks.append(s)
    print(f"reflecting on {addr} ports {ports} for {timeout}s", flush=True)
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select(socks, [], [], left)
        for s in ready:
            _, (ip, port) = s.recvfrom(2048)
            s.sendto(f"{ip}:{port}".encode(), (ip, port))


def probe(targets, local_port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", local_port))
    s.settimeout(1.0)
    local = s.getsockname()
    seen = []
    for target in targets:
        host, port = target.rsplit(":", 1)
        answer = None
        for _ in range(3):  # UDP: retry a lost datagram
            s.sendto(b"probe", (host, int(port)))
            try:
                answer = s.recvfrom(2048)[0].decode()
                break
            except socket.timeout:
                continue
        print(f"local {local[0]}:{local[1]} -> {target}: seen as {answer or 'NO ANSWER'}")
        if answer is None:
            return 2
        seen.append(answer)
    if len(set(seen)) == 1:
        print(f"mapping: endpoint-independent (every destination saw {seen[0]})")
    else:
        print(f"mapping: endpoint-dependent / symmetric ({len(set(seen))} different mappings)")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    p_serve = sub.add_parser("serve")
    p_serve.add_argument("addr")
    p_serve.add_argument("ports", nargs="+", type=int)
    p_serve.add_argument("--timeout", type=float, default=30)
    p_probe = sub.add_parser("probe")
    p_probe.add_argument("targets", nargs="+")
    p_probe.add_argument("--local-port", type=int, default=0)
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.addr, args.ports, args.timeout)
        return 0
    return probe(args.targets, args.local_port)


if __name__ == "__main__":
    sys.exit(main())
