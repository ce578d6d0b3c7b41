# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The tests' own base class: a cache that a test invalidated does not reach
the next test of its class."""

from odoo.tests import tagged

from .common import MipgTransactionCase, new_user


@tagged("post_install", "-at_install")
class TestMipgTransactionCase(MipgTransactionCase):
    """The tests run in the order of their names: the first one adds a
    record rule and reads with it (the rule's domain is cached for the
    user), the second one reads without it, as if it never existed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servant = new_user(
            cls.env, login="cache_servant", groups="mipg.group_mipg_user"
        )
        cls.dimensions = cls.env["mipg.dimension"].search([])

    def _seen(self):
        return self.env["mipg.dimension"].with_user(self.servant).search([])

    def test_1_a_rule_added_in_a_test(self):
        self.assertEqual(self._seen(), self.dimensions)
        self.env["ir.rule"].create(
            {
                "name": "Nothing, for the cache test",
                "model_id": self.env["ir.model"]._get_id("mipg.dimension"),
                "domain_force": "[('id', '=', 0)]",
                "perm_read": True,
            }
        )
        self.assertFalse(self._seen())

    def test_2_is_gone_in_the_next_one(self):
        self.assertTrue(self.dimensions)
        self.assertEqual(self._seen(), self.dimensions)
