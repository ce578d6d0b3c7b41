# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo_test_helper import FakeModelLoader

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MipgCycleCase


@tagged("post_install", "-at_install")
class TestMipgOpportunityOriginMixin(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .mipg_origin_fake import MipgTestOrigin

        cls.loader.update_registry((MipgTestOrigin,))
        cls.Origin = cls.env["mipg.test.origin"]

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def test_raise_once_and_list(self):
        first, second = self.Origin.create(
            [
                {"name": "PQRSD 2026-0001", "process_id": self.process.id},
                {"name": "PQRSD 2026-0002", "process_id": self.process.id},
            ]
        )
        self.assertEqual(first.opportunity_count, 0)
        created = (first | second)._mipg_create_opportunities()
        self.assertEqual(len(created), 2)
        opportunity = first.opportunity_ids
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.source, "pqrsd")
        self.assertEqual(opportunity.title, "PQRSD 2026-0001")
        self.assertEqual(
            (opportunity.res_model, opportunity.res_id), (first._name, first.id)
        )
        self.assertEqual(first.opportunity_count, 1)
        # never twice, even once archived
        opportunity.action_archive()
        self.assertFalse((first | second)._mipg_create_opportunities())
        self.assertEqual(
            self.env["mipg.opportunity"]
            .with_context(active_test=False)
            .search_count([("res_model", "=", first._name)]),
            2,
        )

    def test_button_opens_the_opportunity(self):
        origin = self.Origin.create({"name": "PQRSD 7", "process_id": self.process.id})
        with self.assertRaisesRegex(UserError, "No improvement opportunity"):
            origin.action_view_opportunities()
        action = origin.action_mipg_raise_opportunity()
        self.assertEqual(action["res_model"], "mipg.opportunity")
        self.assertEqual(action["res_id"], origin.opportunity_ids.id)
        again = origin.action_mipg_raise_opportunity()
        self.assertEqual(again["res_id"], action["res_id"])
        opportunity = origin.opportunity_ids
        self.assertEqual(opportunity.action_view_origin()["res_id"], origin.id)

    def test_origin_with_actions_cannot_be_deleted(self):
        origin = self.Origin.create({"name": "PQRSD 8", "process_id": self.process.id})
        opportunity = origin._mipg_create_opportunities()
        self._create_action(opportunity_id=opportunity.id)
        with self.assertRaisesRegex(UserError, "archive the record"):
            origin.unlink()
