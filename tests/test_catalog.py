# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MipgTransactionCase, load_spanish, new_users

# The official map of reference.yaml: dimension code -> policy codes.
OFFICIAL_MAP = {
    "talento_humano": {"gestion_estrategica_talento_humano", "integridad"},
    "direccionamiento_estrategico_planeacion": {
        "planeacion_institucional",
        "gestion_presupuestal_eficiencia_gasto",
        "compras_contratacion_publica",
    },
    "gestion_valores_resultados": {
        "fortalecimiento_organizacional_simplificacion_procesos",
        "servicio_ciudadano",
        "racionalizacion_tramites",
        "participacion_ciudadana_gestion_publica",
        "gobierno_digital",
        "transparencia_acceso_informacion_lucha_corrupcion",
        "seguridad_digital",
        "defensa_juridica",
        "mejora_normativa",
    },
    "evaluacion_resultados": {"seguimiento_evaluacion_desempeno_institucional"},
    "informacion_comunicacion": {
        "gestion_documental",
        "gestion_informacion_estadistica",
    },
    "gestion_conocimiento_innovacion": {"gestion_conocimiento_innovacion"},
    "control_interno": {"control_interno"},
}


@tagged("post_install", "-at_install")
class TestCatalog(MipgTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dimension = cls.env["mipg.dimension"]
        cls.Policy = cls.env["mipg.policy"]
        cls.manager, cls.servant, cls.leader = new_users(
            cls.env,
            {
                "mipg_mgr": "mipg.group_mipg_manager",
                "mipg_servant": "mipg.group_mipg_user",
                "mipg_leader": "mipg.group_mipg_first_line",
            },
        )

    def test_seed_counts(self):
        self.assertEqual(self.Dimension.search_count([]), 7)
        self.assertEqual(self.Policy.search_count([]), 19)
        self.assertEqual(self.env["mipg.principle"].search_count([]), 6)

    def test_dimension_names_in_booklet_order(self):
        self.assertEqual(
            self.Dimension.search([]).mapped("name"),
            [
                "Talento Humano",
                "Direccionamiento Estratégico y Planeación",
                "Gestión con Valores para Resultados",
                "Evaluación de Resultados",
                "Información y Comunicación",
                "Gestión del Conocimiento y la Innovación",
                "Control Interno",
            ],
        )
        self.assertTrue(all(self.Dimension.search([]).mapped("purpose")))

    def test_dimension_policy_map(self):
        for dimension in self.Dimension.search([]):
            self.assertEqual(
                set(dimension.policy_ids.mapped("code")),
                OFFICIAL_MAP[dimension.code],
                dimension.name,
            )
            self.assertEqual(dimension.policy_count, len(OFFICIAL_MAP[dimension.code]))

    def test_booklet_differences(self):
        transparency = self.env.ref(
            "mipg.mipg_policy_transparencia_acceso_informacion_lucha_corrupcion"
        )
        self.assertEqual(transparency.dimension_id.code, "gestion_valores_resultados")
        self.assertEqual(
            transparency.booklet_dimension_id.code, "informacion_comunicacion"
        )
        planning = self.env.ref("mipg.mipg_policy_planeacion_institucional")
        self.assertEqual(planning.name, "Planeación Institucional")
        self.assertEqual(planning.booklet_name, "Política de Planeación Estratégica")

    def test_principles_apply(self):
        learning = self.env.ref("mipg.mipg_principle_aprendizaje_innovacion")
        self.assertEqual(
            set(learning.dimension_ids.mapped("code")),
            {
                "gestion_conocimiento_innovacion",
                "evaluacion_resultados",
                "control_interno",
            },
        )

    @mute_logger("odoo.sql_db")
    def test_duplicate_code(self):
        dimension = self.Dimension.search([], limit=1)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            with self.env.cr.savepoint():
                self.Policy.create(
                    {
                        "code": "integridad",
                        "name": "Otra integridad",
                        "dimension_id": dimension.id,
                    }
                )
        self.assertEqual(self.Policy.search_count([("code", "=", "integridad")]), 1)

    def test_required_and_blank_values(self):
        with self.assertRaises(ValidationError):
            self.Policy.create({"code": "sin_dimension", "name": "Sin dimensión"})
        dimension = self.Dimension.search([], limit=1)
        with self.assertRaises(ValidationError):
            self.Policy.create(
                {"code": "vacia", "name": "   ", "dimension_id": dimension.id}
            )
        with self.assertRaises(ValidationError):
            self.Policy.create(
                {"code": "con espacio", "name": "X", "dimension_id": dimension.id}
            )
        policy = self.env.ref("mipg.mipg_policy_integridad")
        with self.assertRaises(ValidationError):
            policy.name = ""
        self.assertEqual(policy.name, "Integridad")

    def test_spanish_error_message(self):
        load_spanish(self.env)
        dimension = self.Dimension.search([], limit=1)
        with self.assertRaisesRegex(ValidationError, "no puede estar vacío"):
            self.Policy.with_context(lang="es_CO").create(
                {"code": "vacia", "name": " ", "dimension_id": dimension.id}
            )

    def test_process_leader(self):
        process = (
            self.env["mipg.process"]
            .with_user(self.manager)
            .create(
                {
                    "code": "GF-99",
                    "name": "Gestión Financiera",
                    "process_type": "support",
                    "leader_id": self.leader.id,
                    "member_ids": [(4, self.servant.id)],
                    "policy_ids": [(4, self.env.ref("mipg.mipg_policy_integridad").id)],
                }
            )
        )
        self.assertEqual(process.leader_id, self.leader)
        self.assertIn(process, self.env.ref("mipg.mipg_policy_integridad").process_ids)
        self.assertEqual(process.company_id, self.env.company)

    def test_catalog_rights(self):
        policy = self.env.ref("mipg.mipg_policy_integridad")
        self.assertEqual(policy.with_user(self.servant).name, "Integridad")
        with self.assertRaises(AccessError):
            policy.with_user(self.servant).write({"name": "X"})
        with self.assertRaises(AccessError):
            policy.with_user(self.leader).unlink()
        policy.with_user(self.manager).write({"lead_entity": "Función Pública (DAFP)"})
        self.assertEqual(policy.lead_entity, "Función Pública (DAFP)")

    def test_translated_label(self):
        load_spanish(self.env)
        field = self.env["ir.model.fields"]._get("mipg.policy", "dimension_id")
        self.assertEqual(
            field.with_context(lang="es_CO").field_description, "Dimensión"
        )
        process_type = dict(
            self.env["mipg.process"]
            .with_context(lang="es_CO")
            ._fields["process_type"]
            ._description_selection(self.env(context={"lang": "es_CO"}))
        )
        self.assertEqual(process_type["mission"], "Misional")
