"""Front door of ``MIPG_WORKERS=N make run``.

In multi-process mode Odoo serves HTTP from its worker processes and the bus
(the websocket of live notifications) from a separate gevent process on
another port; in production a reverse proxy sends ``/websocket`` to the
latter. This is that proxy for the local demo: on the public port it reads the
first request line of each connection and then passes the connection, as it
is, to the bus port for ``/websocket`` and to the HTTP workers otherwise.

Usage: python workers_proxy.py PUBLIC_PORT HTTP_PORT BUS_PORT
"""

import socket
import sys
import threading


def close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        # Either side gone: end the other one too.
        close(src)
        close(dst)


def handle(client, http_port, bus_port):
    head = b""
    try:
        while b"\r\n" not in head and len(head) < 65536:
            chunk = client.recv(65536)
            if not chunk:
                close(client)
                return
            head += chunk
    except OSError:
        close(client)
        return
    parts = head.split(b" ", 2)
    path = parts[1] if len(parts) > 1 else b"/"
    port = bus_port if path.startswith(b"/websocket") else http_port
    try:
        upstream = socket.create_connection(("127.0.0.1", port))
        upstream.sendall(head)
    except OSError:
        try:
            client.sendall(
                b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                b"Connection: close\r\n\r\n"
            )
        except OSError:
            pass
        close(client)
        return
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
    pump(client, upstream)


def listen(port):
    """A socket on every interface, IPv6 and IPv4 where the machine has both."""
    try:
        server = socket.socket(socket.AF_INET6)
        server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    except OSError:
        server = socket.socket(socket.AF_INET)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("", port))
    server.listen(128)
    return server


def main(public_port, http_port, bus_port):
    server = listen(public_port)
    while True:
        client, _addr = server.accept()
        threading.Thread(
            target=handle, args=(client, http_port, bus_port), daemon=True
        ).start()


if __name__ == "__main__":
    try:
        main(*(int(arg) for arg in sys.argv[1:4]))
    except KeyboardInterrupt:
        pass
