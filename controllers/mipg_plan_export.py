# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request

from ..report.mipg_plan_formulario14 import XLSX_MIMETYPE


class MipgPlanExport(http.Controller):
    @http.route(
        "/mipg/plan/<int:plan_id>/formulario14.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def mipg_plan_formulario14(self, plan_id, **kwargs):
        """Stream the Formulario No. 14 of a plan to a user who may read it,
        built with that user's rights and language; nothing is stored. A
        plan the user may not read is not found, as one that does not exist."""
        lang = request.env.user.lang or request.env.lang
        env = request.env(context=dict(request.env.context, lang=lang))
        plan = env["mipg.plan"].browse(plan_id).exists()
        if not plan or not plan.has_access("read"):
            raise request.not_found()
        report = env["report.mipg.plan_formulario14"]
        content = report._render_xlsx(plan)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(report._file_name(plan))),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(
        "/mipg/plan/<int:plan_id>/format/<int:format_id>.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def mipg_plan_format(self, plan_id, format_id, **kwargs):
        """Stream a plan in a plan format, built with the user's rights and
        language; nothing is stored. A plan or format the user may not read
        is not found."""
        lang = request.env.user.lang or request.env.lang
        env = request.env(context=dict(request.env.context, lang=lang))
        plan = env["mipg.plan"].browse(plan_id).exists()
        report_format = env["mipg.report.format"].browse(format_id).exists()
        if not (
            plan
            and report_format
            and plan.has_access("read")
            and report_format.has_access("read")
        ):
            raise request.not_found()
        report = env["report.mipg.report_format"]
        content = report._render_xlsx(plan, report_format)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                (
                    "Content-Disposition",
                    content_disposition(report._file_name(plan, report_format)),
                ),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-store"),
            ],
        )
