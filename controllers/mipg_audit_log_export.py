# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request

from ..report.mipg_audit_log_xlsx import XLSX_MIMETYPE


class MipgAuditLogExport(http.Controller):
    @http.route(
        "/mipg/audit_log/export/<string:fmt>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def mipg_audit_log_export(
        self,
        fmt,
        ids=None,
        model=None,
        res_id=None,
        date_from=None,
        date_to=None,
        **kwargs,
    ):
        """Stream the audit trail as ``xlsx`` or ``pdf`` to a user who may
        read the audit log: the given rows (``ids=1,2,3``), the trail of a
        record (``model`` and ``res_id``) and/or of a period (``date_from``,
        ``date_to``, dates or UTC datetimes). Nothing is stored. Those who may
        not read the log get 403."""
        if fmt not in ("xlsx", "pdf"):
            raise request.not_found()
        try:
            filters = {
                "ids": [int(i) for i in ids.split(",") if i] if ids else None,
                "model": model or None,
                "res_id": int(res_id) if res_id else None,
                "date_from": date_from or None,
                "date_to": date_to or None,
            }
        except ValueError:
            raise request.not_found() from None
        lang = request.env.user.lang or request.env.lang
        env = request.env(context=dict(request.env.context, lang=lang))
        logs = env["report.mipg.report_audit_log"]._mipg_logs(
            data={"mipg_filters": filters}
        )
        xlsx = env["report.mipg.report_audit_log_xlsx"]
        if fmt == "xlsx":
            content, mimetype = xlsx._render_xlsx(logs), XLSX_MIMETYPE
        else:
            content, kind = env["ir.actions.report"]._render_qweb_pdf(
                "mipg.action_report_audit_log", logs.ids
            )
            # the tests render HTML instead of PDF
            mimetype = "application/pdf" if kind == "pdf" else "text/html"
            fmt = kind
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Disposition", content_disposition(xlsx._file_name(fmt))),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-store"),
            ],
        )
