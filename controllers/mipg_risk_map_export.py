# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request

from ..report.mipg_risk_map_xlsx import XLSX_MIMETYPE

KINDS = ("institutional", "corruption")


class MipgRiskMapExport(http.Controller):
    @http.route(
        "/mipg/risk_map/<string:kind>.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def mipg_risk_map_xlsx(self, kind, **kwargs):
        """Stream the institutional or the corruption risk map, with the
        risks the user may read, in the user's language; nothing is
        stored."""
        if kind not in KINDS:
            raise request.not_found()
        lang = request.env.user.lang or request.env.lang
        env = request.env(context=dict(request.env.context, lang=lang))
        domain = [("risk_type", "=", "corruption")] if kind == "corruption" else []
        if not env["mipg.risk"].has_access("read"):
            raise request.not_found()
        risks = env["mipg.risk"].search(domain)
        report = env["report.mipg.risk_map_xlsx"]
        content = report._render_xlsx(risks, kind)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(report._file_name(kind))),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-store"),
            ],
        )
