# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The audit trail of a record or of a period, as PDF (this QWeb report)
and as .xlsx (``mipg_audit_log_xlsx.py``), for whoever may read the audit
log. Streamed by ``controllers/mipg_audit_log_export.py`` or printed from the
list: never stored as an attachment."""

from odoo import api, fields, models


class ReportMipgAuditLog(models.AbstractModel):
    _name = "report.mipg.report_audit_log"
    _description = "MIPG audit trail (PDF)"

    @api.model
    def _mipg_logs(self, docids=None, data=None):
        """The rows of the export, in chain order, read with the rights of
        the user (access rights, then the company rule): given rows
        (``docids``) or the rows matching ``data["mipg_filters"]`` (keys
        of ``mipg.audit.log._mipg_export_domain``)."""
        Log = self.env["mipg.audit.log"]
        filters = (data or {}).get("mipg_filters")
        if filters is not None:
            logs = Log.search(Log._mipg_export_domain(**filters))
        else:
            logs = Log.browse(docids or [])
        logs.check_access("read")
        return logs.sorted(lambda log: (log.company_id.id, log.sequence))

    @api.model
    def _mipg_entries(self, logs):
        """The rows grouped as the report shows them: the fields one write
        changed on one record (same time, user and record) together, every
        other row alone."""
        entries = []
        previous = None
        for log in logs:
            key = (log.company_id, log.date, log.user_id, log.model, log.res_id)
            if log.operation == "write" and previous == (key, "write"):
                entries[-1] |= log
            else:
                entries.append(log)
            previous = (key, log.operation)
        return entries

    @api.model
    def _get_report_values(self, docids, data=None):
        logs = self._mipg_logs(docids, data)
        dates = logs.mapped("date")
        return {
            "doc_ids": logs.ids,
            "doc_model": "mipg.audit.log",
            "docs": logs,
            "entries": self._mipg_entries(logs),
            "companies": logs.company_id or self.env.company,
            "date_first": min(dates) if dates else False,
            "date_last": max(dates) if dates else False,
            "printed_by": self.env.user,
            "printed_on": fields.Datetime.now(),
            "to_string": fields.Datetime.to_string,
        }
