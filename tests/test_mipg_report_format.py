# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan formats as data: each seeded format exported and read back as the
control body's layout says (headings, column numbers, header block, FILA_n
rows), and a format made in the UI exported without code."""

import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.mipg.models.mipg_report_format import (
    MODALITY_PROGRESS,
    MODALITY_SUBSCRIPTION,
)
from odoo.addons.mipg.report.mipg_plan_formulario14 import (
    CGR_F14_COLUMNS,
    XLSX_MIMETYPE,
)

from .common import MipgCycleCase, new_user

SIRECI_NUMBERS = [1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 31, 32, 36, 40, 44, 48]
SIRECI_HEADINGS = [
    "FORMULARIO CON INFORMACIÓN",
    "JUSTIFICACIÓN",
    "MODALIDAD DE REGISTRO",
    "CÓDIGO HALLAZGO",
    "DESCRIPCIÓN DEL HALLAZGO",
    "CAUSA DEL HALLAZGO",
    "ACCIÓN DE MEJORA",
    "ACTIVIDADES / DESCRIPCIÓN",
    "ACTIVIDADES / UNIDAD DE MEDIDA",
    "ACTIVIDADES / CANTIDADES UNIDAD DE MEDIDA",
    "ACTIVIDADES / FECHA DE INICIO",
    "ACTIVIDADES / FECHA DE TERMINACIÓN",
    "ACTIVIDADES / PLAZO EN SEMANAS",
    "ACTIVIDADES / AVANCE FÍSICO DE EJECUCIÓN",
    "OBSERVACIONES",
]
SIRECI_HEADER = [
    ("Tipo Modalidad", "53 M-3: PLAN DE MEJORAMIENTO"),
    ("Formulario", "401 F14.2: PLANES DE MEJORAMIENTO - ENTES TERRITORIALES"),
    ("Moneda", "1"),
    ("Informe", "1"),
    ("Entidad", "7539"),
    ("Fecha", date(2025, 6, 30)),
    ("Periodicidad", "6 SEMESTRAL"),
]
# The synthetic row of the shared layout (invented data, real structure).
SIRECI_SYNTHETIC_ROW = [
    1,
    "FILA_1",
    "1 SI",
    None,
    "2 AVANCE ó SEGUIMIENTO DEL PLAN DE MEJORAMIENTO",
    "3",
    "Debilidades en la supervisión de contratos de obra",
    "Falta de lista de chequeo de supervisión",
    "Adoptar y aplicar lista de chequeo de supervisión",
    "Elaborar y socializar la lista de chequeo",
    "Lista de chequeo",
    1,
    date(2025, 2, 3),
    date(2025, 6, 27),
    21,
    1,
    "Lista adoptada mediante circular; se adjunta acta de socialización",
]
IBAGUE_HEADINGS = [
    "No. HALLAZGO",
    "DESCRIPCION DEL HALLAZGO",
    "ACCION CORRECTIVA",
    "RESPONSABLES",
    "CRONOGRAMA DE EJECUCION",
    "METAS CUANTIFICABLES",
    "INDICADORES DE CUMPLIMIENTO",
    "OBSERVACIONES",
    "% CUMPLIMIENTO",
]
IBAGUE_HEADER_LABELS = [
    "Código",
    "Fecha Emisión",
    "Versión",
    "ENTIDAD",
    "REPRESENTANTE LEGAL",
    "PERIODO DE EJECUCION",
    "MODALIDAD DE AUDITORIA",
    "FECHA DE SUSCRIPCION",
    "VIGENCIA EVALUADA",
    "AVANCE CON CORTE AL",
]
BOGOTA_HEADINGS = [
    "LINEA DE AUDITORIA",
    "NUMERO Y DESCRIPCION DEL HALLAZGO",
    "ACCIONES CORRECTIVAS",
    "INDICADORES",
    "META",
    "ÁREA RESPONSABLE",
    "RESPONSABLES DE LA EJECUCIÓN",
    "RECURSOS",
    "FECHA / INICIO",
    "FECHA / FINALIZACIÓN",
    "RESULTADO DEL INDICADOR CONTRALORÍA",
    "RESULTADO DEL SEGUIMIENTO ENTIDAD",
    "AVANCE ACCIONES DE MEJORAMIENTO / CALIFICACIÓN",
    "AVANCE ACCIONES DE MEJORAMIENTO / % DE AVANCE",
]


def read_sheet(content, report_format):
    """(title, header block [(label cell, value cell)], numbers, headings,
    data rows of cells), following the layout of generate_xlsx_report."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    index = 0
    title = None
    if report_format.title:
        title = rows[0][0].value
        index = 1
    headers = [
        (row[0], row[1]) for row in rows[index : index + len(report_format.header_ids)]
    ]
    index += len(report_format.header_ids) + 1
    numbers = None
    if any(report_format.column_ids.mapped("number")):
        numbers = [cell.value for cell in rows[index]]
        index += 1
    headings = [cell.value for cell in rows[index]]
    return sheet.title, title, headers, numbers, headings, rows[index + 1 :]


class ReportFormatCase(MipgCycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cgr = cls.env.ref("mipg.mipg_control_body_cgr")
        cls.cgr.entity_code = "7539"
        cls.plan.write({"control_body_id": cls.cgr.id, "audited_period": "2024"})
        cls.opportunity.write(
            {
                "control_body_id": cls.cgr.id,
                "finding_code": "3",
                "description": "Debilidades en la supervisión de contratos de obra",
                "root_cause": "Falta de lista de chequeo de supervisión",
                "consequence_administrative": True,
                "consequence_fiscal": True,
                "report_number": "CGR-045",
            }
        )
        cls.action = cls._create_action(
            name="Adoptar y aplicar lista de chequeo de supervisión",
            date_start=date(2025, 2, 3),
            date_deadline=date(2025, 6, 27),
            goal="1 lista",
            indicator="Listas adoptadas / 1",
        )
        cls.activity = (
            cls.env["mipg.action.activity"]
            .with_user(cls.leader)
            .create(
                {
                    "action_id": cls.action.id,
                    "name": "Elaborar y socializar la lista de chequeo",
                    "unit": "Lista de chequeo",
                    "quantity": 1,
                    "date_start": date(2025, 2, 3),
                    "date_end": date(2025, 6, 27),
                    "responsible_area": "Secretaría de Infraestructura",
                }
            )
        )
        followup = (
            cls.env["mipg.followup"]
            .with_user(cls.leader)
            .create(
                {
                    "action_id": cls.action.id,
                    "activity_id": cls.activity.id,
                    "line": "first",
                    "quantity_done": 1,
                    "description": "Lista adoptada mediante circular; se adjunta "
                    "acta de socialización",
                }
            )
        )
        followup.action_submit()
        followup.with_user(cls.planner).action_validate()

    def _export(self, report_format, user=None, **kwargs):
        report = self.env["report.mipg.report_format"].with_user(user or self.planner)
        return report._render_xlsx(self.plan, report_format, **kwargs)


@tagged("post_install", "-at_install")
class TestMipgReportFormat(ReportFormatCase):
    def test_sireci_f14_2(self):
        report_format = self.env.ref("mipg.mipg_report_format_sireci_f14_2")
        self.assertEqual(self.plan.format_id, report_format)
        content = self._export(
            report_format, cut_date=date(2025, 6, 30), modality=MODALITY_PROGRESS
        )
        sheet_name, title, headers, numbers, headings, rows = read_sheet(
            content, report_format
        )
        self.assertEqual(sheet_name, "F14.2")
        self.assertIsNone(title)
        values = [
            (label.value, value.value.date() if label.value == "Fecha" else value.value)
            for label, value in headers
        ]
        self.assertEqual(values, SIRECI_HEADER)
        self.assertEqual(headers[5][1].number_format, "yyyy/mm/dd")
        self.assertEqual(numbers, [None] + SIRECI_NUMBERS)
        self.assertEqual(headings, [None, None] + SIRECI_HEADINGS)
        self.assertEqual(len(rows), 1)
        row = [cell.value for cell in rows[0]]
        row[12], row[13] = row[12].date(), row[13].date()
        self.assertEqual(row, SIRECI_SYNTHETIC_ROW)
        self.assertEqual(rows[0][12].number_format, "yyyy/mm/dd")
        # a plan exported before any cut is a subscription
        _s, _t, _h, _n, _headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(rows[0][4].value, MODALITY_SUBSCRIPTION)
        self.assertEqual(
            MODALITY_SUBSCRIPTION, "1 SUSCRIPCIÓN DEL PLAN DE MEJORAMIENTO"
        )

    def test_sireci_rows_per_activity(self):
        second = self.activity.copy(
            {"name": "Aplicar la lista en cada obra", "quantity": 12}
        )
        self.assertTrue(second)
        report_format = self.env.ref("mipg.mipg_report_format_sireci_f14_2")
        _s, _t, _h, _n, _headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(
            [(r[0].value, r[1].value, r[9].value, r[5].value) for r in rows],
            [
                (1, "FILA_1", "Elaborar y socializar la lista de chequeo", "3"),
                (2, "FILA_2", "Aplicar la lista en cada obra", "3"),
            ],
        )
        # an action without activities gives one row with its own figures
        self._create_action(name="Acción sin actividades")
        _s, _t, _h, _n, _headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(len(rows), 3)
        self.assertIn("Acción sin actividades", [r[8].value for r in rows])

    def test_cgr_f14_not_confirmed(self):
        report_format = self.env.ref("mipg.mipg_report_format_cgr_f14")
        self.assertFalse(report_format.confirmed)
        sheet_name, title, headers, numbers, headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(
            title, "FORMULARIO No. 14 - SUSCRIPCIÓN PLANES DE MEJORAMIENTO"
        )
        self.assertIsNone(numbers)
        self.assertEqual(headings, CGR_F14_COLUMNS)
        block = {label.value: value.value for label, value in headers}
        self.assertEqual(block["Ente de control"], self.cgr.name)
        self.assertEqual(block["Informe"], "CGR-045")
        row = [cell.value for cell in rows[0]]
        self.assertEqual(row[1], "3")
        self.assertEqual(row[7], "Elaborar y socializar la lista de chequeo")
        self.assertEqual(row[12], 21)
        self.assertEqual(row[13], "Secretaría de Infraestructura")

    def test_ibague_municipal_format(self):
        report_format = self.env.ref("mipg.mipg_report_format_ibague_cmi_v05")
        self.plan.control_body_id = self.env.ref(
            "mipg.mipg_control_body_contraloria_pasto"
        )
        self.assertEqual(self.plan.format_id, report_format)
        _s, title, headers, numbers, headings, rows = read_sheet(
            self._export(report_format, cut_date=date(2025, 12, 31)), report_format
        )
        self.assertEqual(title, "PLAN DE MEJORAMIENTO")
        self.assertEqual([label.value for label, _v in headers], IBAGUE_HEADER_LABELS)
        block = {label.value: value.value for label, value in headers}
        self.assertEqual(block["Código"], "150.01.P02.F06")
        self.assertEqual(block["Versión"], "05")
        self.assertEqual(block["ENTIDAD"], self.plan.company_id.name)
        self.assertEqual(block["VIGENCIA EVALUADA"], "2024")
        self.assertEqual(block["AVANCE CON CORTE AL"].date(), date(2025, 12, 31))
        self.assertIsNone(numbers)
        self.assertEqual(headings, IBAGUE_HEADINGS)
        # one row per action
        self.assertEqual(len(rows), 1)
        row = [cell.value for cell in rows[0]]
        self.assertEqual(row[0], "3")
        self.assertEqual(row[2], self.action.name)
        self.assertEqual(row[4], "03-02-2025 a 27-06-2025")
        self.assertEqual(row[5], "1 lista")
        self.assertEqual(row[6], "Listas adoptadas / 1")
        self.assertEqual(row[8], 100)

    def test_bogota_and_internal_formats(self):
        bogota = self.env.ref("mipg.mipg_report_format_bogota_2014")
        _s, _t, _h, _n, headings, rows = read_sheet(self._export(bogota), bogota)
        self.assertEqual(headings, BOGOTA_HEADINGS)
        self.assertEqual(
            rows[0][1].value,
            "3 - Debilidades en la supervisión de contratos de obra",
        )
        internal = self.env.ref("mipg.mipg_report_format_internal")
        plan = self.env["mipg.plan"].create(
            {"title": "Plan de autoevaluación", "source": "autoevaluacion"}
        )
        self.assertEqual(plan.format_id, internal)
        _s, _t, _h, _n, headings, rows = read_sheet(self._export(internal), internal)
        self.assertEqual(
            headings[:5], ["No.", "Hallazgo", "Causa", "Acción de mejora", "Actividad"]
        )
        self.assertEqual(rows[0][11].value, 100)

    def test_formula_like_text_stays_text(self):
        self.activity.with_user(self.leader).responsible_area = '=HYPERLINK("x")'
        report_format = self.env.ref("mipg.mipg_report_format_cgr_f14")
        _s, _t, _h, _n, _headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(rows[0][13].value, '=HYPERLINK("x")')
        self.assertEqual(rows[0][13].data_type, "s")

    def test_first_line_exports_only_what_it_reads(self):
        other = self.env["mipg.action"].create(
            {
                "name": "Acción de otro proceso",
                "plan_id": self.plan.id,
                "responsible_id": self.other_leader.id,
                "process_id": self.env["mipg.process"]
                .create(
                    {
                        "code": "OT-1",
                        "name": "Otro",
                        "process_type": "support",
                        "leader_id": self.other_leader.id,
                    }
                )
                .id,
            }
        )
        self.assertTrue(other)
        report_format = self.env.ref("mipg.mipg_report_format_internal")
        _s, _t, _h, _n, _headings, rows = read_sheet(
            self._export(report_format, user=self.leader), report_format
        )
        self.assertEqual([r[3].value for r in rows], [self.action.name])

    def test_new_format_made_in_the_ui_exports_without_code(self):
        with Form(self.env["mipg.report.format"].with_user(self.planner)) as form:
            form.name = "Contraloría Municipal de Pasto 2026"
            form.level = "activity"
            form.date_format = "yyyy-mm-dd"
            with form.header_ids.new() as header:
                header.label = "Código de la entidad"
                header.source = "field"
                header.field_path = "body.entity_code"
            with form.column_ids.new() as column:
                column.number = 1
                column.heading = "HALLAZGO"
                column.source = "field"
                column.field_path = "finding.finding_code"
            with form.column_ids.new() as column:
                column.number = 2
                column.heading = "FISCAL"
                column.source = "field"
                column.field_path = "finding.consequence_fiscal"
            with form.column_ids.new() as column:
                column.number = 3
                column.heading = "FIN"
                column.source = "field"
                column.field_path = "activity.date_end"
                column.value_type = "date"
            with form.column_ids.new() as column:
                column.number = 4
                column.heading = "CONSECUENCIAS"
                column.computation = "consequences"
            with form.column_ids.new() as column:
                column.number = 5
                column.heading = "ENTE"
                column.source = "constant"
                column.constant = "CMP"
        report_format = form.record
        _s, _t, headers, numbers, headings, rows = read_sheet(
            self._export(report_format), report_format
        )
        self.assertEqual(headers[0][1].value, "7539")
        self.assertEqual(numbers, [1, 2, 3, 4, 5])
        self.assertEqual(
            headings, ["HALLAZGO", "FISCAL", "FIN", "CONSECUENCIAS", "ENTE"]
        )
        row = [cell.value for cell in rows[0]]
        self.assertEqual(row[:2], ["3", "Sí"])
        self.assertEqual(row[2].date(), date(2025, 6, 27))
        self.assertEqual(rows[0][2].number_format, "yyyy-mm-dd")
        self.assertEqual(row[3:], ["Administrativa, Fiscal", "CMP"])

    def test_copy_a_seeded_format(self):
        seeded = self.env.ref("mipg.mipg_report_format_ibague_cmi_v05")
        copy = seeded.with_user(self.planner).copy()
        self.assertNotEqual(copy.name, seeded.name)
        self.assertEqual(
            copy.column_ids.mapped("heading"), seeded.column_ids.mapped("heading")
        )
        copy.column_ids[0].with_user(self.planner).heading = "No. OBSERVACIÓN"
        self.assertEqual(seeded.column_ids[0].heading, "No. HALLAZGO")

    def test_bad_field_paths(self):
        report_format = self.env.ref("mipg.mipg_report_format_internal")
        Column = self.env["mipg.report.format.column"].with_user(self.planner)
        for path in (
            "finding",
            "nobody.name",
            "finding.nothing",
            "finding.title.x",
            "",
        ):
            with self.assertRaisesRegex(ValidationError, "is not a field path"):
                Column.create(
                    {
                        "format_id": report_format.id,
                        "source": "field",
                        "field_path": path,
                    }
                )
        with self.assertRaisesRegex(ValidationError, "Choose the computation"):
            Column.create({"format_id": report_format.id, "heading": "X"})

    def test_who_edits_formats_and_bodies(self):
        report_format = self.env.ref("mipg.mipg_report_format_sireci_f14_2")
        for user in (self.leader, self.oci, self.mayor):
            self.assertTrue(report_format.with_user(user).column_ids)
            with self.assertRaises(AccessError):
                report_format.with_user(user).write({"name": "X"})
            with self.assertRaises(AccessError):
                report_format.column_ids[0].with_user(user).write({"heading": "X"})
            with self.assertRaises(AccessError):
                self.cgr.with_user(user).write({"entity_code": "1"})
        with self.assertRaises(AccessError):
            report_format.with_user(self.planner).unlink()

    def test_control_body_cutoffs(self):
        self.assertEqual(self.cgr._mipg_cutoffs(), [(6, 30), (12, 31)])
        self.assertEqual(
            self.cgr._mipg_next_cutoff(date(2025, 7, 1)), date(2025, 12, 31)
        )
        self.assertEqual(
            self.cgr._mipg_next_cutoff(date(2025, 12, 31)), date(2025, 12, 31)
        )
        self.assertEqual(
            self.cgr._mipg_next_cutoff(date(2026, 1, 1)), date(2026, 6, 30)
        )
        for value in ("30-06", "13-01", "02-30", "junio"):
            with self.assertRaisesRegex(ValidationError, "is not a cut-off date"):
                self.cgr.with_user(self.planner).cutoff_dates = value


@tagged("post_install", "-at_install")
class TestMipgReportFormatRoute(ReportFormatCase, HttpCase):
    def _get(self, login, url):
        self.authenticate(login, login)
        return self.url_open(url, allow_redirects=False)

    def test_download_in_the_plan_format(self):
        attachments = self.env["ir.attachment"].search_count([])
        url = self.plan.with_user(self.planner).action_export_format()["url"]
        response = self._get("cycle_planner", url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        report_format = self.env.ref("mipg.mipg_report_format_sireci_f14_2")
        _s, _t, _h, _n, headings, rows = read_sheet(response.content, report_format)
        self.assertEqual(headings[2:], SIRECI_HEADINGS)
        self.assertEqual(rows[0][1].value, "FILA_1")
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_who_may_not_read_does_not_find_it(self):
        new_user(self.env, login="format_outsider", groups="mipg.group_mipg_first_line")
        url = f"/mipg/plan/{self.plan.id}/format/{self.plan.format_id.id}.xlsx"
        self.assertEqual(self._get("format_outsider", url).status_code, 404)
        missing = f"/mipg/plan/{self.plan.id}/format/999999999.xlsx"
        self.assertEqual(self._get("cycle_planner", missing).status_code, 404)
        plan = self.env["mipg.plan"].create(
            {"title": "Sin formato", "source": "contraloria_general"}
        )
        with self.assertRaisesRegex(UserError, "Choose the format"):
            plan.with_user(self.planner).action_export_format()
