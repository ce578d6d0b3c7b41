"""Upgrade safety check, run inside `odoo shell` by tools/upgrade_check.sh.

Phase "before": edits seed records and adds user data, then writes a snapshot
(every stored field of every mipg record) to the file named by MIPG_SNAPSHOT.
Phase "after" (after `-u mipg`): compares the database with the snapshot:
nothing lost, duplicated or overwritten. Phase "uninstall": uninstalls mipg
and checks that no menu, view or action of it is left behind.
"""

import hashlib
import json
import os

PHASE = os.environ["MIPG_PHASE"]
SNAPSHOT = os.environ["MIPG_SNAPSHOT"]
env = env  # noqa: F821 (provided by odoo shell)


def mipg_models():
    return sorted(
        name
        for name, model in env.registry.items()
        if name.startswith("mipg.") and not model._abstract and not model._transient
    )


def fingerprint(record):
    values = []
    for name, field in sorted(record._fields.items()):
        if not field.store or name in ("write_date", "__last_update"):
            continue
        value = record[name]
        if field.type in ("many2one", "one2many", "many2many"):
            value = sorted(value.ids)
        elif field.type == "binary":
            value = hashlib.sha1(value or b"").hexdigest()
        values.append((name, str(value)))
    return hashlib.sha1(json.dumps(values).encode()).hexdigest()


def snapshot():
    data = {}
    for name in mipg_models():
        records = env[name].sudo().with_context(active_test=False).search([])
        data[name] = {str(r.id): fingerprint(r) for r in records}
    data["_xmlids"] = sorted(
        f"{d.module}.{d.name}:{d.model}:{d.res_id}"
        for d in env["ir.model.data"].search([("module", "=", "mipg")])
    )
    return data


def before():
    policy = env.ref("mipg.mipg_policy_integridad")
    policy.write({"name": "Integridad (editada por la entidad)", "lead_entity": "DAFP"})
    env.ref("mipg.mipg_dimension_control_interno").purpose = "Propósito propio"
    env.ref("mipg.mipg_stage_2_1").name = "2.1 Análisis (nombre propio)"
    env.ref("mipg.mipg_principle_excelencia_calidad").active = False
    process = env["mipg.process"].create(
        {"code": "UP-01", "name": "Proceso creado por la entidad"}
    )
    policy.process_ids = [(4, process.id)]
    # User data made through the workflow, as each line of defense would.
    leader = env.ref("mipg.mipg_user_hacienda_demo")
    planner = env.ref("mipg.mipg_user_planeacion_demo")
    finance = env.ref("mipg.mipg_process_gf_01_demo")
    plan = (
        env["mipg.plan"]
        .with_user(planner)
        .create(
            {
                "title": "Plan creado antes de actualizar",
                "source": "pqrsd",
                "process_id": finance.id,
            }
        )
    )
    opportunity = (
        env["mipg.opportunity"]
        .with_user(leader)
        .create(
            {
                "title": "Demoras en respuestas PQRSD",
                "source": "pqrsd",
                "description": "Respuestas fuera de término.",
                "process_id": finance.id,
                "plan_id": plan.id,
            }
        )
    )
    action = (
        env["mipg.action"]
        .with_user(leader)
        .create(
            {
                "name": "Tablero semanal de PQRSD",
                "opportunity_id": opportunity.id,
                "plan_id": plan.id,
                "process_id": finance.id,
                "responsible_id": leader.id,
            }
        )
    )
    followup = (
        env["mipg.followup"]
        .with_user(leader)
        .create(
            {
                "action_id": action.id,
                "line": "first",
                "progress": 40,
                "description": "Tablero en prueba.",
            }
        )
    )
    followup.action_submit()
    followup.with_user(planner).action_validate()
    assert action.progress == 40
    env.ref("mipg.mipg_lesson_bienestar_demo").recommendation = "Editada antes"
    env.cr.commit()
    with open(SNAPSHOT, "w") as handle:
        json.dump(snapshot(), handle)
    print("snapshot:", {k: len(v) for k, v in snapshot().items()})


def after():
    with open(SNAPSHOT) as handle:
        old = json.load(handle)
    new = snapshot()
    problems = []
    for model, records in old.items():
        if model == "_xmlids":
            continue
        current = new.get(model, {})
        lost = set(records) - set(current)
        added = set(current) - set(records)
        changed = [i for i in records if i in current and records[i] != current[i]]
        if lost:
            problems.append(f"{model}: {len(lost)} records lost")
        if added:
            problems.append(f"{model}: {len(added)} records added by the upgrade")
        for record_id in changed:
            problems.append(f"{model}: record {record_id} changed by the upgrade")
    if old["_xmlids"] != new["_xmlids"]:
        problems.append("the module's external ids changed")
    if not env.ref("mipg.mipg_policy_integridad").name.endswith(
        "(editada por la entidad)"
    ):
        problems.append("the edited name of a seeded policy was overwritten")
    for problem in problems:
        print("UPGRADE PROBLEM:", problem)
    print(
        f"upgrade check: {sum(len(v) for k, v in old.items() if k != '_xmlids')} "
        f"records compared, {len(problems)} problems"
    )
    if problems:
        raise SystemExit(1)


def uninstall():
    env["ir.module.module"].search([("name", "=", "mipg")]).button_immediate_uninstall()
    env.cr.commit()
    problems = []
    left = {
        "ir.model": [("model", "=like", "mipg.%")],
        "ir.ui.view": [("model", "=like", "mipg.%")],
        "ir.actions.act_window": [("res_model", "=like", "mipg.%")],
        "ir.model.data": [
            ("module", "=", "mipg"),
            ("model", "=like", "ir.%"),
        ],
    }
    for model, domain in left.items():
        count = env[model].sudo().with_context(active_test=False).search_count(domain)
        if count:
            problems.append(f"{count} {model} records of mipg left")
    # Records that other data still points to (a demo user who is responsible
    # of actions created by hand) are kept by Odoo's uninstall, on purpose.
    kept = env["ir.model.data"].search([("module", "=", "mipg")])
    print("kept by design:", sorted(set(kept.mapped("model"))))
    for menu in env["ir.ui.menu"].sudo().with_context(active_test=False).search([]):
        if menu.action and not menu.action.exists():
            problems.append(f"menu {menu.complete_name} points to a deleted action")
    env["ir.ui.menu"].load_menus(False)
    for problem in problems:
        print("UNINSTALL PROBLEM:", problem)
    print(f"uninstall check: {len(problems)} problems")
    if problems:
        raise SystemExit(1)


{"before": before, "after": after, "uninstall": uninstall}[PHASE]()
