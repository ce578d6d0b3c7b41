# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "MIPG — Modelo Integrado de Planeación y Gestión",
    "summary": "Dimensions, policies, processes, improvement plans on PHVA boards, "
    "lines of defense, self-assessments and lessons learned for Colombian "
    "public entities",
    "version": "18.0.1.0.0",
    "category": "Productivity",
    "website": "https://github.com/alcaldia-pasto/mipg",
    "author": "Alcaldía de Pasto, Odoo Community Association (OCA)",
    "maintainers": [],
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail"],
    "data": [
        "security/mipg_security.xml",
        "security/ir.model.access.csv",
        "data/mipg_dimension_data.xml",
        "data/mipg_stage_data.xml",
        "data/mipg_policy_data.xml",
        "data/mipg_principle_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/mipg_dimension_views.xml",
        "views/mipg_policy_views.xml",
        "views/mipg_principle_views.xml",
        "views/mipg_process_views.xml",
        "views/mipg_stage_views.xml",
        "views/mipg_opportunity_views.xml",
        "views/mipg_plan_views.xml",
        "views/mipg_action_views.xml",
        "views/mipg_followup_views.xml",
        "views/mipg_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/mipg_process_demo.xml",
        "demo/mipg_cycle_demo.xml",
    ],
}
