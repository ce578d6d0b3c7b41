# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest import mock

from odoo_test_helper import FakeModelLoader
from odoo_test_helper.fake_model_loader import FakePackage, module_to_models

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MipgCycleCase


class OnlyFakeModelLoader(FakeModelLoader):
    """OCA's FakeModelLoader, building only the fake models. The original
    builds again, and reflects and checks the tables of, every model of the
    module (4 s of the suite), though none of them changes: the fake model
    only inherits an abstract mixin. ``restore_registry`` is the
    original's."""

    def update_registry(self, odoo_models):
        self.env.flush_all()
        module_models = module_to_models[self._module_name]
        module_to_models[self._module_name] = list(odoo_models)
        try:
            with mock.patch.object(self.env.cr, "commit"):
                registry = self.env.registry
                model_names = registry.load(self.env.cr, FakePackage(self._module_name))
                registry.setup_models(self.env.cr)
                registry.init_models(
                    self.env.cr, model_names, {"module": self._module_name}
                )
        finally:
            module_to_models[self._module_name] = module_models


@tagged("post_install", "-at_install")
class TestMipgOpportunityOriginMixin(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = OnlyFakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .mipg_origin_fake import MipgTestOrigin

        cls.loader.update_registry((MipgTestOrigin,))
        cls.Origin = cls.env["mipg.test.origin"]
        # process leaders may manage the fake origins (think of their PQRSD)
        cls.env["ir.model.access"].create(
            {
                "name": "mipg.test.origin first line",
                "model_id": cls.env["ir.model"]._get_id("mipg.test.origin"),
                "group_id": cls.env.ref("mipg.group_mipg_first_line").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        cls.foreign_process = cls.env["mipg.process"].create(
            {
                "code": "GT-T2",
                "name": "Gestión del Talento Humano (prueba)",
                "process_type": "support",
                "leader_id": cls.other_leader.id,
            }
        )

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

    def test_origin_with_unseen_actions_cannot_be_deleted(self):
        """The guard holds even when the user deleting the origin cannot see
        its opportunity."""
        origin = self.Origin.create(
            {"name": "PQRSD 9", "process_id": self.foreign_process.id}
        )
        opportunity = origin._mipg_create_opportunities()
        self._create_action(
            opportunity_id=opportunity.id, responsible_id=self.other_leader.id
        )
        self.assertFalse(
            opportunity.with_user(self.leader).has_access("read"),
            "the leader does not see the opportunity of another process",
        )
        with self.assertRaisesRegex(UserError, "archive the record"):
            origin.with_user(self.leader).unlink()
        self.assertTrue(origin.exists())

    def test_only_the_origin_sets_the_origin_fields(self):
        """A process leader raises opportunities from their own records, but
        cannot point an opportunity at any record by hand."""
        mine, foreign = self.Origin.create(
            [
                {"name": "PQRSD 10", "process_id": self.process.id},
                {"name": "PQRSD 11", "process_id": self.foreign_process.id},
            ]
        )
        opportunity = mine.with_user(self.leader)._mipg_create_opportunities()
        self.assertEqual(
            (opportunity.res_model, opportunity.res_id), (mine._name, mine.id)
        )
        self.assertEqual(opportunity.create_uid, self.leader)
        self.assertFalse(opportunity.env.su)
        # the record rules of the user still apply to what the origin raises
        with self.assertRaises(AccessError):
            foreign.with_user(self.leader)._mipg_create_opportunities()
        raised_from_foreign = [
            ("res_model", "=", foreign._name),
            ("res_id", "=", foreign.id),
        ]
        self.assertFalse(self.env["mipg.opportunity"].search(raised_from_foreign))
        Opportunity = self.env["mipg.opportunity"].with_user(self.leader)
        with self.assertRaisesRegex(UserError, "cannot be chosen by hand"):
            Opportunity.create(
                {
                    "title": "Hallazgo colgado de otro registro",
                    "source": "pqrsd",
                    "description": "Bloquea la oportunidad real.",
                    "process_id": self.process.id,
                    "res_model": foreign._name,
                    "res_id": foreign.id,
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be chosen by hand"):
            opportunity.with_user(self.leader).write({"res_id": foreign.id})
        # a copy is not raised by the origin
        self.assertFalse(opportunity.with_user(self.leader).copy().res_model)
        self.assertEqual(self.Origin.browse(mine.id).opportunity_count, 1)
        self.assertFalse(self.env["mipg.opportunity"].search(raised_from_foreign))
