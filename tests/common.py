# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import unittest
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools import mute_logger
from odoo.tools.mail import single_email_re

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# One time zone for a test's "today", the product's and the test's own: the
# server's (Odoo runs in UTC), which is the test users' (they have none), not
# the superuser's (Europe/Brussels in Odoo's data): from 23:00 UTC on, the
# superuser's today is already the next day.
TEST_TZ = {"tz": "UTC"}

_logger = logging.getLogger(__name__)


class MipgTransactionCase(TransactionCase):
    """Odoo's ``TransactionCase``, but after each test it clears only the
    ormcaches that the test invalidated, not all of them. Its environment
    computes dates in ``TEST_TZ``.

    Odoo clears every cache after each test, so that no test reads what
    another one cached from its own rolled-back data. Every change that a
    cache depends on invalidates that cache (that is how the workers of a
    server see each other's changes), and a rolled-back request of a server
    clears just those caches too (``Registry.reset_changes``): clearing the
    caches that the test invalidated is what a server does. The tests of a
    class then share the access rights, record rules, defaults and templates
    that they compute for the class's users, instead of computing them again
    in every test (measured: 15-20 % of the suite's CPU). Browser and
    HTTP tests, whose requests run in the server's thread, keep Odoo's way."""

    @classmethod
    def setUpClass(cls):
        # the start of the class's set-up: the test command weighs each
        # class with it to share the classes out among its parallel runs
        _logger.info("Setting up %s", cls.__name__)
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **TEST_TZ))

    def setUp(self):
        if isinstance(self, HttpCase):
            super().setUp()
            return
        registry = self.registry
        before = set(registry.cache_invalidated)
        registry.cache_invalidated.clear()
        sequences = dict(registry.cache_sequences)

        def clear_invalidated_caches():
            names = set(registry.cache_invalidated) | {
                name
                for name, sequence in registry.cache_sequences.items()
                if sequences.get(name) != sequence
            }
            for name in names:
                registry.clear_cache(name)
            registry.cache_invalidated.update(before)

        # the clean-up that Odoo's setUp adds to clear all the caches
        with patch.object(registry, "clear_all_caches", clear_invalidated_caches):
            super().setUp()


def new_user(env, login="", groups="base.group_user", **kwargs):
    """Odoo's ``new_test_user``, without the invitation email that
    auth_signup renders and queues for each new user (nothing a MIPG test
    reads; measured alone, a user costs 130 ms instead of 320), and reading
    its notifications in Odoo (``notification_type`` inbox) unless told
    otherwise: how Odoo renders a notification as an email is Odoo's; the
    email path is tested on its own (``TestMipgNotifications``). Made with
    Odoo's test context without chatter (the new contact's "created"
    message and followers, that no test reads), returned in ``env``."""
    kwargs.setdefault("notification_type", "inbox")
    return new_test_user(
        env, login=login, groups=groups, context=DISABLED_MAIL_CONTEXT, **kwargs
    ).with_env(env)


def new_users(env, users):
    """Several users made in one ``create``, each as ``new_user`` makes it
    (inbox notifications unless told otherwise):
    ``users`` maps each login to its groups (comma-separated XML ids), or to
    a dict of the user's values with its ``groups``. Returns the users in
    that order, in ``env``. Measured alone, one ``create`` of five users
    costs about 50 ms a user (the groups and the discuss channels are
    handled once)."""
    vals_list = []
    for login, spec in users.items():
        values = dict(spec) if isinstance(spec, dict) else {"groups": spec}
        groups = values.pop("groups", "base.group_user")
        values.setdefault("name", f"{login} ({groups})")
        values.setdefault("notification_type", "inbox")
        values.setdefault("password", login + "x" * (8 - len(login)))
        values.setdefault(
            "email",
            login
            if single_email_re.match(login)
            else f"{login[0]}.{login[0]}@example.com",
        )
        if "company_id" in values and "company_ids" not in values:
            values["company_ids"] = [Command.link(values["company_id"])]
        values["login"] = login
        values["groups_id"] = [
            Command.set([env.ref(xmlid.strip()).id for xmlid in groups.split(",")])
        ]
        vals_list.append(values)
    users = env["res.users"].with_context(**DISABLED_MAIL_CONTEXT).create(vals_list)
    return users.with_env(env)


def load_spanish(env):
    """Spanish of Colombia (es_CO) active, with mipg's translations. Loading
    them takes about 0.7 s: they are loaded once per database, so a database
    made with them (as the test command's template is) does not load them
    again. Installing an addon loads its translations into every active
    language, so an active es_CO has mipg's."""
    if env["res.lang"]._lang_get("es_CO").active:
        return
    env["res.lang"]._activate_lang("es_CO")
    env["ir.module.module"]._load_module_terms(["mipg"], ["es_CO"])


def evaluate(auditor, action, verdict="effective", progress=100):
    """The Internal Control Office's validated evaluation of ``action``, as
    ``auditor`` records it."""
    evaluation = (
        auditor.env["mipg.followup"]
        .with_user(auditor)
        .create(
            {
                "action_id": action.id,
                "line": "third",
                "progress": progress,
                "effective": verdict,
            }
        )
    )
    evaluation.action_validate()
    return evaluation


@contextmanager
def assert_refused(case, regex):
    """The block is refused with a message matching ``regex`` as the user
    reads it: by an ORM constraint (a ValidationError), or by one of the
    database's CHECK constraints, which refuses the INSERT of a ``create``
    before the ORM's constraints run, and which the RPC layer shows as a
    ValidationError with the constraint's message. Nothing is kept."""
    try:
        with mute_logger("odoo.sql_db"), case.env.cr.savepoint():
            yield
    except ValidationError as error:
        case.assertRegex(str(error), regex)
    except psycopg2.IntegrityError as error:
        case.assertRegex(str(_as_validation_error(case.env, error)), regex)
    else:
        case.fail(f"not refused (expected: {regex})")


class MipgCycleCase(MipgTransactionCase):
    """Users of every line of defense, a process, a Contraloría finding and
    a plan, built without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.today = fields.Date.context_today(cls.env["mipg.action"])
        (
            cls.leader,
            cls.other_leader,
            cls.planner,
            cls.oci,
            cls.mayor,
        ) = new_users(
            cls.env,
            {
                "cycle_leader": "mipg.group_mipg_first_line",
                "cycle_other_leader": "mipg.group_mipg_first_line",
                "cycle_planner": "mipg.group_mipg_second_line",
                "cycle_oci": "mipg.group_mipg_third_line",
                "cycle_mayor": "mipg.group_mipg_strategic_line",
            },
        )
        cls.process = cls.env["mipg.process"].create(
            {
                "code": "GF-T1",
                "name": "Gestión Financiera (prueba)",
                "process_type": "support",
                "leader_id": cls.leader.id,
                "policy_ids": [
                    (4, cls.env.ref("mipg.mipg_policy_integridad").id),
                ],
            }
        )
        cls.stage = {
            code: cls.env["mipg.stage"].search([("code", "=", code)])
            for code in (
                "1",
                "2.1",
                "2.2",
                "2.3",
                "3.1",
                "3.2",
                "3.3",
                "4.1",
                "closed",
                "cancelled",
            )
        }
        cls.plan = cls.env["mipg.plan"].create(
            {
                "title": "Plan Contraloría General 2025",
                "source": "contraloria_general",
                "level": "institutional",
                "control_body": "Contraloría General de la República",
                "report_reference": "CGR-045",
                "process_id": cls.process.id,
                "responsible_id": cls.planner.id,
                "date_start": cls.today,
            }
        )
        cls.opportunity = cls.env["mipg.opportunity"].create(
            {
                "title": "Cuentas por pagar sin soporte",
                "finding_type": "hallazgo",
                "source": "contraloria_general",
                "source_reference": "H1-A",
                "description": "Cuentas por pagar constituidas sin soporte.",
                "root_cause": "El procedimiento no exige verificar el soporte.",
                "effect": "Sobrestimación de las cuentas por pagar.",
                "process_id": cls.process.id,
                "plan_id": cls.plan.id,
            }
        )

    @contextmanager
    def _raises_regex(self, exception, regex):
        with unittest.TestCase.assertRaisesRegex(self, exception, regex) as cm:
            with self.env.cr.savepoint():
                yield cm

    def assertRaisesRegex(self, exception, regex, *args, **kwargs):
        """Like Odoo's ``assertRaises``: roll back to a savepoint, so that a
        refused write leaves neither the database nor the cache changed."""
        if args or kwargs:
            return super().assertRaisesRegex(exception, regex, *args, **kwargs)
        return self._raises_regex(exception, regex)

    @classmethod
    def _create_action(cls, **values):
        return cls.env["mipg.action"].create(cls._action_values(**values))

    @classmethod
    def _action_values(cls, **values):
        """The values of an action of the plan's finding, led by the leader."""
        vals = {
            "name": "Actualizar el procedimiento de cierre",
            "plan_id": cls.plan.id,
            "opportunity_id": cls.opportunity.id,
            "responsible_id": cls.leader.id,
            "date_start": cls.today,
            "date_deadline": cls.today + timedelta(days=30),
            "unit": "Procedimiento",
            "target_quantity": 1,
        }
        vals.update(values)
        return vals

    def _attachment(self, user, name="evidencia.txt"):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "datas": base64.b64encode(b"acta firmada")})
        )

    def _report(self, action, progress, user=None, evidence=False):
        """The responsible reports progress; the second line validates it."""
        followup = (
            self.env["mipg.followup"]
            .with_user(user or self.leader)
            .create(
                {
                    "action_id": action.id,
                    "line": "first",
                    "progress": progress,
                    "evidence_ids": [(6, 0, evidence.ids)] if evidence else [],
                }
            )
        )
        followup.action_submit()
        followup.with_user(self.planner).action_validate()
        return followup

    def _evaluate(self, action, verdict="effective", progress=100):
        return evaluate(self.oci, action, verdict=verdict, progress=progress)
