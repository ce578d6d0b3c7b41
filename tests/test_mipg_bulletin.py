# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .mipg_lesson_common import MipgLessonCommon


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgBulletin(MipgLessonCommon, HttpCase):
    """An HttpCase: wkhtmltopdf loads the report assets from the test server,
    which must share the test transaction."""

    def _create_bulletin(self, **values):
        return (
            self.env["mipg.bulletin"]
            .with_user(self.planner)
            .create(dict({"year": self.year, "edition": 7}, **values))
        )

    def _publish(self, bulletin):
        # Odoo's test mode renders HTML unless the PDF is forced.
        bulletin.with_context(force_report_rendering=True).action_publish()

    def test_bulletin_without_verified_lessons_cannot_be_published(self):
        self._create_lesson(self._create_opportunity()).action_propose()
        bulletin = self._create_bulletin()
        with self.assertRaisesRegex(UserError, "no verified lessons"):
            bulletin.action_publish()
        self.assertEqual(bulletin.state, "draft")
        self.assertFalse(bulletin.attachment_id)

    def test_draft_bulletin_holds_the_verified_lessons_of_its_year(self):
        verified = self._verified_lesson()
        self._verified_lesson(year=self.year - 1)
        proposed = self._create_lesson(self._create_opportunity())
        proposed.action_propose()
        bulletin = self._create_bulletin()
        self.assertEqual(bulletin.lesson_ids, verified)
        # A lesson verified later joins the draft bulletin of its year ...
        proposed.with_user(self.planner).action_verify()
        self.assertEqual(bulletin.lesson_ids, verified | proposed)
        # ... and leaves it when it is returned.
        proposed.with_user(self.planner).action_return("Revisar la redacción.")
        self.assertEqual(bulletin.lesson_ids, verified)

    def test_publish_attaches_pdf_and_freezes_lessons(self):
        lessons = self._verified_lesson() | self._verified_lesson()
        bulletin = self._create_bulletin()
        self._publish(bulletin)
        self.assertEqual(bulletin.state, "published")
        self.assertEqual(bulletin.published_by_id, self.planner)
        self.assertTrue(bulletin.date_published)
        attachment = bulletin.attachment_id
        self.assertEqual(attachment.res_model, "mipg.bulletin")
        self.assertEqual(attachment.res_id, bulletin.id)
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertEqual(bulletin.lesson_ids, lessons)
        self.assertEqual(set(lessons.mapped("state")), {"published"})
        # Frozen: later verified lessons of the year stay out, the list
        # cannot be refreshed, the lessons and the bulletin cannot change.
        late = self._verified_lesson()
        bulletin.invalidate_recordset()
        self.assertEqual(bulletin.lesson_ids, lessons)
        self.assertFalse(late.bulletin_id)
        with self.assertRaises(UserError):
            bulletin.action_update_lessons()
        with self.assertRaises(UserError):
            lessons[0].title = "Otro título"
        with self.assertRaises(UserError):
            bulletin.name = "Otro boletín"
        with self.assertRaises(UserError):
            bulletin.unlink()
        with self.assertRaises(UserError):
            lessons[0].with_user(self.planner).action_return("Ya publicada")

    def test_publishing_twice_is_refused(self):
        self._verified_lesson()
        bulletin = self._create_bulletin()
        self._publish(bulletin)
        attachment = bulletin.attachment_id
        with self.assertRaisesRegex(UserError, "cannot be published twice"):
            bulletin.action_publish()
        self.assertEqual(bulletin.attachment_id, attachment)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "mipg.bulletin"), ("res_id", "=", bulletin.id)]
            ),
            1,
        )

    def test_one_bulletin_per_edition_and_one_draft_per_year(self):
        self._create_bulletin()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._create_bulletin()
        # one draft per year (a database constraint: TestMipgConcurrencyRules)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._create_bulletin(edition=8)

    def test_lesson_verified_after_publication_goes_to_the_next_edition(self):
        """A lesson verified once the year's bulletin is published is not
        stuck: a second edition of the year holds it, and only it."""
        first = self._verified_lesson()
        edition_1 = self._create_bulletin(edition=1)
        self._publish(edition_1)
        late = self._verified_lesson()
        self.assertFalse(late.bulletin_id)
        edition_2 = self._create_bulletin(edition=2)
        self.assertEqual(edition_2.lesson_ids, late)
        self._publish(edition_2)
        self.assertEqual(late.state, "published")
        self.assertEqual(late.bulletin_id, edition_2)
        self.assertEqual(first.bulletin_id, edition_1)
        edition_1.invalidate_recordset()
        self.assertEqual(edition_1.lesson_ids, first)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_virtual_library_visibility(self):
        self._verified_lesson()
        bulletin = self._create_bulletin()
        Bulletin = self.env["mipg.bulletin"].with_user(self.servant)
        library = [("state", "=", "published")]
        # Before publishing: the draft stays with the second line.
        self.assertFalse(Bulletin.search([("id", "=", bulletin.id)]))
        with self.assertRaises(AccessError):
            bulletin.with_user(self.servant).read(["name"])
        self.assertFalse(
            self.env["mipg.bulletin"]
            .with_user(self.leader)
            .search([("id", "=", bulletin.id)]),
            "drafts stay with the second line",
        )
        self._publish(bulletin)
        # After: every internal MIPG user reads it and downloads the PDF.
        self.assertEqual(Bulletin.search(library), bulletin)
        as_servant = bulletin.with_user(self.servant)
        self.assertTrue(as_servant.attachment_id.raw.startswith(b"%PDF"))
        action = as_servant.action_download()
        self.assertEqual(
            action["url"], f"/web/content/{bulletin.attachment_id.id}?download=true"
        )
        self.assertEqual(as_servant.lesson_ids.mapped("state"), ["published"])
        with self.assertRaises(AccessError):
            as_servant.check_access("write")

    def test_menus_and_views_of_a_public_servant(self):
        """A plain public servant sees the lessons and the virtual library,
        not the yearly verification nor the draft bulletins, and can open
        the library's views."""
        menus = self.env["ir.ui.menu"].with_user(self.servant)._visible_menu_ids()
        self.assertIn(self.env.ref("mipg.mipg_bulletin_menu_library").id, menus)
        self.assertIn(self.env.ref("mipg.mipg_lesson_menu").id, menus)
        self.assertNotIn(self.env.ref("mipg.mipg_bulletin_menu").id, menus)
        self.assertNotIn(self.env.ref("mipg.mipg_lesson_menu_verification").id, menus)
        planner_menus = (
            self.env["ir.ui.menu"].with_user(self.planner)._visible_menu_ids()
        )
        self.assertIn(self.env.ref("mipg.mipg_bulletin_menu").id, planner_menus)
        views = (
            self.env["mipg.bulletin"]
            .with_user(self.servant)
            .get_views([(False, "kanban"), (False, "list"), (False, "form")])
        )
        self.assertIn("action_download", views["views"]["kanban"]["arch"])

    def test_report_content(self):
        """Cover, index, and lessons grouped by dimension and process with
        their origin reference."""
        opportunity_th = self._create_opportunity(
            title="Rotación del personal de tesorería",
            process_id=self.process_th.id,
        )
        lesson_th = self._verified_lesson(
            opportunity_th, title="Empalmes documentados en tesorería"
        )
        opportunity_gc = self._create_opportunity(
            title="Conocimiento sin documentar",
            policy_ids=[(6, 0, self.policy_gc.ids)],
        )
        lesson_gc = self._verified_lesson(
            opportunity_gc, title="Repositorio de buenas prácticas"
        )
        bulletin = self._create_bulletin(introduction="<p>Presentación del alcalde</p>")
        html, report_type = self.env["ir.actions.report"]._render_qweb_html(
            "mipg.action_report_bulletin", bulletin.ids
        )
        self.assertEqual(report_type, "html")
        html = html.decode()
        for text in (
            bulletin.company_id.name,
            str(self.year),
            "Edition No. 7",
            "Presentación del alcalde",
            "Contents",
            self.dimension_ti.name,
            self.dimension_gc.name,
            self.process_th.code,
            self.process.code,
            lesson_th.name,
            lesson_th.title,
            opportunity_th.name,
            opportunity_th.title,
            opportunity_th.action_ids.name,
            lesson_gc.recommendation,
        ):
            self.assertIn(text, html)
        # Chapters follow the official order of the dimensions (talento
        # humano is dimension 1, gestión del conocimiento dimension 6); the
        # index comes before the chapters.
        chapters = bulletin._get_report_chapters()
        self.assertEqual(
            [dimension for dimension, _processes in chapters],
            [self.dimension_ti, self.dimension_gc],
        )
        self.assertEqual(chapters[0][1][0][1], [(1, lesson_th)])
        self.assertEqual(chapters[1][1][0][1], [(2, lesson_gc)])
        first_index = html.index(lesson_gc.title)
        self.assertLess(html.index(lesson_th.title), first_index)
        self.assertGreater(html.count(lesson_gc.title), 1, "index and chapter")

    def test_public_servant_downloads_the_published_pdf(self):
        self._verified_lesson()
        bulletin = (
            self.env["mipg.bulletin"]
            .with_user(self.planner)
            .create({"year": self.year, "edition": 1})
        )
        bulletin.with_context(force_report_rendering=True).action_publish()
        self.authenticate("mipg_servant", "mipg_servant")
        url = bulletin.with_user(self.servant).action_download()["url"]
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn("attachment", response.headers["Content-Disposition"])
