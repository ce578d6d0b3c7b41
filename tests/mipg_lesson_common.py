# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import TEST_TZ, new_users


class MipgLessonCommon:
    """Users and a closed improvement opportunity shared by the lesson and
    bulletin tests. Mixed into a TransactionCase or an HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **TEST_TZ))
        cls.servant, cls.leader, cls.planner, cls.auditor = new_users(
            cls.env,
            {
                "mipg_servant": "mipg.group_mipg_user",
                "mipg_leader": "mipg.group_mipg_first_line",
                "mipg_planner": "mipg.group_mipg_second_line",
                "mipg_auditor": "mipg.group_mipg_third_line",
            },
        )
        cls.dimension_ti = cls.env.ref("mipg.mipg_dimension_talento_humano")
        cls.dimension_gc = cls.env.ref(
            "mipg.mipg_dimension_gestion_conocimiento_innovacion"
        )
        cls.policy_th = cls.env["mipg.policy"].search(
            [("dimension_id", "=", cls.dimension_ti.id)], limit=1
        )
        cls.policy_gc = cls.env["mipg.policy"].search(
            [("dimension_id", "=", cls.dimension_gc.id)], limit=1
        )
        cls.process = cls.env["mipg.process"].create(
            {
                "code": "TST-GF",
                "name": "Gestión Financiera (prueba)",
                "leader_id": cls.leader.id,
                "policy_ids": [(6, 0, cls.policy_gc.ids)],
            }
        )
        cls.process_th = cls.env["mipg.process"].create(
            {"code": "TST-TH", "name": "Talento Humano (prueba)"}
        )
        # Far from the current year: demo data may hold a bulletin for it.
        cls.year = 2090

    @classmethod
    def _create_opportunity(cls, progress=100, verdict="effective", **values):
        """An opportunity with one action, whose last third-line evaluation
        reports `progress` and `verdict` (None: no evaluation at all)."""
        opportunity = cls.env["mipg.opportunity"].create(
            dict(
                {
                    "title": "Conciliaciones bancarias atrasadas",
                    "description": "Las conciliaciones bancarias se hacían con "
                    "tres meses de atraso.",
                    "source": "auditoria_interna_gestion",
                    "process_id": cls.process.id,
                    "policy_ids": [(6, 0, cls.policy_th.ids)],
                },
                **values,
            )
        )
        action = cls.env["mipg.action"].create(
            {
                "name": "Automatizar la conciliación mensual",
                "opportunity_id": opportunity.id,
                "process_id": opportunity.process_id.id,
                "responsible_id": cls.leader.id,
            }
        )
        if verdict is not None:
            cls._evaluate(action, progress, verdict)
        return opportunity

    @classmethod
    def _evaluate(cls, action, progress, verdict):
        followup = (
            cls.env["mipg.followup"]
            .with_user(cls.auditor)
            .create(
                {
                    "action_id": action.id,
                    "line": "third",
                    "progress": progress,
                    "effective": verdict,
                }
            )
        )
        followup.action_validate()
        return followup

    @classmethod
    def _create_lesson(cls, opportunity, user=None, **values):
        Lesson = cls.env["mipg.lesson"].with_user(user or cls.planner)
        return Lesson.with_context(default_opportunity_id=opportunity.id).create(
            dict(
                {
                    "recommendation": "Conciliar cada mes con el extracto "
                    "descargado del banco.",
                    "year": cls.year,
                },
                **values,
            )
        )

    @classmethod
    def _verified_lesson(cls, opportunity=None, **values):
        lesson = cls._create_lesson(opportunity or cls._create_opportunity(), **values)
        lesson.action_propose()
        lesson.with_user(cls.planner).action_verify()
        return lesson
