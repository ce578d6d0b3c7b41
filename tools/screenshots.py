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

# name, login, URL path (after /odoo; "{id}" is the record of XMLID), CSS
# selector that must be on the page, XMLID of the record shown (or None)
SHOTS = [
    (
        "dimensions",
        "planeacion",
        "/action-mipg.mipg_dimension_action",
        ".o_kanban_record",
        None,
    ),
    (
        "phva_board_all",
        "planeacion",
        "/action-mipg.mipg_action_action",
        ".o_kanban_record",
        None,
    ),
    (
        "phva_board_do",
        "hacienda",
        "/action-mipg.mipg_action_action_do",
        ".o_kanban_record",
        None,
    ),
    (
        "control_interno_evaluation",
        "control.interno",
        "/action-mipg.mipg_action_action_evaluation",
        ".o_kanban_record, .o_data_row",
        None,
    ),
    (
        "control_interno_action",
        "control.interno",
        "/action-mipg.mipg_action_action_ci/{id}",
        ".o_form_view",
        "mipg.mipg_action_cgr_h1_a1_demo",
    ),
    (
        "self_assessment",
        "planeacion",
        "/action-mipg.mipg_self_assessment_action/{id}",
        ".o_form_view",
        "mipg.mipg_self_assessment_geth_demo",
    ),
]

# name, login, report name, XMLID of the record printed
REPORTS = [
    (
        "report_self_assessment",
        "planeacion",
        "mipg.report_self_assessment",
        "mipg.mipg_self_assessment_geth_demo",
    ),
    (
        "report_bulletin",
        "planeacion",
        "mipg.report_bulletin",
        "mipg.mipg_bulletin_current_year_demo",
    ),
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


def record_id(base, session, xmlid):
    module, name = xmlid.split(".")
    _headers, body = _post(
        f"{base}/web/dataset/call_kw",
        {
            "jsonrpc": "2.0",
            "params": {
                "model": "ir.model.data",
                "method": "check_object_reference",
                "args": [module, name],
                "kwargs": {},
            },
        },
        cookie=f"session_id={session}",
    )
    if body.get("error"):
        raise SystemExit(f"{xmlid}: {body['error']['data']['message']}")
    return body["result"][1]


def print_report(base, db, out_dir, name, user, report, xmlid):
    """Downloads the PDF and turns its first two pages into PNG."""
    session = login(base, db, user)
    res_id = record_id(base, session, xmlid)
    request = urllib.request.Request(
        f"{base}/report/pdf/{report}/{res_id}",
        headers={"Cookie": f"session_id={session}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        pdf = response.read()
    if not pdf.startswith(b"%PDF"):
        raise SystemExit(f"{report}: not a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.pdf")
        with open(path, "wb") as handle:
            handle.write(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "2",
                path,
                os.path.join(out_dir, name),
            ],
            check=True,
        )
    for page in sorted(os.listdir(out_dir)):
        if page.startswith(name):
            print(os.path.join(out_dir, page))


class Chrome:
    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit(
                "Chromium was not found (Debian: apt-get install chromium)"
            )
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
                    pages = [
                        p for p in json.loads(response.read()) if p["type"] == "page"
                    ]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("Chromium did not start")
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60
        )
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(
            json.dumps({"id": self.counter, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
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
        for name, user, path, selector, xmlid in SHOTS:
            session = login(base, db, user)
            if xmlid:
                path = path.format(id=record_id(base, session, xmlid))
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
    for name, user, report, xmlid in REPORTS:
        print_report(base, db, out_dir, name, user, report, xmlid)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
