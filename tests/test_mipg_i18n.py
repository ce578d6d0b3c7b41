# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

import polib

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import file_path

from ..models.mipg_tools import format_number
from .common import MipgTransactionCase, load_spanish, new_user

# What must survive a translation unchanged: Python placeholders, the
# literal %% of formatted strings and the expressions of mail templates.
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0-9.]*[a-z]|%%|%[sdr]|\{\{.*?\}\}|\{\}")


@tagged("post_install", "-at_install")
class TestMipgI18n(MipgTransactionCase):
    """The Spanish (Colombia) translation, as a municipal employee sees it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.planner = new_user(
            cls.env,
            login="mipg_i18n_planner",
            groups="mipg.group_mipg_second_line",
            lang="es_CO",
        )
        # The web client sends the user's language in the context.
        cls.env_es = cls.env(user=cls.planner, context=dict(lang="es_CO"))

    def test_po_file_is_complete_and_keeps_placeholders(self):
        po = polib.pofile(file_path("mipg/i18n/es.po"))
        untranslated = [entry.msgid for entry in po.untranslated_entries()]
        self.assertFalse(untranslated, "es.po has untranslated terms")
        fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
        self.assertFalse(fuzzy, "es.po has fuzzy terms")
        for entry in po.translated_entries():
            self.assertEqual(
                sorted(PLACEHOLDER.findall(entry.msgstr)),
                sorted(PLACEHOLDER.findall(entry.msgid)),
                f"placeholders changed in the translation of {entry.msgid!r}",
            )

    def test_phva_menus(self):
        for xmlid, name in (
            ("mipg.mipg_menu_plan", "Planear"),
            ("mipg.mipg_action_menu_do", "Hacer"),
            ("mipg.mipg_menu_check", "Verificar"),
            ("mipg.mipg_action_menu_act", "Actuar"),
        ):
            menu = self.env_es.ref(xmlid)
            self.assertEqual(menu.name, name)

    def test_selection_values(self):
        Action = self.env_es["mipg.action"]
        selection = dict(
            Action.fields_get(["deadline_status"])["deadline_status"]["selection"]
        )
        self.assertEqual(selection["overdue"], "Vencida")
        self.assertEqual(selection["due_soon"], "Próxima a vencer")
        Lesson = self.env_es["mipg.lesson"]
        selection = dict(Lesson.fields_get(["state"])["state"]["selection"])
        self.assertEqual(selection["verified"], "Verificada")

    def test_error_message_in_spanish(self):
        bulletin = self.env_es["mipg.bulletin"].create({"year": 2099, "edition": 1})
        with self.assertRaisesRegex(
            ValidationError,
            "La vigencia 99 no es válida: escríbala con cuatro dígitos",
        ):
            bulletin.write({"year": 99})

    def test_numbers_in_messages_as_read_in_spanish(self):
        """A figure in a message is written with the decimal comma."""
        self.assertEqual(format_number(self.env_es, 45.5), "45,5")
        self.assertEqual(format_number(self.env_es, 1250.0), "1.250")
        self.assertEqual(format_number(self.env_es, 12.345), "12,3")
        # and dates as Colombia writes them, for every entity (data, not demo)
        self.assertEqual(self.env.ref("base.lang_es_CO").date_format, "%d/%m/%Y")

    def test_reminder_in_the_language_of_its_responsible(self):
        """The daily job runs in its own language; each to-do it leaves is
        written in the language of the person who reads it."""
        leader = new_user(
            self.env,
            login="mipg_i18n_leader",
            groups="mipg.group_mipg_first_line",
            lang="es_CO",
        )
        process = self.env["mipg.process"].create(
            {"code": "I18N-1", "name": "Proceso i18n", "leader_id": leader.id}
        )
        today = fields.Date.context_today(process)
        plan = self.env["mipg.plan"].create(
            {
                "title": "Plan i18n",
                "source": "auditoria_interna_gestion",
                "level": "process",
                "process_id": process.id,
                "responsible_id": self.planner.id,
                "date_start": today - timedelta(days=30),
            }
        )
        action = self.env["mipg.action"].create(
            {
                "name": "Acción vencida",
                "plan_id": plan.id,
                "responsible_id": leader.id,
                "date_start": today - timedelta(days=30),
                "date_deadline": today - timedelta(days=2),
                "unit": "Acta",
                "target_quantity": 1,
            }
        )
        self.env["mipg.action"].with_context(lang="en_US")._cron_deadline_activities()
        self.assertEqual(action.activity_ids.summary, "Acción de mejora vencida")

    def test_bulletin_report_in_the_entity_language(self):
        """The bulletin prints in the language of the entity, whoever prints
        it; a new bulletin takes its title in the language of its author."""
        self.env.company.partner_id.lang = "es_CO"
        bulletin = self.env_es["mipg.bulletin"].create({"year": 2091, "edition": 3})
        self.assertEqual(bulletin.name, "Boletín de lecciones aprendidas")
        html, _report_type = self.env["ir.actions.report"]._render_qweb_html(
            "mipg.action_report_bulletin", bulletin.ids
        )
        html = html.decode()
        for text in (
            "Boletín institucional — Modelo Integrado de Planeación y Gestión",
            "Edición No. 3",
            "BORRADOR — no publicado",
            "Contenido",
            "lecciones aprendidas verificadas en",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Edition No.", html)

    def test_report_names(self):
        report = self.env_es.ref("mipg.action_report_self_assessment")
        self.assertEqual(report.name, "Informe de autodiagnóstico")
