# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo.tests import HttpCase, tagged

from .test_mipg_audit import MipgAuditCase


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgOciPdf(MipgAuditCase, HttpCase):
    """The issued documents of the OCI are real PDFs, kept with the
    fingerprint of their bytes (an HTTP case: the PDF engine fetches the
    report's styles from the server)."""

    def _assert_pdf(self, attachment, sha256):
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertEqual(sha256, hashlib.sha256(attachment.raw).hexdigest())

    def test_pdfs_rendered_and_hashed(self):
        audit = self._audit().with_context(force_report_rendering=True)
        self._to_preliminary(audit)
        self._reply(audit)
        audit.action_issue_final()
        self.assertEqual(len(audit.report_ids), 2)
        for report in audit.report_ids:
            self._assert_pdf(report.attachment_id, report.pdf_sha256)
        session = (
            self.env["mipg.committee.session"]
            .with_context(force_report_rendering=True)
            .create(
                {
                    "committee_id": self.env.ref("mipg.mipg_committee_cicci").id,
                    "name": "T-99",
                    "agenda": "Informe de auditoría.",
                }
            )
        )
        session.committee_id.quorum = 1
        session.committee_id.member_ids = self.mayor
        session.attendee_ids = self.mayor
        session.action_close()
        self._assert_pdf(session.attachment_id, session.pdf_sha256)
        evaluation = (
            self.env["mipg.sci.evaluation"]
            .with_user(self.oci)
            .with_context(force_report_rendering=True)
            .create({"year": 2093, "semester": "1"})
        )
        evaluation.component_ids.write({"compliance": 60.0, "strengths": "Bien"})
        evaluation.action_issue()
        self._assert_pdf(evaluation.attachment_id, evaluation.pdf_sha256)
