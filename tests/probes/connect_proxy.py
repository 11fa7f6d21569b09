#!/usr/bin/env python3
"""A small HTTP CONNECT proxy for the probe tests (run inside the test's network namespace).

It answers CONNECT only for the host:port pairs given with --allow HOST:PORT=ADDR:PORT, by
opening a real tunnel to ADDR:PORT; every other request gets 403. It stops by itself after
--lifetime seconds. Standard library only.

    connect_proxy.py --listen 127.0.0.1:3128 --allow proxy-only.tekigo.test:443=127.0.0.10:443
"""
import argparse
import socket
import socketserver
import threading


def split_hostport(text):
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


class Handler(socketserver.StreamRequestHandler):
    timeout = 10

    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 8192:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split()
        if len(parts) != 3 or parts[0] != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        target = self.server.allow.get(parts[1].lower())
        if target is None:
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            upstream = socket.create_connection(target, timeout=5)
        except OSError:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.relay(upstream)

    def relay(self, upstream):
        def pump(src, dst):
            try:
                while True:
                    data = src.recv(16384)
                    if not data:
                        break
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for s in (src, dst):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        other = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
        other.start()
        pump(self.request, upstream)
        other.join(5)
        upstream.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", required=True)
    ap.add_argument("--allow", action="append", default=[])
    ap.add_argument("--lifetime", type=float, default=300)
    args = ap.parse_args()
    host, port = split_hostport(args.listen)
    server = Server((host, port), Handler)
    server.allow = {}
    for rule in args.allow:
        name, _, target = rule.partition("=")
        server.allow[name.lower()] = split_hostport(target)
    threading.Timer(args.lifetime, server.shutdown).start()
    print(f"connect_proxy: listening on {host}:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
