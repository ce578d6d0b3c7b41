"""Takes screenshots of the real mipg UI in headless Chromium.

Usage: python3 tools/screenshots.py BASE_URL DATABASE OUTPUT_DIR

Logs in through Odoo's JSON-RPC, hands the session cookie to Chromium through
the DevTools protocol, opens each page of SHOTS and saves a PNG.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

# name, login, URL path (after /odoo), CSS selector that must be on the page
SHOTS = [
    ("dimensions", "planeacion", "/action-mipg.mipg_dimension_action", ".o_kanban_record"),
]


def _post(url, payload, cookie=None):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers, json.loads(response.read())


def login(base, db, user):
    headers, body = _post(
        f"{base}/web/session/authenticate",
        {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}},
    )
    if body.get("error") or not body.get("result", {}).get("uid"):
        raise SystemExit(f"could not log in as {user}: {body.get('error')}")
    for value in headers.get_all("Set-Cookie"):
        if value.startswith("session_id="):
            return value.split(";")[0].split("=", 1)[1]
    raise SystemExit("no session cookie")


class Chrome:
    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit("Chromium was not found (Debian: apt-get install chromium)")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1440,900",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={self.port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json", timeout=2
                ) as response:
                    pages = [p for p in json.loads(response.read()) if p["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("Chromium did not start")
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main(base, db, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    chrome = Chrome()
    try:
        chrome.call("Network.enable")
        for name, user, path, selector in SHOTS:
            session = login(base, db, user)
            chrome.call("Network.clearBrowserCookies")
            chrome.call(
                "Network.setCookie",
                name="session_id",
                value=session,
                url=base,
            )
            chrome.call("Page.navigate", url=f"{base}/odoo{path}")
            for _attempt in range(150):
                found = chrome.evaluate(
                    f"!!document.querySelector({json.dumps(selector)}) && "
                    "!document.querySelector('.o_loading_indicator')"
                )
                if found:
                    break
                time.sleep(0.2)
            else:
                raise SystemExit(f"{name}: {selector} never appeared on {path}")
            time.sleep(1.0)
            shot = chrome.call("Page.captureScreenshot", format="png")
            target = os.path.join(out_dir, f"{name}.png")
            with open(target, "wb") as handle:
                handle.write(base64.b64decode(shot["data"]))
            print(f"{target}")
    finally:
        chrome.close()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
