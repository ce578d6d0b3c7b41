# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What an audit reports; all but strengths become improvement opportunities.
FINDING_TYPES = [
    ("hallazgo", "Finding"),
    ("no_conformidad", "Nonconformity"),
    ("observacion", "Observation"),
    ("oportunidad_mejora", "Improvement opportunity"),
    ("fortaleza", "Strength"),
]


class MipgAuditFinding(models.Model):
    """A result of an internal audit: condition, criterion, cause and
    effect. With the final report it becomes an improvement opportunity of
    source "internal management audit" on the Plan board."""

    _name = "mipg.audit.finding"
    _description = "MIPG audit finding"
    _inherit = [
        "mipg.audit.mixin",
        "mipg.workflow.mixin",
        "mipg.opportunity.origin.mixin",
    ]
    _order = "audit_id, sequence, id"
    _check_company_auto = True
    _mipg_frozen_parent = "audit_id"

    audit_id = fields.Many2one(
        "mipg.audit", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True)
    finding_type = fields.Selection(
        FINDING_TYPES, string="Type", required=True, default="hallazgo"
    )
    process_id = fields.Many2one(
        "mipg.process", required=True, index=True, check_company=True
    )
    condition = fields.Text(required=True, help="What was found.")
    criterion = fields.Text(help="What should be: rule, procedure or goal.")
    cause = fields.Text(help="Why the difference happens.")
    effect = fields.Text(help="Consequence or risk of the difference.")
    recommendation = fields.Text(
        help="What the OCI suggests; the audited unit formulates the actions."
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "mipg_audit_finding_attachment_rel",
        "finding_id",
        "attachment_id",
        string="Evidence files",
    )
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)

    @api.constrains("process_id", "audit_id")
    def _check_process_in_scope(self):
        for finding in self:
            if finding.process_id not in finding.audit_id.process_ids:
                raise ValidationError(
                    self.env._(
                        "The finding %(finding)s is about %(process)s, which the "
                        "audit does not cover: choose one of its audited processes.",
                        finding=finding.name,
                        process=finding.process_id.display_name,
                    )
                )

    def _mipg_prepare_opportunity_vals(self):
        self.ensure_one()
        return {
            "title": self.name,
            "finding_type": self.finding_type,
            "source": "auditoria_interna_gestion",
            "source_reference": self.audit_id.name,
            "description": self.condition,
            "criterion": self.criterion,
            "root_cause": self.cause,
            "effect": self.effect,
            "process_id": self.process_id.id,
            "responsible_id": self.process_id.leader_id.id or False,
            "company_id": self.company_id.id,
        }

    def _mipg_raise_opportunities(self):
        """Every finding but the strengths becomes an opportunity."""
        return self.filtered(
            lambda f: f.finding_type != "fortaleza"
        )._mipg_create_opportunities()
