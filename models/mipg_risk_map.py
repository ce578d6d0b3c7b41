# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mipg_tools import check_year, download_issued_file, issue_pdf


class MipgRiskMap(models.Model):
    """Mapa de riesgos de corrupción of a year, as published (it must be
    public by 31 January): a frozen PDF in the virtual library with its
    SHA-256, and the risks it showed."""

    _name = "mipg.risk.map"
    _description = "MIPG published corruption risk map"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "year desc, id desc"
    _mipg_state_field = "state"
    _mipg_transition_fields = (
        "date_published",
        "published_by_id",
        "attachment_id",
        "pdf_sha256",
        "risk_ids",
    )
    _mipg_frozen_states = ("published",)

    name = fields.Char(
        string="Title",
        required=True,
        default=lambda self: self.env._("Corruption risk map"),
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    risk_ids = fields.Many2many(
        "mipg.risk",
        "mipg_risk_map_risk_rel",
        "map_id",
        "risk_id",
        string="Risks",
        copy=False,
        help="The corruption risks the published map showed.",
    )
    date_published = fields.Date(string="Publication date", copy=False)
    published_by_id = fields.Many2one("res.users", string="Published by", copy=False)
    attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", copy=False, ondelete="restrict"
    )
    pdf_sha256 = fields.Char(string="PDF SHA-256", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "year_company_unique",
            "unique(company_id, year)",
            "The corruption risk map of this year already exists: open it.",
        ),
    ]

    @api.constrains("year")
    def _check_year(self):
        check_year(
            self,
            lambda year: self.env._(
                "The year of the map (%(year)s) must have four digits.", year=year
            ),
        )

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Publish")

    @api.depends("name", "year")
    def _compute_display_name(self):
        for risk_map in self:
            risk_map.display_name = f"{risk_map.name or ''} {risk_map.year}"

    def action_publish(self):
        """Render the PDF of the corruption risks of the company, attach it,
        fingerprint it and freeze the map."""
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) publishes the "
                "corruption risk map."
            ),
        )
        for risk_map in self:
            if risk_map.state == "published":
                raise UserError(
                    self.env._(
                        "The map %(map)s is already published.",
                        map=risk_map.display_name,
                    )
                )
        for risk_map in self:
            risks = (
                self.env["mipg.risk"]
                .sudo()
                .search(
                    [
                        ("risk_type", "=", "corruption"),
                        ("company_id", "=", risk_map.company_id.id),
                    ]
                )
            )
            if not risks:
                raise UserError(
                    self.env._(
                        "There is no corruption risk to publish: identify the "
                        "corruption risks of the processes first."
                    )
                )
            risk_map._mipg_write_transition(
                {
                    "state": "published",
                    "date_published": fields.Date.context_today(self),
                    "published_by_id": self.env.user.id,
                    "risk_ids": [(6, 0, risks.ids)],
                }
            )
            # frozen from now on: the PDF is attached as superuser
            record = risk_map.sudo()
            content, __ = (
                self.env["ir.actions.report"]
                .sudo()
                ._render_qweb_pdf(
                    "mipg.action_report_risk_map",
                    risks.ids,
                    data={"kind": "corruption"},
                )
            )
            issue_pdf(record, content)
        return True

    def action_download(self):
        self.ensure_one()
        return download_issued_file(
            self,
            self.env._(
                "The PDF of %(map)s does not match the fingerprint recorded when "
                "it was published: tell the Internal Control Office.",
                map=self.display_name,
            ),
            missing=self.env._(
                "The map has no PDF yet: it is made when it is published."
            ),
        )
