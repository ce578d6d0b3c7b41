# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A follow-up reported in the browser in the natural order (evidence
uploaded before the first save) reaches the second line whole."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import new_user


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgUploadTour(HttpCase):
    def test_evidence_uploaded_before_the_first_save(self):
        leader = new_user(
            self.env,
            login="upload_tour_leader",
            password="upload_tour_leader",
            groups="mipg.group_mipg_first_line",
        )
        planner = new_user(
            self.env, login="upload_tour_planner", groups="mipg.group_mipg_second_line"
        )
        process = self.env["mipg.process"].create(
            {"code": "UP-1", "name": "Comunicaciones", "leader_id": leader.id}
        )
        today = fields.Date.context_today(process)
        action = self.env["mipg.action"].create(
            {
                "name": "Publicar el informe de gestión",
                "process_id": process.id,
                "responsible_id": leader.id,
                "stage_id": self.env.ref("mipg.mipg_stage_2_3").id,
                "date_start": today,
                "date_deadline": today + timedelta(days=30),
            }
        )
        self.start_tour(
            f"/odoo/action-mipg.mipg_action_action/{action.id}",
            "mipg_tour_followup_upload",
            login="upload_tour_leader",
        )
        followup = self.env["mipg.followup"].search([("action_id", "=", action.id)])
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.state, "submitted")
        self.assertEqual(followup.progress, 35)
        evidence = followup.evidence_ids
        self.assertEqual(evidence.mapped("name"), ["acta_comite.txt"])
        # bound to its report, not left loose in the composer
        self.assertEqual(
            (evidence.res_model, evidence.res_id), (followup._name, followup.id)
        )
        # the second line opens the report and its file, and validates it
        as_planner = followup.with_user(planner)
        self.assertEqual(
            base64.b64decode(as_planner.evidence_ids.datas),
            b"acta del comit\xc3\xa9 firmada",
        )
        as_planner.action_validate()
        self.assertEqual(followup.state, "validated")
        self.assertEqual(action.progress, 35)
