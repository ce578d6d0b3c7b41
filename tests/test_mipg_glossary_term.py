# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MipgTransactionCase, new_users

BOOKLET_TERMS = {
    "Autoevaluación",
    "Acción de mejora",
    "Aprendizaje organizacional",
    "Ciclo PHVA",
    "Cierre de ciclo",
    "Cultura organizacional",
    "Lección aprendida",
    "Mejoramiento continuo",
    "Modelo Integrado de Planeación y Gestión (MIPG)",
    "No conformidad",
    "Oportunidad de mejora",
    "Plan de mejoramiento",
    "Plan de mejoramiento institucional",
    "Planes de mejoramiento por procesos",
}


@tagged("post_install", "-at_install")
class TestMipgGlossaryTerm(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servant, cls.manager = new_users(
            cls.env,
            {
                "mipg_glossary_servant": "mipg.group_mipg_user",
                "mipg_glossary_manager": "mipg.group_mipg_manager",
            },
        )

    def test_the_booklet_glossary_for_every_servant(self):
        terms = self.env["mipg.glossary.term"].with_user(self.servant).search([])
        self.assertEqual(set(terms.mapped("name")), BOOKLET_TERMS)
        closing = terms.filtered(lambda term: term.name == "Cierre de ciclo")
        self.assertIn("calidad esperada y la calidad observada", closing.definition)
        with self.assertRaises(AccessError):
            closing.write({"definition": "Otra cosa"})
        with self.assertRaises(AccessError):
            terms.create({"name": "Término", "definition": "Definición"})

    def test_terms_are_the_help_of_the_fields_they_define(self):
        fields = (
            self.env["mipg.opportunity"]
            .with_user(self.servant)
            .fields_get(["gap_outcome", "finding_type", "title"], ["help", "string"])
        )
        self.assertTrue(fields["gap_outcome"]["help"].startswith("Cierre de ciclo: "))
        self.assertIn("No conformidad: Incumplimiento", fields["finding_type"]["help"])
        self.assertIn("Oportunidad de mejora: Son", fields["finding_type"]["help"])
        self.assertNotIn("help", fields["title"])
        # the administrator rewords a term: the help follows
        term = self.env.ref("mipg.mipg_glossary_term_ciclo_phva")
        term.with_user(
            self.manager
        ).definition = "Planificar, hacer, verificar, actuar."
        phva = self.env["mipg.stage"].with_user(self.servant).fields_get(["phva"])
        self.assertEqual(
            phva["phva"]["help"], "Ciclo PHVA: Planificar, hacer, verificar, actuar."
        )
