# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .mipg_tools import download_issued_file, issue_pdf

REPORTS = {
    "preliminary": "mipg.action_report_audit_preliminary",
    "final": "mipg.action_report_audit_final",
}


class MipgAuditReport(models.Model):
    """An issued audit report: the PDF as it was issued, with its SHA-256.
    Frozen from its creation: nobody changes or deletes it, nor its file."""

    _name = "mipg.audit.report"
    _description = "MIPG issued audit report"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "date_issued desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True)
    audit_id = fields.Many2one(
        "mipg.audit",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    kind = fields.Selection(
        [("preliminary", "Preliminary report"), ("final", "Final report")],
        required=True,
        readonly=True,
    )
    date_issued = fields.Date(string="Issued on", required=True, readonly=True)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", readonly=True, ondelete="restrict"
    )
    pdf_sha256 = fields.Char(string="PDF SHA-256", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )

    def _mipg_is_frozen(self):
        """An issued report is part of the record from the first moment."""
        self.ensure_one()
        return True

    def _mipg_frozen_message(self):
        return self.env._(
            "%(report)s was issued: it is kept as it was issued and cannot be "
            "changed or deleted.",
            report=self.display_name,
        )

    @api.model
    def _mipg_issue(self, audit, kind):
        """Render the ``kind`` report of the audit, attach it and keep its
        fingerprint (called as superuser once the state method checked)."""
        content, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            REPORTS[kind], audit.ids
        )
        label = dict(self._fields["kind"]._description_selection(self.env))[kind]
        name = f"{label} {audit.name}"
        report = self.create(
            {
                "name": name,
                "audit_id": audit.id,
                "kind": kind,
                "date_issued": fields.Date.context_today(self),
                "issued_by_id": self.env.uid,
                "company_id": audit.company_id.id,
            }
        )
        issue_pdf(report, content, name=name)
        audit.message_post(
            author_id=self.env.user.partner_id.id,
            body=self.env._("%(report)s issued.", report=name),
        )
        return report

    def action_download(self):
        """Download the issued PDF, once its fingerprint is checked."""
        self.ensure_one()
        return download_issued_file(
            self,
            self.env._(
                "The PDF of %(report)s is not the one that was issued (its "
                "fingerprint differs). Tell the Internal Control Office.",
                report=self.display_name,
            ),
        )
