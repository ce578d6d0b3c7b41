# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .mipg_tools import (
    check_year,
    download_issued_file,
    mipg_trusted,
    year_sql_constraint,
)


class MipgBulletin(models.Model):
    """Boletín institucional de lecciones aprendidas: the yearly publication
    of the verified lessons, kept in the virtual library for every public
    servant of the entity."""

    _name = "mipg.bulletin"
    _description = "MIPG lessons learned bulletin"
    _inherit = ["mail.thread", "mipg.audit.mixin", "mipg.workflow.mixin"]
    _order = "year desc, edition desc, id desc"
    _mipg_state_field = "state"
    _mipg_frozen_states = ("published",)

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._("Lessons learned bulletin"),
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    edition = fields.Integer(
        string="Edition number",
        required=True,
        tracking=True,
        default=lambda self: self._default_edition(),
    )
    introduction = fields.Html(
        help="Presentation of the bulletin, printed after the cover."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    lesson_ids = fields.One2many(
        "mipg.lesson",
        "bulletin_id",
        string="Lessons",
        readonly=True,
        help="While in draft: the verified lessons of the year, refreshed with "
        "'Update lessons' and before publishing. Frozen when published.",
    )
    lesson_count = fields.Integer(compute="_compute_lesson_count")
    date_published = fields.Date(string="Publication date", readonly=True, copy=False)
    published_by_id = fields.Many2one(
        "res.users", string="Published by", readonly=True, copy=False
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", readonly=True, copy=False, ondelete="restrict"
    )
    pdf_sha256 = fields.Char(
        string="PDF SHA-256",
        readonly=True,
        copy=False,
        help="Fingerprint of the published PDF: the virtual library serves "
        "that file only.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    # One bulletin per edition of a year: a second edition of the year
    # publishes the lessons verified after the first one was published.
    # (The name is kept so that an upgrade replaces the former yearly key.)
    _sql_constraints = [
        (
            "year_company_unique",
            "unique(year, edition, company_id)",
            "There is already a bulletin with this year and edition number: open "
            "it, or give the new edition the next number.",
        ),
        # One draft per year and company, also when two people create one at
        # the same time: an exclusion constraint (a partial unique rule).
        (
            "one_draft_per_year",
            "EXCLUDE USING btree (year WITH =, company_id WITH =) "
            "WHERE (state = 'draft')",
            "The bulletin of this year is still a draft: open it and update its "
            "lessons instead of creating another edition of the year.",
        ),
        year_sql_constraint(),
    ]

    @api.model
    def _default_edition(self):
        last = self.search(
            [("company_id", "=", self.env.company.id)], order="edition desc", limit=1
        )
        return (last.edition or 0) + 1

    @api.depends("lesson_ids")
    def _compute_lesson_count(self):
        for bulletin in self:
            bulletin.lesson_count = len(bulletin.lesson_ids)

    @api.constrains("year", "edition")
    def _check_year_edition(self):
        check_year(
            self,
            lambda year: self.env._(
                "The year %(year)s is not valid: write it with four digits, e.g. 2026.",
                year=year,
            ),
        )
        for bulletin in self:
            if bulletin.edition < 1:
                raise ValidationError(
                    self.env._("The edition number must be 1 or more.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def _mipg_state_buttons(self):
        return self.env._("Publish")

    def _mipg_frozen_message(self):
        return self.env._(
            "The bulletin %(bulletin)s is already published and cannot be "
            "changed: it belongs to the virtual library as it was published.",
            bulletin=self.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        bulletins = super().create(vals_list)
        bulletins._sync_lessons()
        return bulletins

    def write(self, vals):
        res = super().write(vals)
        if {"year", "company_id"}.intersection(vals):
            self._sync_lessons()
        return res

    @api.depends("name", "year", "edition")
    def _compute_display_name(self):
        for bulletin in self:
            bulletin.display_name = self.env._(
                "%(title)s %(year)s (No. %(edition)s)",
                title=bulletin.name or "",
                year=bulletin.year,
                edition=bulletin.edition,
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_update_lessons(self):
        """Take the verified lessons of the year into the draft bulletin."""
        self._mipg_check_second_line()
        self.check_access("write")
        for bulletin in self:
            if bulletin.state != "draft":
                raise UserError(
                    self.env._(
                        "The bulletin %(bulletin)s is published: its list of lessons "
                        "is frozen.",
                        bulletin=bulletin.display_name,
                    )
                )
        self._sync_lessons()
        return True

    def action_publish(self):
        """Freeze the lessons, render the PDF, attach it and put the bulletin
        in the virtual library."""
        self._mipg_check_second_line()
        for bulletin in self:
            if bulletin.state == "published":
                raise UserError(
                    self.env._(
                        "The bulletin %(bulletin)s was already published on "
                        "%(date)s; it cannot be published twice.",
                        bulletin=bulletin.display_name,
                        date=format_date(self.env, bulletin.date_published),
                    )
                )
        self._sync_lessons()
        for bulletin in self:
            if not bulletin.lesson_ids:
                raise UserError(
                    self.env._(
                        "The bulletin %(bulletin)s has no verified lessons of "
                        "%(year)s. Verify the year's proposed lessons (Yearly "
                        "verification) before publishing it.",
                        bulletin=bulletin.display_name,
                        year=bulletin.year,
                    )
                )
        self._mipg_write_transition(
            {
                "state": "published",
                "date_published": fields.Date.context_today(self),
                "published_by_id": self.env.user.id,
            }
        )
        self.lesson_ids.sudo().write({"state": "published"})
        # Published, the bulletin is frozen for its users (its PDF attachment
        # too): the PDF is attached, fingerprinted and announced as superuser.
        with mipg_trusted():
            for bulletin in self.sudo():
                attachment = bulletin._render_pdf_attachment()
                bulletin.write(
                    {
                        "attachment_id": attachment.id,
                        "pdf_sha256": hashlib.sha256(attachment.raw).hexdigest(),
                    }
                )
                bulletin.message_post(
                    author_id=self.env.user.partner_id.id,
                    body=self.env._(
                        "Bulletin published in the virtual library with "
                        "%(count)s lessons.",
                        count=len(bulletin.lesson_ids),
                    ),
                    attachment_ids=bulletin.attachment_id.ids,
                )
        return True

    def action_download(self):
        """Download the published PDF (virtual library)."""
        self.ensure_one()
        return download_issued_file(
            self,
            self.env._(
                "The PDF of the bulletin %(bulletin)s is not the one that was "
                "published (its fingerprint differs). Tell the Internal Control "
                "Office.",
                bulletin=self.display_name,
            ),
            missing=self.env._(
                "The bulletin %(bulletin)s has no PDF yet: it is created when "
                "the bulletin is published.",
                bulletin=self.display_name,
            ),
        )

    def action_view_lessons(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mipg.mipg_lesson_action"
        )
        action["domain"] = [("bulletin_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _mipg_check_second_line(self):
        self._mipg_check_group(
            "mipg.group_mipg_second_line",
            self.env._(
                "Only the second line of defense (Planning) updates and publishes "
                "the lessons learned bulletin."
            ),
        )

    def _sync_lessons(self):
        """A draft bulletin holds exactly the verified lessons of its year and
        company that no published edition holds yet (a lesson verified after
        the year's bulletin was published goes to the next edition);
        published bulletins are never touched."""
        Lesson = self.env["mipg.lesson"].sudo()
        for bulletin in self.filtered(lambda b: b.state == "draft"):
            verified = Lesson.search(
                [
                    ("state", "=", "verified"),
                    ("year", "=", bulletin.year),
                    ("company_id", "=", bulletin.company_id.id),
                    "|",
                    ("bulletin_id", "=", False),
                    ("bulletin_id.state", "!=", "published"),
                ]
            )
            stale = Lesson.browse(bulletin.lesson_ids.ids) - verified
            stale.write({"bulletin_id": False})
            (verified - bulletin.lesson_ids).write({"bulletin_id": bulletin.id})

    def _render_pdf_attachment(self):
        self.ensure_one()
        report = self.env["ir.actions.report"]
        content, _report_type = report._render_qweb_pdf(
            "mipg.action_report_bulletin", self.ids
        )
        return self.env["ir.attachment"].create(
            {
                "name": self._pdf_filename(),
                "type": "binary",
                "raw": content,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _pdf_filename(self):
        return self.env._(
            "Lessons learned bulletin %(year)s - No. %(edition)s.pdf",
            year=self.year,
            edition=self.edition,
        )

    def _get_report_chapters(self):
        """Lessons grouped by main dimension, then by process, numbered in
        reading order: [(dimension, [(process, [(number, lesson)])])]."""
        self.ensure_one()
        lessons = self.lesson_ids.sorted(
            lambda lesson: (
                lesson.dimension_id.sequence if lesson.dimension_id else 999,
                lesson.dimension_id.id or 0,
                lesson.process_id.process_type_sequence,
                lesson.process_id.code or "",
                lesson.name or "",
                lesson.id,
            )
        )
        chapters = []
        number = 0
        for lesson in lessons:
            if not chapters or chapters[-1][0] != lesson.dimension_id:
                chapters.append((lesson.dimension_id, []))
            processes = chapters[-1][1]
            if not processes or processes[-1][0] != lesson.process_id:
                processes.append((lesson.process_id, []))
            number += 1
            processes[-1][1].append((number, lesson))
        return chapters
