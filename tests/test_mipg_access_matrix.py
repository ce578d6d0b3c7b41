# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix of the lines of defense, as data.

Every MIPG model × every MIPG group × read, create, write and unlink: the
letters of MATRIX are the operations the group may do, every other one must
be refused. Each operation is made on a record inside the user's scope (the
first-line user leads the process of the records), with the values that the
group would naturally use (a third-line user creates audit findings and
third-line follow-ups), so that this test checks the access rights and
``test_mipg_record_rules`` checks the scoping and the separation of duties.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

GROUPS = (
    "user",
    "first_line",
    "second_line",
    "third_line",
    "strategic_line",
    "manager",
)

CATALOG = {
    "user": "r",
    "first_line": "r",
    "second_line": "r",
    "third_line": "r",
    "strategic_line": "r",
    "manager": "rwcu",
}

# model -> group -> allowed operations (r)ead (w)rite (c)reate (u)nlink
MATRIX = {
    "mipg.dimension": CATALOG,
    "mipg.policy": CATALOG,
    "mipg.principle": CATALOG,
    "mipg.process": dict(CATALOG, second_line="rwc"),
    "mipg.stage": dict(CATALOG, second_line="rwcu"),
    "mipg.opportunity": {
        "user": "",
        "first_line": "rwc",
        "second_line": "rwcu",
        "third_line": "rc",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.plan": {
        "user": "",
        "first_line": "rwc",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "rw",
        "manager": "rwcu",
    },
    "mipg.action": {
        "user": "",
        "first_line": "rwc",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.followup": {
        "user": "",
        "first_line": "rwcu",
        "second_line": "rwcu",
        "third_line": "rwcu",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.audit.trail": {
        "user": "",
        "first_line": "",
        "second_line": "",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "r",
    },
}

# The line of defense whose follow-ups each group records.
FOLLOWUP_LINE = {
    "user": "first",
    "first_line": "first",
    "second_line": "second",
    "third_line": "third",
    "strategic_line": "first",
    "manager": "second",
}

# A harmless change of each model.
WRITES = {
    "mipg.dimension": {"purpose": "Changed"},
    "mipg.policy": {"description": "Changed"},
    "mipg.principle": {"description": "Changed"},
    "mipg.process": {"description": "Changed"},
    "mipg.stage": {"description": "Changed"},
    "mipg.opportunity": {"root_cause": "Changed"},
    "mipg.plan": {"audited_period": "2025"},
    "mipg.action": {"description": "Changed"},
    "mipg.followup": {"description": "Changed"},
    "mipg.audit.trail": {"new_value": "Changed"},
}

OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestMipgAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            group: new_test_user(
                cls.env,
                login=f"matrix_{group}",
                groups=f"mipg.group_mipg_{group}",
                name=f"Matrix {group}",
            )
            for group in GROUPS
        }
        cls.leader = cls.users["first_line"]
        cls.dimension = cls.env.ref("mipg.mipg_dimension_control_interno")
        cls.process = cls.env["mipg.process"].create(
            {"code": "MX-01", "name": "Matrix process", "leader_id": cls.leader.id}
        )
        cls.counter = 0

    # Values of a new record of each model, as the group would create it.
    def _values(self, model, group):
        self.__class__.counter += 1
        n = self.counter
        if model in ("mipg.dimension", "mipg.principle"):
            return {"code": f"MX_{n}", "name": f"Matrix {n}"}
        if model == "mipg.policy":
            return {
                "code": f"MX_{n}",
                "name": f"Matrix {n}",
                "dimension_id": self.dimension.id,
            }
        if model == "mipg.process":
            return {"code": f"MX-{n}", "name": f"Matrix {n}"}
        if model == "mipg.stage":
            return {"code": f"MX{n}", "name": f"Matrix {n}", "phva": "check"}
        if model == "mipg.opportunity":
            source = (
                "auditoria_interna_gestion"
                if group == "third_line"
                else "autoevaluacion"
            )
            return {
                "title": f"Matrix finding {n}",
                "source": source,
                "description": "Found while testing the access matrix.",
                "process_id": self.process.id,
            }
        if model == "mipg.plan":
            return {
                "title": f"Matrix plan {n}",
                "source": "autoevaluacion",
                "process_id": self.process.id,
            }
        if model == "mipg.action":
            return {
                "name": f"Matrix action {n}",
                "responsible_id": self.leader.id,
                "process_id": self.process.id,
            }
        if model == "mipg.followup":
            return {
                "action_id": self._make("mipg.action", group).id,
                "line": FOLLOWUP_LINE[group],
                "progress": 10,
            }
        if model == "mipg.audit.trail":
            return {"new_value": "Forged"}
        raise AssertionError(f"No test values for {model}: add them to the matrix.")

    def _make(self, model, group):
        if model == "mipg.audit.trail":
            action = self._make("mipg.action", group)
            self._flush_tracking()
            action.date_deadline = "2030-12-31"
            self._flush_tracking()
            line = self.env[model].search(
                [("model", "=", "mipg.action"), ("res_id", "=", action.id)]
            )
            self.assertEqual(line.new_value, "2030-12-31")
            return line
        return self.env[model].create(self._values(model, group))

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _try(self, model, group, operation):
        """Do the operation as a user of the group; True when allowed."""
        user = self.users[group]
        try:
            with self.env.cr.savepoint():
                if operation == "create":
                    values = self._values(model, group)
                    self.env[model].with_user(user).create(values)
                else:
                    record = self._make(model, group).with_user(user)
                    if operation == "read":
                        record.invalidate_recordset()
                        record.read(list(WRITES[model]))
                        if not record.search_count([("id", "=", record.id)]):
                            return False
                    elif operation == "write":
                        record.write(WRITES[model])
                        record.env.flush_all()
                    else:
                        record.unlink()
                        record.env.flush_all()
        except AccessError:
            return False
        except UserError as error:
            if model == "mipg.audit.trail":
                return False
            raise AssertionError(
                f"{group} {operation} {model}: unexpected error {error}"
            ) from error
        return True

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_access_matrix(self):
        # No model nor group left out: the matrix covers the whole addon.
        models = self.env["ir.model"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "mipg"), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        addon_models = {
            m.model
            for m in models
            if not (self.env[m.model]._abstract or self.env[m.model]._transient)
        }
        self.assertEqual(
            addon_models, set(MATRIX), "Every MIPG model has a row in the matrix."
        )
        category = self.env.ref("mipg.module_category_mipg")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(
            {g.get_external_id()[g.id].split(".group_mipg_")[1] for g in groups},
            set(GROUPS),
            "Every MIPG group has a column in the matrix.",
        )
        mismatches = []
        cases = 0
        for model, row in MATRIX.items():
            self.assertEqual(set(row), set(GROUPS), f"{model}: one entry per group")
            for group, allowed in row.items():
                for letter, operation in OPERATIONS.items():
                    cases += 1
                    expected = letter in allowed
                    if self._try(model, group, operation) != expected:
                        mismatches.append(
                            f"{group} {operation} {model}: expected "
                            f"{'allowed' if expected else 'forbidden'}"
                        )
        self.assertEqual(cases, len(MATRIX) * len(GROUPS) * len(OPERATIONS))
        self.assertFalse(mismatches, "\n".join(mismatches))
