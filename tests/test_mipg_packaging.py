# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import MipgTransactionCase


@tagged("post_install", "-at_install")
class TestMipgPackaging(MipgTransactionCase):
    """What Odoo's Apps screen shows of mipg: the users' description
    generated from readme/ (README.rst, static/description/index.html), never
    the developer README of the repository."""

    def setUp(self):
        super().setUp()
        self.module = self.env["ir.module.module"].search([("name", "=", "mipg")])
        self.module.ensure_one()

    def test_apps_screen_shows_the_generated_page(self):
        html = str(self.module.description_html or "")
        self.assertIn("Modelo Integrado de Planeación y Gestión", html)
        self.assertIn("Lines of defense", html)
        for developer_text in ("make run", "make test", "docker compose", "MIPG_HOME"):
            self.assertNotIn(developer_text, html)

    def test_manifest_description_is_the_oca_readme(self):
        # Odoo reads README.rst before README.md into the description.
        description = self.module.description or ""
        self.assertIn("oca-gen-addon-readme", description)
        self.assertNotIn("make run", description)
