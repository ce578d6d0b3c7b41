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

from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import MipgTransactionCase, new_users

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

# FURAG results: Planning loads them, the OCI and the strategic line read them.
# FURAG results are Función Pública's figures: created only by the import
# wizard (as superuser); the second line writes the note, a MIPG
# administrator deletes a year loaded from a wrong file.
FURAG = {
    "user": "",
    "first_line": "",
    "second_line": "rw",
    "third_line": "r",
    "strategic_line": "r",
    "manager": "rwu",
}
# Their indexes and recommendations are never created or written by hand.
FURAG_LINES = {
    "user": "",
    "first_line": "",
    "second_line": "r",
    "third_line": "r",
    "strategic_line": "r",
    "manager": "r",
}

# What the OCI publishes (audits with their final report, approved audit
# programmes): everybody reads it.
PUBLISHED = {group: "r" for group in GROUPS}
# The scales, zones and heat map of a draft risk policy: Planning edits them.
RISK_POLICY_LINES = {
    "user": "r",
    "first_line": "r",
    "second_line": "rwcu",
    "third_line": "r",
    "strategic_line": "r",
    "manager": "rwcu",
}
RISKS = {
    "user": "",
    "first_line": "rwcu",
    "second_line": "rwcu",
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
    # Change requests of approved plans: the processes ask, the strategic
    # line decides (its buttons write the decision).
    "mipg.action.change": {
        "user": "",
        "first_line": "rwc",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "rw",
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
    # The audit log: the Internal Control Office, the strategic line and
    # the administrator read it; Planning, whose work it records, does not.
    # Nobody writes it: the records append to it themselves.
    "mipg.audit.log": {
        "user": "",
        "first_line": "",
        "second_line": "",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "r",
    },
    # The head of each company's chain: kept in SQL by the log, for nobody.
    "mipg.audit.chain": {group: "" for group in GROUPS},
    # Lessons: every public servant reads the verified ones; process leaders
    # write their own; Planning verifies them all.
    "mipg.lesson": {
        "user": "r",
        "first_line": "rwcu",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.bulletin": {
        "user": "r",
        "first_line": "r",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    # The structure of the autodiagnóstico tools is catalog that Planning
    # maintains, as it does the processes.
    "mipg.assessment.component": dict(CATALOG, second_line="rwc"),
    "mipg.assessment.category": dict(CATALOG, second_line="rwc"),
    "mipg.assessment.activity": dict(CATALOG, second_line="rwc"),
    # Planning coordinates the autodiagnósticos, process leaders score those
    # of their policies, the OCI and the strategic line read them.
    "mipg.self.assessment": {
        "user": "",
        "first_line": "r",
        "second_line": "rwc",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.self.assessment.line": {
        "user": "",
        "first_line": "rw",
        "second_line": "rwc",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.furag.result": FURAG,
    "mipg.furag.result.line": FURAG_LINES,
    "mipg.furag.recommendation": FURAG_LINES,
    # The catalogue of FURAG codes per year and the booklet's glossary: every
    # servant reads them, the administrator keeps them.
    "mipg.furag.index": CATALOG,
    "mipg.glossary.term": CATALOG,
    # The OCI's audits: the Internal Control Office plans and executes them,
    # the audited leaders and the strategic line read them, every public
    # servant reads them once the final report is issued.
    "mipg.audit": dict(PUBLISHED, third_line="rwc"),
    "mipg.audit.checklist": dict(PUBLISHED, third_line="rwcu"),
    "mipg.audit.finding": dict(PUBLISHED, third_line="rwcu"),
    # Issued reports are written by the audit's buttons only.
    "mipg.audit.report": PUBLISHED,
    # The audit programme: the OCI prepares it, the strategic line decides.
    "mipg.audit.program": dict(PUBLISHED, third_line="rwc"),
    "mipg.audit.program.line": dict(PUBLISHED, third_line="rwcu"),
    # Committees: catalog of the strategic line; their sessions are managed
    # by the strategic line (and each committee's secretary), everybody
    # reads the closed minutes.
    "mipg.committee": dict(PUBLISHED, strategic_line="rwc", manager="rwcu"),
    "mipg.committee.session": dict(PUBLISHED, strategic_line="rwc"),
    "mipg.committee.decision": dict(PUBLISHED, strategic_line="rwcu"),
    "mipg.committee.commitment": dict(PUBLISHED, strategic_line="rwcu"),
    # The legal reports calendar: the OCI keeps it and delivers the reports;
    # everybody reads the calendar and the delivered reports.
    "mipg.legal.report.type": dict(CATALOG, third_line="rwc"),
    "mipg.legal.report.deadline": dict(CATALOG, third_line="rwc"),
    "mipg.legal.report": dict(PUBLISHED, third_line="rwc"),
    # The semestral evaluation of the internal control system: the OCI
    # writes it, everybody reads it once issued.
    "mipg.sci.evaluation": dict(PUBLISHED, third_line="rwc"),
    "mipg.sci.evaluation.component": dict(PUBLISHED, third_line="rw"),
    # The tiles of "My work": everybody reads them, the administrator
    # configures them.
    "mipg.dashboard.tile": {
        "user": "r",
        "first_line": "r",
        "second_line": "r",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    # The entity's figures: a database view, read by the second and the
    # strategic lines.
    "mipg.dashboard.figure": {
        "user": "",
        "first_line": "",
        "second_line": "r",
        "third_line": "",
        "strategic_line": "r",
        "manager": "r",
    },
    # Activities follow their action.
    "mipg.action.activity": {
        "user": "",
        "first_line": "rwcu",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    # Control bodies and plan formats: everybody reads them, Planning
    # configures them, the administrator deletes them.
    "mipg.control.body": dict(CATALOG, second_line="rwc"),
    "mipg.report.format": dict(CATALOG, second_line="rwc"),
    "mipg.report.format.column": dict(CATALOG, second_line="rwcu"),
    "mipg.report.format.header": dict(CATALOG, second_line="rwcu"),
    # Cuts: Planning issues them; their rows are written by the issue only.
    "mipg.report.cut": {
        "user": "",
        "first_line": "",
        "second_line": "rwcu",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
    },
    "mipg.report.cut.line": {
        "user": "",
        "first_line": "",
        "second_line": "r",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "r",
    },
    # Risk management: the policy is drafted by Planning and approved by the
    # strategic line; risks and controls are rated by the process and
    # consolidated by Planning; each line records its own control reviews.
    "mipg.risk.methodology": {
        "user": "r",
        "first_line": "r",
        "second_line": "rwc",
        "third_line": "r",
        "strategic_line": "rw",
        "manager": "rwcu",
    },
    "mipg.risk.level": RISK_POLICY_LINES,
    "mipg.risk.zone": RISK_POLICY_LINES,
    "mipg.risk.matrix.cell": RISK_POLICY_LINES,
    "mipg.risk.corruption.question": CATALOG,
    "mipg.risk": RISKS,
    "mipg.risk.control": RISKS,
    "mipg.risk.control.test": dict(RISKS, third_line="rwcu"),
    "mipg.risk.event": RISKS,
    "mipg.risk.map": {
        "user": "r",
        "first_line": "r",
        "second_line": "rwc",
        "third_line": "r",
        "strategic_line": "r",
        "manager": "rwcu",
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
    "mipg.action.change": {"reason": "Changed"},
    "mipg.dashboard.tile": {"name": "Changed"},
    "mipg.dashboard.figure": {"progress": 50.0},
    "mipg.followup": {"description": "Changed"},
    "mipg.audit.log": {"new_value": "Changed"},
    "mipg.audit.chain": {"hash": "Changed"},
    "mipg.lesson": {"impact": "Changed"},
    "mipg.bulletin": {"introduction": "<p>Changed</p>"},
    "mipg.assessment.component": {"name": "Changed"},
    "mipg.assessment.category": {"name": "Changed"},
    "mipg.assessment.activity": {"criterion": "Changed"},
    "mipg.self.assessment": {"period": "Changed"},
    "mipg.self.assessment.line": {"score": 70.0, "observations": "Changed"},
    "mipg.furag.result": {"note": "<p>Changed</p>"},
    "mipg.furag.result.line": {"score": 70.0},
    "mipg.furag.recommendation": {"name": "Changed"},
    "mipg.furag.index": {"description": "Changed"},
    "mipg.glossary.term": {"definition": "Changed"},
    "mipg.action.activity": {"responsible_area": "Changed"},
    "mipg.control.body": {"note": "Changed"},
    "mipg.report.format": {"note": "Changed"},
    "mipg.report.format.column": {"heading": "Changed"},
    "mipg.report.format.header": {"label": "Changed"},
    "mipg.report.cut": {"note": "Changed"},
    "mipg.report.cut.line": {"observations": "Changed"},
    "mipg.audit": {"objective": "Changed"},
    "mipg.audit.checklist": {"evidence": "Changed"},
    "mipg.audit.finding": {"recommendation": "Changed"},
    "mipg.audit.report": {"pdf_sha256": "Changed"},
    "mipg.audit.program": {"objective": "Changed"},
    "mipg.audit.program.line": {"name": "Changed"},
    "mipg.committee": {"functions": "Changed"},
    "mipg.committee.session": {"notes": "Changed"},
    "mipg.committee.decision": {"name": "Changed"},
    "mipg.committee.commitment": {"name": "Changed"},
    "mipg.legal.report.type": {"recipient": "Changed"},
    "mipg.legal.report.deadline": {"period": "Changed"},
    "mipg.legal.report": {"filing_reference": "Changed"},
    "mipg.sci.evaluation": {"conclusion": "Changed"},
    "mipg.sci.evaluation.component": {"strengths": "Changed"},
    "mipg.risk.methodology": {"risk_appetite": "Changed"},
    "mipg.risk.level": {"description": "Changed"},
    "mipg.risk.zone": {"name": "Changed"},
    "mipg.risk.matrix.cell": {"impact_rank": 2},
    "mipg.risk.corruption.question": {"name": "Changed"},
    "mipg.risk": {"root_cause": "Changed"},
    "mipg.risk.control": {"complement": "Changed"},
    "mipg.risk.control.test": {"description": "Changed"},
    "mipg.risk.event": {"description": "Changed"},
    "mipg.risk.map": {"name": "Changed"},
}

# The groups that read a lesson or a bulletin only once it is verified or
# published: their records are made in that state for the read.
READS_PUBLISHED = {
    "mipg.lesson": {"user"},
    "mipg.bulletin": {"user", "first_line"},
    "mipg.risk.map": {"user", "first_line", "third_line", "strategic_line"},
    **{
        model: {"user", "second_line", "manager"}
        for model in (
            "mipg.audit",
            "mipg.audit.checklist",
            "mipg.audit.finding",
            "mipg.audit.report",
        )
    },
    **{
        model: {"user", "first_line", "second_line", "manager"}
        for model in ("mipg.audit.program", "mipg.audit.program.line")
    },
    **{
        model: {"user", "first_line", "second_line", "manager"}
        for model in (
            "mipg.committee.session",
            "mipg.committee.decision",
            "mipg.committee.commitment",
        )
    },
    "mipg.legal.report": {"user", "first_line", "second_line", "manager"},
    **{
        model: {"user", "first_line", "second_line", "manager"}
        for model in ("mipg.sci.evaluation", "mipg.sci.evaluation.component")
    },
}

# Groups that write only part of a model (the first line scores the lines of
# a self-assessment from its form, nothing else of it): writing the fields of
# WRITES is refused with the lock's message, not with an access error.
PARTIAL_WRITES = {("mipg.self.assessment", "first_line")}

OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


class MipgAccessMatrixCase(MipgTransactionCase):
    """The matrix for the groups of ``GROUPS_TESTED``: one class per group,
    so that the parallel runs of the test command share the matrix out."""

    GROUPS_TESTED = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the groups tested, and the process leader and the OCI auditor
        # that the records of the matrix name
        groups = sorted({*cls.GROUPS_TESTED, "first_line", "third_line"})
        users = new_users(
            cls.env,
            {
                f"matrix_{group}": {
                    "groups": f"mipg.group_mipg_{group}",
                    "name": f"Matrix {group}",
                }
                for group in groups
            },
        )
        cls.users = dict(zip(groups, users, strict=True))
        cls.leader = cls.users["first_line"]
        cls.dimension = cls.env.ref("mipg.mipg_dimension_control_interno")
        cls.policy = cls.env["mipg.policy"].create(
            {
                "code": "MX_POLICY",
                "name": "Matrix policy",
                "dimension_id": cls.dimension.id,
            }
        )
        cls.process = cls.env["mipg.process"].create(
            {
                "code": "MX-01",
                "name": "Matrix process",
                "leader_id": cls.leader.id,
                "policy_ids": [(6, 0, cls.policy.ids)],
            }
        )
        cls.counter = 0
        # Lessons come only from opportunities whose actions are at 100 % and
        # were evaluated effective by the Internal Control Office.
        cls.closed_opportunity = cls.env["mipg.opportunity"].create(
            {
                "title": "Matrix closed finding",
                "source": "auditoria_interna_gestion",
                "description": "Closed to learn a lesson from it.",
                "process_id": cls.process.id,
            }
        )
        action = cls.env["mipg.action"].create(
            {
                "name": "Matrix closed action",
                "opportunity_id": cls.closed_opportunity.id,
                "responsible_id": cls.leader.id,
                "process_id": cls.process.id,
            }
        )
        cls.env["mipg.followup"].with_user(cls.users["third_line"]).create(
            {
                "action_id": action.id,
                "line": "third",
                "progress": 100,
                "effective": "effective",
            }
        ).action_validate()

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
        if model == "mipg.dashboard.tile":
            return {
                "name": f"Matrix tile {n}",
                "model_id": self.env["ir.model"]._get_id("mipg.action"),
            }
        if model == "mipg.dashboard.figure":
            return {"action_id": self._make("mipg.action", group).id}
        if model == "mipg.action.change":
            return {
                "plan_id": self._make("mipg.plan", group).id,
                "reason": f"Matrix change {n}",
                "new_name": f"Matrix new action {n}",
                "new_responsible_id": self.leader.id,
            }
        if model == "mipg.followup":
            return {
                "action_id": self._make("mipg.action", group).id,
                "line": FOLLOWUP_LINE[group],
                "progress": 10,
            }
        if model == "mipg.audit.log":
            return {
                "model": "mipg.action",
                "res_id": self.closed_opportunity.action_ids.id,
                "operation": "write",
                "new_value": "Forged",
            }
        if model == "mipg.audit.chain":
            return {"company_id": self.env.company.id, "sequence": 99}
        if model == "mipg.lesson":
            return {
                "opportunity_id": self.closed_opportunity.id,
                "lesson_type": "success",
                "recommendation": f"Matrix recommendation {n}",
                "year": 2090,
            }
        if model == "mipg.bulletin":
            return {"name": f"Matrix bulletin {n}", "year": 2100 + n}
        if model == "mipg.assessment.component":
            return {"name": f"Matrix component {n}", "policy_id": self.policy.id}
        if model == "mipg.assessment.category":
            return {
                "name": f"Matrix category {n}",
                "component_id": self._make("mipg.assessment.component", group).id,
            }
        if model == "mipg.assessment.activity":
            return {
                "code": str(n),  # numbered as the official tools number them
                "name": f"Matrix activity {n}",
                "category_id": self._make("mipg.assessment.category", group).id,
            }
        if model == "mipg.self.assessment":
            # one open self-assessment per policy and year: a year each
            return {"policy_id": self.policy.id, "year": 2100 + n}
        if model == "mipg.self.assessment.line":
            return {
                "assessment_id": self._make("mipg.self.assessment", group).id,
                "activity_id": self._make("mipg.assessment.activity", group).id,
            }
        if model == "mipg.furag.result":
            return {"year": 2100 + n}
        if model == "mipg.furag.result.line":
            return {
                "result_id": self._make("mipg.furag.result", group).id,
                "index_type": "policy",
                "code": f"MX{n}",
                "name": f"Matrix index {n}",
                "policy_id": self.policy.id,
            }
        if model == "mipg.furag.recommendation":
            return {
                "result_id": self._make("mipg.furag.result", group).id,
                "policy_id": self.policy.id,
                "name": f"Matrix recommendation {n}",
            }
        if model == "mipg.furag.index":
            return {"code": f"POL{n + 100}", "name": f"Matrix {n}", "year_from": 2100}
        if model == "mipg.glossary.term":
            return {"name": f"Término {n}", "definition": f"Definición {n}"}
        if model == "mipg.action.activity":
            return {
                "action_id": self._make("mipg.action", group).id,
                "name": f"Matrix activity {n}",
                "unit": "Acta",
                "quantity": 1,
                "date_start": "2030-01-01",
                "date_end": "2030-06-30",
            }
        if model == "mipg.control.body":
            return {"name": f"Matrix body {n}"}
        if model == "mipg.report.format":
            return {"name": f"Matrix format {n}", "code": f"MX{n}"}
        if model == "mipg.report.format.column":
            return {
                "format_id": self._make("mipg.report.format", group).id,
                "heading": f"Matrix {n}",
                "computation": "sequence",
            }
        if model == "mipg.report.format.header":
            return {
                "format_id": self._make("mipg.report.format", group).id,
                "label": f"Matrix {n}",
            }
        if model == "mipg.report.cut":
            return {"plan_id": self._make("mipg.plan", group).id, "date": "2030-06-30"}
        if model == "mipg.report.cut.line":
            return {"cut_id": self._make("mipg.report.cut", group).id}
        if model == "mipg.audit":
            return {
                "title": f"Matrix audit {n}",
                "objective": "Tested by the access matrix.",
                "process_ids": [(6, 0, self.process.ids)],
                "leader_id": self.users["third_line"].id,
            }
        if model in ("mipg.audit.checklist", "mipg.audit.finding"):
            return (
                {
                    "audit_id": self._make("mipg.audit", group).id,
                    "name": f"Matrix line {n}",
                    "process_id": self.process.id,
                    "condition": "Found by the access matrix.",
                }
                if model == "mipg.audit.finding"
                else {
                    "audit_id": self._make("mipg.audit", group).id,
                    "name": f"Matrix line {n}",
                }
            )
        if model == "mipg.audit.report":
            return {
                "audit_id": self._make("mipg.audit", group).id,
                "name": f"Matrix report {n}",
                "kind": "preliminary",
                "date_issued": "2026-01-31",
                "company_id": self.env.company.id,
            }
        if model == "mipg.audit.program":
            # one in preparation a year; each try is rolled back
            return {"year": 2100 + n % 800}
        if model == "mipg.audit.program.line":
            return {
                "program_id": self._make("mipg.audit.program", group).id,
                "name": f"Matrix work {n}",
                "role": "evaluacion_seguimiento",
            }
        if model == "mipg.committee":
            return {"name": f"Matrix committee {n}", "code": f"MX{n}"}
        if model == "mipg.committee.session":
            return {
                "committee_id": self._make("mipg.committee", group).id,
                "name": f"MX-{n}",
                "agenda": "Matrix agenda",
            }
        if model in ("mipg.committee.decision", "mipg.committee.commitment"):
            return {
                "session_id": self._make("mipg.committee.session", group).id,
                "name": f"Matrix {n}",
            }
        if model == "mipg.legal.report.type":
            return {"name": f"Matrix legal report {n}", "code": f"MX{n}"}
        if model == "mipg.legal.report.deadline":
            return {
                "type_id": self._make("mipg.legal.report.type", group).id,
                "period": f"Matrix period {n}",
                "month": 6,
                "day": 30,
            }
        if model == "mipg.legal.report":
            return {
                "type_id": self._make("mipg.legal.report.type", group).id,
                "year": 2026,
                "date_due": "2026-06-30",
            }
        if model == "mipg.sci.evaluation":
            return {"year": 2100 + n % 800, "semester": "1"}
        if model == "mipg.sci.evaluation.component":
            return {
                "evaluation_id": self._make("mipg.sci.evaluation", group).id,
                "component": "ambiente_control",
            }
        if model == "mipg.risk.methodology":
            return {"name": f"Matrix risk policy {n}"}
        if model in ("mipg.risk.level", "mipg.risk.zone", "mipg.risk.matrix.cell"):
            methodology = self._make("mipg.risk.methodology", group)
            if model == "mipg.risk.level":
                return {
                    "methodology_id": methodology.id,
                    "kind": "probability",
                    "rank": 1,
                    "name": f"Matrix level {n}",
                    "value": 0.2,
                }
            zone = self.env["mipg.risk.zone"].create(
                {"methodology_id": methodology.id, "code": "low", "name": "Bajo"}
            )
            if model == "mipg.risk.zone":
                zone.unlink()
                return {
                    "methodology_id": methodology.id,
                    "code": "low",
                    "name": f"Matrix zone {n}",
                }
            return {
                "methodology_id": methodology.id,
                "probability_rank": 1,
                "impact_rank": 1,
                "zone_id": zone.id,
            }
        if model == "mipg.risk.map":
            # one map per year: a year each, of four digits
            return {"year": 2000 + n % 1000}
        if model == "mipg.risk.corruption.question":
            return {"sequence": 100 + n, "name": f"Matrix question {n}"}
        if model == "mipg.risk":
            return {
                "process_id": self.process.id,
                "impact_text": "afectación económica",
                "immediate_cause": f"matrix cause {n}",
                "root_cause": "matrix root cause",
                "activity_frequency": 12,
            }
        if model == "mipg.risk.control":
            return {
                "risk_id": self._make("mipg.risk", group).id,
                "responsible_post": "Profesional de Tesorería",
                "action": "verifica los soportes",
            }
        if model == "mipg.risk.control.test":
            return {
                "control_id": self._make("mipg.risk.control", group).id,
                "line": FOLLOWUP_LINE[group],
                "period_start": "2026-01-01",
                "period_end": "2026-03-31",
            }
        if model == "mipg.risk.event":
            return {
                "risk_id": self._make("mipg.risk", group).id,
                "name": f"Matrix event {n}",
                "description": "Happened while testing the access matrix.",
            }
        raise AssertionError(f"No test values for {model}: add them to the matrix.")

    def _make(self, model, group, operation=None):
        if operation == "read" and group in READS_PUBLISHED.get(model, ()):
            return self._make_published(model, group)
        if model == "mipg.dashboard.figure":
            # a database view: the row of a new action
            action = self._make("mipg.action", group)
            self.env.flush_all()
            return self.env[model].browse(action.id)
        if model in ("mipg.audit.log", "mipg.audit.chain"):
            action = self._make("mipg.action", group)
            action.date_deadline = "2030-12-31"
            line = self.env["mipg.audit.log"].search(
                [
                    ("model", "=", "mipg.action"),
                    ("res_id", "=", action.id),
                    ("field_name", "=", "date_deadline"),
                ]
            )
            self.assertEqual(line.new_value, "2030-12-31")
            if model == "mipg.audit.chain":
                return self.env[model].search([("company_id", "=", line.company_id.id)])
            return line
        if model == "mipg.sci.evaluation.component":
            # made with their evaluation, one per MECI component
            return self._make("mipg.sci.evaluation", group).component_ids[:1]
        return self.env[model].create(self._values(model, group))

    def _make_published(self, model, group):
        record = self._make(model, group)
        if model == "mipg.risk.map":
            # publishing renders the PDF (see the risk tests): only its state
            # matters here
            record.sudo().write({"state": "published"})
            return record
        if model.startswith("mipg.sci.evaluation"):
            evaluation = (
                record if model == "mipg.sci.evaluation" else record.evaluation_id
            )
            evaluation.write({"state": "issued"})
            return record
        if model == "mipg.legal.report":
            record.write({"state": "delivered"})
            return record
        if model.startswith("mipg.committee."):
            session = record if model == "mipg.committee.session" else record.session_id
            session.write({"state": "closed"})
            return record
        if model.startswith("mipg.audit.program"):
            program = record if model == "mipg.audit.program" else record.program_id
            program.write({"state": "approved"})
            return record
        if model.startswith("mipg.audit"):
            audit = record if model == "mipg.audit" else record.audit_id
            audit.write({"state": "final"})
            return record
        if model == "mipg.lesson":
            record.action_propose()
            record.action_verify()
        else:
            # Publishing renders the PDF (see the bulletin tests): only its
            # state matters here.
            record.with_context(mipg_bulletin_publish=True).write(
                {"state": "published"}
            )
        return record

    @contextmanager
    def _fixtures(self):
        """The records that the tries work on (and the parents of those
        they create) are made in Odoo's test context without chatter: their
        "created" messages, followers and tracking are no part of the
        matrix, the audit log records them whatever the context, and every
        try runs in the test's own context."""
        env = self.env
        self.env = env(context=dict(env.context, **DISABLED_MAIL_CONTEXT))
        try:
            yield
        finally:
            del self.env  # the class's environment again

    def _try(self, model, group, operation, made):
        """Do the operation as a user of the group; True when allowed.
        Reads, writes and unlinks are tried on one record of the model
        (``made`` keeps it, for the published state too), made before the
        try's savepoint: every try is rolled back, the record stays as
        made."""
        user = self.users[group]
        record = None
        if operation != "create":
            published = operation == "read" and group in READS_PUBLISHED.get(model, ())
            if published not in made:
                with self._fixtures():
                    made[published] = self._make(model, group, operation)
            record = made[published].with_env(self.env).with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "create":
                    with self._fixtures():
                        values = self._values(model, group)
                    self.env[model].with_user(user).create(values)
                else:
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
            if model in ("mipg.audit.log", "mipg.audit.chain") or (
                operation == "write" and (model, group) in PARTIAL_WRITES
            ):
                return False
            raise AssertionError(
                f"{group} {operation} {model}: unexpected error {error}"
            ) from error
        return True

    def _check_matrix(self):
        """Every model × the groups of the class × every operation."""
        mismatches = []
        cases = 0
        for model, row in MATRIX.items():
            self.assertEqual(set(row), set(GROUPS), f"{model}: one entry per group")
            for group in self.GROUPS_TESTED:
                allowed = row[group]
                made = {}
                for letter, operation in OPERATIONS.items():
                    cases += 1
                    expected = letter in allowed
                    if self._try(model, group, operation, made) != expected:
                        mismatches.append(
                            f"{group} {operation} {model}: expected "
                            f"{'allowed' if expected else 'forbidden'}"
                        )
        self.assertEqual(cases, len(MATRIX) * len(self.GROUPS_TESTED) * len(OPERATIONS))
        self.assertFalse(mismatches, "\n".join(mismatches))


MUTED = ("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")


@tagged("post_install", "-at_install")
class TestMipgAccessMatrix(MipgAccessMatrixCase):
    GROUPS_TESTED = ("user",)

    def test_matrix_covers_the_addon(self):
        # No model nor group left out: the matrix covers the whole addon
        # (the core models it extends, res.users and res.groups, aside), and
        # each group has its class below.
        models = self.env["ir.model"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "mipg"), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        addon_models = {
            m.model
            for m in models
            if m.model.startswith("mipg.")
            and not (self.env[m.model]._abstract or self.env[m.model]._transient)
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
        tested = [
            group
            for case in MipgAccessMatrixCase.__subclasses__()
            for group in case.GROUPS_TESTED
        ]
        self.assertEqual(sorted(tested), sorted(GROUPS), "One class per group.")

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()


@tagged("post_install", "-at_install")
class TestMipgAccessMatrixFirstLine(MipgAccessMatrixCase):
    GROUPS_TESTED = ("first_line",)

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()


@tagged("post_install", "-at_install")
class TestMipgAccessMatrixSecondLine(MipgAccessMatrixCase):
    GROUPS_TESTED = ("second_line",)

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()


@tagged("post_install", "-at_install")
class TestMipgAccessMatrixThirdLine(MipgAccessMatrixCase):
    GROUPS_TESTED = ("third_line",)

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()


@tagged("post_install", "-at_install")
class TestMipgAccessMatrixStrategicLine(MipgAccessMatrixCase):
    GROUPS_TESTED = ("strategic_line",)

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()


@tagged("post_install", "-at_install")
class TestMipgAccessMatrixManager(MipgAccessMatrixCase):
    GROUPS_TESTED = ("manager",)

    @mute_logger(*MUTED)
    def test_access_matrix(self):
        self._check_matrix()
