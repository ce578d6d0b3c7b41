# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import errors

from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgCycleCase, load_spanish

YEAR = 2091


@tagged("post_install", "-at_install")
class TestMipgConcurrencyRules(MipgCycleCase):
    """The rules that must hold when two people act at the same time are
    database constraints: one draft bulletin per year and company, one
    reference per plan, opportunity, action, lesson and change request, a
    validated report with its one validator. A Python search cannot see
    another transaction's uncommitted record; the database does."""

    def _bulletin(self, env=None, **values):
        env = env or self.env(user=self.planner)
        return env["mipg.bulletin"].create(dict({"year": YEAR, "edition": 1}, **values))

    def test_one_draft_bulletin_per_year_and_company(self):
        first = self._bulletin()
        with mute_logger("odoo.sql_db"), self.assertRaises(errors.ExclusionViolation):
            with self.env.cr.savepoint():
                self._bulletin(edition=2)
        # Another year, or another entity, has a draft of its own.
        self._bulletin(year=YEAR + 1)
        other_company = self.env["res.company"].create({"name": "Alcaldía de Prueba"})
        self._bulletin(env=self.env, company_id=other_company.id, edition=2)
        # Once the first is no longer a draft, the year may have another one;
        # bringing the first back to draft (even as superuser) is refused.
        first.sudo().write({"state": "published"})
        first.flush_recordset()
        second = self._bulletin(edition=2)
        with mute_logger("odoo.sql_db"), self.assertRaises(errors.ExclusionViolation):
            with self.env.cr.savepoint():
                first.sudo().write({"state": "draft"})
                first.flush_recordset()
        self.assertEqual(second.state, "draft")

    def test_refusal_reaches_the_user_in_spanish(self):
        """Over RPC, Odoo turns the violated constraint into a
        ValidationError with the constraint's translated message."""
        load_spanish(self.env)
        self._bulletin()
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._bulletin(edition=2)
        except errors.ExclusionViolation as exc:
            error = _as_validation_error(self.env(context={"lang": "es_CO"}), exc)
        else:
            self.fail("a second draft bulletin of the year was saved")
        self.assertIn("sigue en borrador", str(error))

    def test_a_draft_being_created_elsewhere_is_seen(self):
        """Two people create the year's draft bulletin at the same moment:
        the second transaction waits for the first (it sees its uncommitted
        row), instead of saving a second draft as a search would let it.
        Two real cursors, in SQL (the ORM's audit trail would wait for this
        test's own transaction), rolled back; lock timeouts keep it short."""
        insert = (
            "INSERT INTO mipg_bulletin (name, year, edition, state, company_id) "
            "VALUES ('Boletín', %s, %s, 'draft', %s)"
        )
        company = self.env.ref("base.main_company").id
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            try:
                cr_a.execute("SET LOCAL lock_timeout = '5s'")
                cr_a.execute(insert, (YEAR + 5, 1, company))
                cr_b.execute("SET LOCAL lock_timeout = '1s'")
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(errors.LockNotAvailable),
                ):
                    cr_b.execute(insert, (YEAR + 5, 2, company))
            finally:
                cr_b.rollback()
                cr_a.rollback()

    def test_references_are_unique(self):
        second_plan = self.plan.copy({"title": "Segundo plan"})
        action = self._create_action()
        second_action = self._create_action(name="Otra acción")
        cases = [
            (second_plan, "name", self.plan.name),
            (self.opportunity.copy({"title": "Otra"}), "name", self.opportunity.name),
            (second_action, "reference", action.reference),
        ]
        for record, field, taken in cases:
            with self.subTest(model=record._name):
                self.assertNotEqual(record[field], "/")
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(errors.ExclusionViolation),
                ):
                    with self.env.cr.savepoint():
                        record.sudo().write({field: taken})
                        record.flush_recordset()
        # Records not numbered yet ("/") do not collide.
        second_plan.sudo().write({"name": "/"})
        self.plan.sudo().write({"name": "/"})
        self.env.flush_all()

    def test_validated_report_names_its_validator(self):
        action = self._create_action()
        report = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create({"action_id": action.id, "line": "first", "progress": 40})
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(errors.CheckViolation):
            with self.env.cr.savepoint():
                report.sudo().write({"state": "validated", "validated_by_id": False})
                report.flush_recordset()
        report.action_submit()
        report.with_user(self.planner).action_validate()
        self.assertEqual(report.validated_by_id, self.planner)
