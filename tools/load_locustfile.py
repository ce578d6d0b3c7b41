# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lines of defense at work, for locust (make load).

Each simulated user logs in with a demo login and calls what the web client
calls over JSON-RPC (/web/dataset/call_kw): process leaders open the Hacer
board (the stage groups, then the cards of each column), open actions and
record and submit follow-ups with an evidence file; the second line validates
submitted reports; the Internal Control Office reads the audit trail. Every
follow-up submitted and every validation that succeeded is written to
MIPG_LOAD_JOURNAL, which tools/load.sh checks against the database.
"""

import base64
import json
import os
import random
import time
import uuid

from locust import HttpUser, between, events, task

DB = os.environ["MIPG_LOAD_DB"]
JOURNAL = os.environ["MIPG_LOAD_JOURNAL"]
# Seconds a user spends between two steps (reading the board, writing the
# report), as "min-max".
THINK = [float(x) for x in os.environ.get("MIPG_LOAD_THINK", "5-15").split("-")]
HACER = [["phva", "=", "do"]]
CARD = {
    "name": {},
    "reference": {},
    "progress": {},
    "date_deadline": {},
    "stage_id": {"fields": {"display_name": {}}},
    "responsible_id": {"fields": {"display_name": {}}},
    "priority": {},
}
ACTION_FORM = dict(
    CARD,
    objective={},
    indicator={},
    unit={},
    target_quantity={},
    followup_ids={"fields": {"date": {}, "progress": {}, "state": {}, "line": {}}},
    plan_id={"fields": {"display_name": {}}},
)


def journal(kind, value):
    # one line per event, appended: several locust processes may share it
    with open(JOURNAL, "a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, "value": value}) + "\n")


class RpcError(Exception):
    pass


_LOGGED_IN = {"count": 0, "reset": False}


def logged_in(environment):
    """The figures start once every user has tried to log in: the burst of the
    logins (each a password hash) is the start of the day, not a board load
    or a submission. Errors are journaled for the whole run."""
    _LOGGED_IN["count"] += 1
    runner = environment.runner
    target = getattr(runner, "target_user_count", None)
    if not _LOGGED_IN["reset"] and target and _LOGGED_IN["count"] >= target:
        _LOGGED_IN["reset"] = True
        runner.stats.reset_all()


@events.request.add_listener
def journal_errors(request_type, name, response_time, exception=None, **kwargs):
    """Every failed call of the whole run, the start included (the figures
    are reset once all users have logged in; the errors are not)."""
    if exception is not None:
        journal("error", {"name": name, "error": str(exception)[:300]})


class MipgUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    logins = ()

    def on_start(self):
        login = random.choice(self.logins)
        try:
            result = self.rpc(
                "/web/session/authenticate",
                {"db": DB, "login": login, "password": login},
                name="login",
            )
        finally:
            # (a failed login counts too: it is an error of the run)
            logged_in(self.environment)
        self.uid = result["uid"]
        # (not "context": locust's User has a method of that name)
        self.odoo_context = dict(result.get("user_context") or {}, lang="es_CO")

    def rpc(self, url, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(url, json=payload, name=name, catch_response=True) as r:
            try:
                body = r.json()
            except ValueError:
                r.failure(f"HTTP {r.status_code}, not JSON: {r.error or r.text[:200]}")
                raise RpcError(name) from None
            if "error" in body:
                data = body["error"].get("data") or {}
                message = data.get("message") or body["error"].get("message")
                r.failure(f"{data.get('name', 'error')}: {message}")
                raise RpcError(message)
            r.success()
            return body["result"]

    def call(self, model, method, args, kwargs=None, name=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.odoo_context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            name=name or f"{model}.{method}",
        )

    def timed(self, name, function):
        """One figure for a user step made of several calls."""
        start = time.perf_counter()
        error = None
        try:
            return function()
        except Exception as exc:  # the step failed: counted, then raised
            error = exc
            raise
        finally:
            events.request.fire(
                request_type="STEP",
                name=name,
                response_time=(time.perf_counter() - start) * 1000,
                response_length=0,
                exception=error,
                context={},
            )


class Leader(MipgUser):
    """First line: the leaders of Hacienda and Talento Humano."""

    weight = 7
    logins = ("hacienda", "talento.humano")

    def _board(self):
        groups = self.call(
            "mipg.action",
            "web_read_group",
            [],
            {
                "domain": HACER,
                "fields": ["progress:avg"],
                "groupby": ["stage_id"],
                "lazy": True,
            },
            name="board: stage groups",
        )
        cards = []
        for group in groups["groups"]:
            cards += self.call(
                "mipg.action",
                "web_search_read",
                [],
                {
                    "domain": group["__domain"],
                    "specification": CARD,
                    "limit": 40,
                },
                name="board: column cards",
            )["records"]
        return cards

    @task(3)
    def open_board(self):
        self.timed("STEP Hacer board load", self._board)

    @task(2)
    def open_action(self):
        mine = self.call(
            "mipg.action",
            "search",
            [[["responsible_id", "=", self.uid]]],
            {"limit": 20},
            name="mipg.action.search",
        )
        if mine:
            self.call(
                "mipg.action",
                "web_read",
                [[random.choice(mine)]],
                {"specification": ACTION_FORM},
                name="action form: web_read",
            )

    def _submit(self):
        actions = self.call(
            "mipg.action",
            "search_read",
            [
                [
                    ["responsible_id", "=", self.uid],
                    ["stage_id.is_closed", "=", False],
                    ["stage_id.is_cancelled", "=", False],
                ]
            ],
            {"fields": ["activity_line_ids"], "limit": 20},
            name="mipg.action.search",
        )
        if not actions:
            return
        action = random.choice(actions)
        values = {"action_id": action["id"], "line": "first"}
        if action["activity_line_ids"]:
            # an action with activities: the form asks for one of them and
            # the executed quantity (the progress follows from it)
            values.update(
                activity_id=random.choice(action["activity_line_ids"]),
                quantity_done=1,
            )
        else:
            values["progress"] = random.randint(5, 60)
        token = f"carga {uuid.uuid4()}"
        evidence = self.call(
            "ir.attachment",
            "create",
            [
                {
                    "name": "acta.txt",
                    "mimetype": "text/plain",
                    "datas": base64.b64encode(f"Acta {token}".encode()).decode(),
                }
            ],
            name="evidence upload",
        )
        evidence_id = evidence[0] if isinstance(evidence, list) else evidence
        saved = self.call(
            "mipg.followup",
            "web_save",
            [
                [],
                dict(
                    values,
                    description=token,
                    evidence_ids=[[6, 0, [evidence_id]]],
                ),
            ],
            {"specification": {"state": {}}},
            name="follow-up: web_save",
        )
        followup_id = saved[0]["id"]
        journal("saved", {"id": followup_id, "token": token})
        self.call(
            "mipg.followup",
            "action_submit",
            [[followup_id]],
            name="follow-up: action_submit",
        )
        journal("submitted", {"id": followup_id, "token": token})

    @task(1)
    def submit_followup(self):
        self.timed("STEP follow-up submission", self._submit)


class SecondLine(MipgUser):
    """Planeación validates submitted first-line reports."""

    weight = 2
    logins = ("planeacion",)

    @task
    def validate(self):
        waiting = self.call(
            "mipg.followup",
            "search",
            [[["state", "=", "submitted"], ["line", "=", "first"]]],
            {"limit": 10, "order": "id"},
            name="mipg.followup.search",
        )
        if not waiting:
            return
        followup_id = random.choice(waiting)
        payload = {
            "model": "mipg.followup",
            "method": "action_validate",
            "args": [[followup_id]],
            "kwargs": {"context": self.odoo_context},
        }
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": payload}
        with self.client.post(
            "/web/dataset/call_kw/mipg.followup/action_validate",
            json=body,
            name="follow-up: action_validate",
            catch_response=True,
        ) as r:
            result = r.json() if r.status_code == 200 else {}
            error = result.get("error")
            if not error and "result" in result:
                r.success()
                journal("validated", followup_id)
                return
            data = (error or {}).get("data") or {}
            if data.get("name") == "odoo.exceptions.UserError":
                # Another planner validated it first: the refusal is the rule
                # (one validation per report), not a failure of the server.
                r.success()
                journal("refused", followup_id)
                return
            r.failure(f"{data.get('name', r.status_code)}: {data.get('message')}")


class InternalControl(MipgUser):
    """The OCI reads the audit trail."""

    weight = 1
    logins = ("control.interno",)

    @task
    def read_trail(self):
        self.call(
            "mipg.audit.log",
            "web_search_read",
            [],
            {
                "domain": [],
                "specification": {
                    "sequence": {},
                    "date": {},
                    "user_name": {},
                    "model": {},
                    "record_name": {},
                    "operation": {},
                    "field_description": {},
                },
                "limit": 80,
                "order": "sequence desc",
            },
            name="audit trail: web_search_read",
        )
