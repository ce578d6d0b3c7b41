# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MipgTransactionCase, new_users


@tagged("post_install", "-at_install")
class TestMipgControlInternoViews(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oci, leader = new_users(
            cls.env,
            {
                "civ_oci": "mipg.group_mipg_third_line",
                "civ_leader": "mipg.group_mipg_first_line",
            },
        )
        process = cls.env["mipg.process"].create(
            {"code": "CI-T", "name": "Proceso evaluado", "leader_id": leader.id}
        )
        cls.action = cls.env["mipg.action"].create(
            {
                "name": "Actualizar el normograma",
                "responsible_id": leader.id,
                "process_id": process.id,
            }
        )

    def test_views_disable_create_edit_delete(self):
        """Every list, form and board of the Control Interno menu is read-only."""
        menu = self.env.ref("mipg.mipg_control_interno_menu")
        actions = [child.action for child in menu.child_id]
        self.assertEqual(len(actions), 7)
        for action in actions:
            views = action.view_ids.view_id or action.view_id
            if not views:  # the audit trail: the default views of its model
                views = self.env["ir.ui.view"].search(
                    [("model", "=", action.res_model), ("type", "=", "list")]
                )
            self.assertTrue(views, action.name)
            for view_ref in views:
                arch = etree.fromstring(view_ref.arch)
                for flag in ("create", "edit", "delete"):
                    self.assertEqual(
                        arch.get(flag), "0", f"{view_ref.name}: {flag} is not disabled"
                    )
        self.assertEqual(menu.groups_id, self.env.ref("mipg.group_mipg_third_line"))

    def test_oci_grades_an_action_from_the_evaluation_board(self):
        evaluate = self.env.ref("mipg.mipg_followup_action_evaluate")
        context = dict(
            safe_eval(evaluate.context),
            default_action_id=self.action.id,
            default_progress=self.action.progress,
        )
        form = Form(
            self.env["mipg.followup"].with_user(self.oci).with_context(**context),
            view="mipg.mipg_followup_view_form_evaluation",
        )
        form.progress = 100
        form.effective = "effective"
        form.description = "Normograma publicado y verificado en la sede electrónica."
        evaluation = form.save()
        self.assertEqual(evaluation.line, "third")
        self.assertEqual(evaluation.action_id, self.action)
        self.assertEqual(evaluation.author_id, self.oci)
        self.assertEqual(evaluation.state, "draft")
        # The dialog's main button validates the evaluation it saves.
        arch = etree.fromstring(
            self.env.ref("mipg.mipg_followup_view_form_evaluation").arch
        )
        validate = arch.xpath("//footer/button[@name='action_validate']")
        self.assertEqual(validate[0].get("type"), "object")
        self.assertFalse(self.action.effective)
        evaluation.action_validate()
        self.assertEqual(evaluation.state, "validated")
        self.assertEqual(evaluation.validated_by_id, self.oci)
        self.assertTrue(self.action.effective)
