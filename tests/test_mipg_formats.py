# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a Spanish (Colombia) reader gets from the printed reports and the
e-mails: years as plain text, dates as dd/mm/aaaa, decimal commas, the
entity's own logo (never Odoo's placeholder), no English left, and PDFs
without blank pages or pages holding a single line."""

import base64
import io
import re
from datetime import timedelta

import polib
from lxml import html as lxml_html

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open, file_path
from odoo.tools.pdf import PdfFileReader

from .mipg_lesson_common import MipgLessonCommon

BULLETIN = "mipg.action_report_bulletin"
SELF_ASSESSMENT = "mipg.action_report_self_assessment"
LANG = "es_CO"
# How Colombia writes dates; the demo database configures es_CO so, and so
# does this test (Odoo ships es_CO with dd-mm-aaaa).
DATE_FORMAT = "%d/%m/%Y"

WORD = re.compile(r"[^\W\d_]+")
# What is not prose in a msgid: placeholders, mail template expressions,
# markup (attributes included) and identifiers (object.name, mipg.self_...).
NOT_PROSE = re.compile(
    r"%\(\w+\)[-+ #0-9.]*[a-z]|%[sdr]|\{\{.*?\}\}|<[^>]*>|&\w+;|\b\w+(?:[._]\w+)+\b"
)
# English words that are Spanish words too, or names kept in both
# languages.
BOTH_LANGUAGES = {
    "error",
    "final",
    "general",
    "ideal",
    "legal",
    "local",
    "manual",
    "normal",
    "plan",
    "real",
    "social",
    "total",
}
# The entity's placeholder logo, drawn for the demo (not a real coat of arms).
DEMO_LOGO = "mipg/static/src/img/mipg_demo_logo.png"
LONG_TEXT = (
    "Durante la vigencia los soportes de las cuentas no se archivaban a "
    "tiempo y las dependencias no compartían la información del cierre. "
)


def _prose_words(text):
    return {word.lower() for word in WORD.findall(NOT_PROSE.sub(" ", text))}


def english_words():
    """Words of the module's English source strings (i18n/mipg.pot) that
    are not Spanish: words that no Spanish translation of es.po uses either,
    and not in the short list of words both languages share."""
    english = set()
    for entry in polib.pofile(file_path("mipg/i18n/mipg.pot")):
        # A report's file name is a Python expression, not prose.
        if any("print_report_name" in where for where, _line in entry.occurrences):
            continue
        english |= _prose_words(entry.msgid)
    spanish = set()
    for entry in polib.pofile(file_path("mipg/i18n/es.po")):
        spanish |= _prose_words(entry.msgstr)
    return {
        word
        for word in english - spanish - BOTH_LANGUAGES
        # Accented words are Spanish; one- and two-letter words are
        # too ambiguous to tell.
        if len(word) > 2 and word.isascii()
    }


def visible_text(html):
    """The text a reader sees: no style sheets, scripts nor attributes."""
    if isinstance(html, bytes):
        html = html.decode()
    root = lxml_html.fromstring(html)
    for node in root.xpath("//style | //script | //title"):
        node.drop_tree()
    return " ".join(root.text_content().split())


def pdf_pages_text(pdf):
    """The text of each page of a PDF, read by the PDF library Odoo ships
    (the same on every machine, where poppler's pdftotext may be missing)."""
    # It may separate the words of a line with tabs: one space each.
    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        "\n".join(" ".join(line.split()) for line in page.extract_text().splitlines())
        for page in reader.pages
    ]


@tagged("post_install", "-at_install", "mipg_browser")
class TestMipgFormats(MipgLessonCommon, HttpCase):
    """An HttpCase: wkhtmltopdf loads the report assets from the test server,
    which must share the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(["mipg"], [LANG])
        cls.env.ref("base.lang_es_CO").date_format = DATE_FORMAT
        cls.company = cls.env.company
        cls.company.partner_id.lang = LANG
        with file_open(DEMO_LOGO, "rb") as logo:
            cls.company.logo = base64.b64encode(logo.read())
        for user, name in (
            (cls.servant, "Servidora de Hacienda"),
            (cls.leader, "Líder de Gestión Financiera"),
            (cls.planner, "Jefa de la Oficina de Planeación"),
            (cls.auditor, "Jefe de Control Interno"),
        ):
            user.write({"name": name, "lang": LANG})
        cls.today = fields.Date.context_today(cls.env.user)
        cls.english = english_words()

        # A bulletin of two dimensions with lessons long enough to fill
        # several pages.
        for title, values in (
            ("Empalmes documentados en tesorería", {}),
            ("Conciliar cada mes", {}),
            (
                "Repositorio de buenas prácticas",
                {"policy_ids": [(6, 0, cls.policy_gc.ids)]},
            ),
            (
                "Comunidades de práctica por proceso",
                {"policy_ids": [(6, 0, cls.policy_gc.ids)]},
            ),
        ):
            cls._verified_lesson(
                cls._create_opportunity(title=title, **values),
                title=title,
                situation=LONG_TEXT * 6,
                what_worked=LONG_TEXT * 4,
                what_failed=LONG_TEXT * 3,
                impact=LONG_TEXT * 2,
            )
        # Created from the web client, in the language of its author.
        cls.bulletin = (
            cls.env["mipg.bulletin"]
            .with_user(cls.planner)
            .with_context(lang=LANG)
            .create(
                {
                    "year": cls.year,
                    "edition": 1,
                    "introduction": f"<p>{LONG_TEXT * 3}</p>",
                }
            )
        )

        # Two years of the Talento Humano self-assessment (Matriz GETH, 131
        # activities), with decimal scores and gaps, and no other year
        # (demo data has some) to compare with.
        cls.env["mipg.self.assessment"].search([]).unlink()
        policy = cls.env.ref("mipg.mipg_policy_gestion_estrategica_talento_humano")
        Assessment = cls.env["mipg.self.assessment"].with_user(cls.planner)
        cls.assessments = Assessment
        for year, scores in (
            (cls.year - 2, (55.5, 48.0, 62.5, 40.0)),
            (cls.year - 1, (72.5, 45.0, 85.0, 38.5)),
        ):
            assessment = Assessment.create(
                {
                    "policy_id": policy.id,
                    "year": year,
                    "date": cls.today,
                    "evaluator_ids": [(6, 0, cls.planner.ids)],
                }
            )
            assessment.action_start()
            for index, score in enumerate(scores, start=1):
                component = cls.env.ref(f"mipg.mipg_assessment_component_geth_{index}")
                assessment.line_ids.filtered(
                    lambda line, component=component: line.component_id == component
                ).score = score
            cls.assessments |= assessment
        # Last year's is finished: this year's compares with it.
        cls.assessments[0].action_done()
        cls.assessments[-1]._create_gap_opportunities(process=cls.process)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _render_html(self, report, records):
        html, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.planner)
            .with_context(lang=LANG)
            ._render_qweb_html(report, records.ids)
        )
        self.assertEqual(report_type, "html")
        return html.decode()

    def _render_pdf(self, report, records):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.planner)
            .with_context(lang=LANG, force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf

    def _spanish_date(self, date):
        return date.strftime(DATE_FORMAT)

    def assertSpanishFormats(self, text, years, dates=(), numbers=()):
        for year in years:
            self.assertIn(str(year), text)
            self.assertNotIn(f"{year // 1000}.{year % 1000:03d}", text)
        for date in dates:
            self.assertIn(self._spanish_date(date), text)
        iso = re.findall(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}-\d{2}-\d{4}\b", text)
        self.assertFalse(iso, "dates not written as dd/mm/aaaa")
        for number in numbers:
            self.assertIn(f"{number:.1f}".replace(".", ","), text)
            self.assertNotIn(f"{number:.1f}", text)

    def assertNoEnglish(self, text, where):
        found = sorted(
            {word for word in WORD.findall(text) if word.lower() in self.english}
        )
        self.assertFalse(found, f"English words in {where}: {found}")

    def assertPagesRead(self, pdf, minimum):
        """Each page holds more than one line of text: no blank page, no
        page left with a line that did not fit on the previous one."""
        pages = pdf_pages_text(pdf)
        self.assertGreaterEqual(len(pages), minimum)
        for number, page in enumerate(pages, start=1):
            lines = [line for line in page.splitlines() if line.strip()]
            with self.subTest(page=number):
                self.assertGreater(len(lines), 1, f"page {number}: {lines}")
        return pages

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_english_words_come_from_the_source_strings(self):
        """The scan knows the English of the module, not the Spanish."""
        for word in ("bulletin", "lessons", "learned", "edition", "printed"):
            self.assertIn(word, self.english)
        for word in ("plan", "no", "de", "mipg", "logo"):
            self.assertNotIn(word, self.english)

    def test_bulletin_in_spanish(self):
        html = self._render_html(BULLETIN, self.bulletin)
        text = visible_text(html)
        self.assertIn("Boletín institucional", text)
        self.assertSpanishFormats(text, [self.year], dates=[self.today])
        self.assertNoEnglish(text, "the bulletin")

    def test_self_assessment_in_spanish(self):
        html = self._render_html(SELF_ASSESSMENT, self.assessments)
        text = visible_text(html)
        self.assertIn("Informe de autodiagnóstico", text)
        previous, current = self.assessments
        self.assertSpanishFormats(
            text,
            [self.year - 2, self.year - 1],
            dates=[self.today],
            numbers=[72.5, 38.5, current.score, previous.score],
        )
        change = current.score - previous.score
        self.assertIn(f"+{change:.1f}".replace(".", ","), text)
        self.assertNoEnglish(text, "the self-assessment report")

    def test_covers_show_the_entity_logo_only(self):
        """The entity's logo on both covers; without one, no image at all,
        never Odoo's "Your logo" placeholder."""
        logo = self.company.logo.decode()
        placeholder = self.company._get_logo().decode()
        for report, records in (
            (BULLETIN, self.bulletin),
            (SELF_ASSESSMENT, self.assessments),
        ):
            with self.subTest(report=report):
                html = self._render_html(report, records)
                self.assertIn(logo, html)
                self.assertNotIn(placeholder, html)
        self.company.logo = self.company._get_logo()
        self.assertTrue(self.company.uses_default_logo)
        for report, records in (
            (BULLETIN, self.bulletin),
            (SELF_ASSESSMENT, self.assessments),
        ):
            with self.subTest(report=report, logo=False):
                html = self._render_html(report, records)
                self.assertNotIn(placeholder, html)
                self.assertNotIn('alt="Logo"', html)

    def test_bulletin_pdf_pages(self):
        pages = self.assertPagesRead(self._render_pdf(BULLETIN, self.bulletin), 4)
        text = " ".join(" ".join(pages).split())
        # Real text (not drawn glyphs), in Spanish, with Spanish dates.
        self.assertIn("Boletín institucional", text)
        self.assertIn("Lo que no funcionó", text)
        self.assertIn(self._spanish_date(self.today), text)
        # The cover and the index hold their own page; each dimension
        # starts a page.
        self.assertIn(str(self.year), pages[0])
        self.assertIn("Contenido", pages[1])
        self.assertTrue(
            pages[2].strip().startswith(self.dimension_ti.name), pages[2][:200]
        )

    def test_self_assessment_pdf_pages(self):
        pages = self.assertPagesRead(
            self._render_pdf(SELF_ASSESSMENT, self.assessments), 4
        )
        text = " ".join(" ".join(pages).split())
        self.assertIn("72,5", text)
        self.assertIn(self._spanish_date(self.today), text)
        self.assertIn("Resumen por dimensión", pages[-1])

    def test_mail_templates_in_spanish(self):
        """The e-mails render in the language of their recipient, with
        Spanish dates and decimal commas."""
        deadline = self.today + timedelta(days=5)
        plan = self.env["mipg.plan"].create(
            {
                "title": "Plan de mejoramiento de prueba",
                "source": "auditoria_interna_gestion",
                "level": "process",
                "process_id": self.process.id,
                "responsible_id": self.leader.id,
                "date_start": self.today,
            }
        )
        opportunity = self._create_opportunity(verdict=None, plan_id=plan.id)
        action = self.env["mipg.action"].create(
            {
                "name": "Publicar el procedimiento de conciliación",
                "plan_id": plan.id,
                "opportunity_id": opportunity.id,
                "process_id": self.process.id,
                "responsible_id": self.leader.id,
                "date_start": self.today,
                "date_deadline": deadline,
            }
        )
        followup = (
            self.env["mipg.followup"]
            .with_user(self.leader)
            .create(
                {
                    "action_id": action.id,
                    "line": "first",
                    "progress": 54.2,
                    "date": self.today,
                    "description": "Avance del primer trimestre.",
                }
            )
        )
        followup.action_submit()
        followup.with_user(self.planner).action_validate()
        self.assertAlmostEqual(action.progress, 54.2)
        for xmlid, record, expected in (
            ("mipg.mipg_action_mail_template_deadline", action, ["54,2 %"]),
            ("mipg.mipg_followup_mail_template_rejected", followup, []),
            ("mipg.mipg_plan_mail_template_approved", plan, []),
            ("mipg.mipg_plan_mail_template_returned", plan, []),
        ):
            with self.subTest(template=xmlid):
                template = self.env.ref(xmlid)
                # The templates are written in Spanish: their Spanish
                # translation is the same text.
                spanish = template.with_context(lang=LANG)
                for field in ("subject", "body_html"):
                    self.assertEqual(
                        spanish[field],
                        template[field],
                        f"i18n/es.po holds an old {field} of {xmlid}: regenerate "
                        "it (tools/i18n.sh) and copy the new text as msgstr",
                    )
                # As the chatter posts it: in the recipient's language.
                values = template._generate_template(
                    record.ids, ["subject", "body_html"]
                )[record.id]
                body = visible_text(values["body_html"])
                text = f"{values['subject']} {body}"
                self.assertIn("Cordial saludo", body)
                for snippet in expected:
                    self.assertIn(snippet, text)
                dates = [deadline] if record == action else []
                if record == followup:
                    dates = [self.today]
                self.assertSpanishFormats(text, [], dates=dates)
                self.assertNotIn("54.2", text)
                self.assertNoEnglish(text, xmlid)
