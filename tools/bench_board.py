# Copyright 2026 Alcaldía de Pasto
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the improvement board, run inside ``odoo shell`` on a
throwaway database where mipg and project are installed (see bench.sh).

1. Builds 10,000 actions in 100 plans and 10,000 project tasks in 100
   projects, on boards of the same shape (8 open stages + 2 folded ones).
2. Times the first load of each board as the web client does it:
   web_read_group on stage_id, read_progress_bar, and one web_search_read
   of 40 cards per unfolded column with the fields of each model's own
   kanban view. Prints the median of several cold-cache runs and the ratio.
3. Counts the queries of validating one follow-up in a plan of 10 and in a
   plan of 1,000 actions.
"""

import statistics
import time
from datetime import date, timedelta

from odoo import Command

ACTIONS = 10_000
PLANS = 100
RUNS = 7
CARDS_PER_COLUMN = 40

env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))  # noqa: F821
cr = env.cr
today = date.today()


def log(message):
    print(f"bench: {message}", flush=True)


# ----------------------------------------------------------------------
# Data set
# ----------------------------------------------------------------------
group_ids = [
    env.ref("mipg.group_mipg_manager").id,
    env.ref("project.group_project_manager").id,
]
bench_user = env["res.users"].create(
    {
        "name": "Bench planner",
        "login": "bench_planner",
        "groups_id": [Command.set(group_ids)],
    }
)
leaders = env["res.users"].create(
    [
        {
            "name": f"Líder {i}",
            "login": f"bench_leader_{i}",
            "groups_id": [
                Command.set(
                    [
                        env.ref("mipg.group_mipg_first_line").id,
                        env.ref("project.group_project_user").id,
                    ]
                )
            ],
        }
        for i in range(20)
    ]
)
oci = env["res.users"].create(
    {
        "name": "Bench OCI",
        "login": "bench_oci",
        "groups_id": [Command.set([env.ref("mipg.group_mipg_third_line").id])],
    }
)
processes = env["mipg.process"].create(
    [
        {"code": f"BP-{i:02d}", "name": f"Proceso {i}", "leader_id": leaders[i].id}
        for i in range(20)
    ]
)
open_stages = env["mipg.stage"].search(
    [("is_closed", "=", False), ("is_cancelled", "=", False)]
)
all_stages = env["mipg.stage"].search([])
task_stages = env["project.task.type"].create(
    [
        {"name": stage.name, "sequence": stage.sequence, "fold": stage.fold}
        for stage in all_stages
    ]
)
log(f"building {ACTIONS} actions in {PLANS} plans")
started = time.perf_counter()
per_plan = ACTIONS // PLANS
for p in range(PLANS):
    process = processes[p % len(processes)]
    plan = env["mipg.plan"].create(
        {
            "title": f"Plan {p}",
            "source": "contraloria_general",
            "process_id": process.id,
        }
    )
    opportunities = env["mipg.opportunity"].create(
        [
            {
                "title": f"Hallazgo {p}-{o}",
                "description": "Hallazgo de prueba",
                "source": "contraloria_general",
                "process_id": process.id,
                "plan_id": plan.id,
            }
            for o in range(10)
        ]
    )
    env["mipg.action"].create(
        [
            {
                "name": f"Acción {p}-{a}",
                "plan_id": plan.id,
                "opportunity_id": opportunities[a % 10].id,
                "responsible_id": leaders[(p + a) % len(leaders)].id,
                "date_start": today - timedelta(days=30),
                "date_deadline": today + timedelta(days=(a % 60) - 20),
                "stage_id": open_stages[a % len(open_stages)].id,
                "priority": str(a % 2),
            }
            for a in range(per_plan)
        ]
    )
    project = env["project.project"].create(
        {"name": f"Proyecto {p}", "type_ids": [Command.set(task_stages.ids)]}
    )
    env["project.task"].create(
        [
            {
                "name": f"Tarea {p}-{a}",
                "project_id": project.id,
                "user_ids": [Command.set([leaders[(p + a) % len(leaders)].id])],
                "date_deadline": today + timedelta(days=(a % 60) - 20),
                "stage_id": task_stages[a % len(open_stages)].id,
                "priority": str(a % 2),
            }
            for a in range(per_plan)
        ]
    )
    env.flush_all()
    env.invalidate_all()
cr.commit()
log(f"data set built in {time.perf_counter() - started:.0f} s")
log(
    f"{env['mipg.action'].search_count([])} actions, "
    f"{env['project.task'].search_count([])} tasks"
)


# ----------------------------------------------------------------------
# Board first load
# ----------------------------------------------------------------------
def kanban_spec(model, view_id=None):
    """Fields of the model's kanban view, as the web client asks for them."""
    views = env[model].with_user(bench_user).get_views([(view_id, "kanban")])
    fields = views["models"][model]["fields"]
    spec = {}
    for name, field in fields.items():
        if field["type"] in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    arch = views["views"]["kanban"]["arch"]
    return spec, arch


def progressbar_of(arch):
    import json

    from lxml import etree

    node = etree.fromstring(arch).find(".//progressbar")
    if node is None:
        return None
    return {"field": node.get("field"), "colors": json.loads(node.get("colors"))}


def first_load(model, domain, context, spec, progressbar):
    Model = env[model].with_user(bench_user).with_context(**context)
    groups = Model.web_read_group(domain, [], ["stage_id"], lazy=True)["groups"]
    if progressbar:
        Model.read_progress_bar(domain, "stage_id", progressbar)
    for group in groups:
        if group.get("__fold"):
            continue
        Model.web_search_read(
            group["__domain"],
            spec,
            limit=CARDS_PER_COLUMN,
            count_limit=CARDS_PER_COLUMN + 1,
        )


def measure(model, domain, context, view_id=None, spec=None):
    view_spec, arch = kanban_spec(model, view_id)
    spec = spec or view_spec
    progressbar = progressbar_of(arch)
    first_load(model, domain, context, spec, progressbar)  # warm the code paths
    times, queries = [], []
    for _i in range(RUNS):
        env.invalidate_all()
        env.registry.clear_cache()
        start_queries = cr.sql_log_count
        start = time.perf_counter()
        first_load(model, domain, context, spec, progressbar)
        times.append(time.perf_counter() - start)
        queries.append(cr.sql_log_count - start_queries)
    return statistics.median(times), statistics.median(queries), len(spec)


mipg_time, mipg_queries, mipg_fields = measure("mipg.action", [], {})
project_time, project_queries, project_fields = measure("project.task", [], {})
# The same card on both sides: the 13 fields of the mipg card, mapped to
# their project.task counterparts.
TASK_CARD = {
    "name": {},
    "project_id": {"fields": {"display_name": {}}},
    "milestone_id": {"fields": {"display_name": {}}},
    "allocated_hours": {},
    "priority": {},
    "activity_ids": {"fields": {"display_name": {}}},
    "activity_state": {},
    "date_deadline": {},
    "is_closed": {},
    "color": {},
    "state": {},
    "user_ids": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
}
same_time, same_queries, same_fields = measure("project.task", [], {}, spec=TASK_CARD)
ratio = mipg_time / project_time
log("board first load (web_read_group + read_progress_bar + web_search_read)")
log(
    f"  mipg.action   10,000 records: {mipg_time * 1000:7.1f} ms, "
    f"{mipg_queries} queries, {mipg_fields} fields per card"
)
log(
    f"  project.task  10,000 records: {project_time * 1000:7.1f} ms, "
    f"{project_queries} queries, {project_fields} fields per card"
)
log(
    f"  project.task, same card as mipg: {same_time * 1000:7.1f} ms, "
    f"{same_queries} queries, {same_fields} fields per card"
)
log(f"  ratio mipg / project (own kanban views): {ratio:.2f} (target <= 1.2)")
log(f"  ratio mipg / project (same card):        {mipg_time / same_time:.2f}")


# ----------------------------------------------------------------------
# Validating a follow-up: queries independent of the plan size
# ----------------------------------------------------------------------
def validation_queries(size):
    plan = env["mipg.plan"].create({"title": f"Plan {size}", "source": "furag"})
    opportunity = env["mipg.opportunity"].create(
        {
            "title": "Hallazgo",
            "description": "x",
            "source": "furag",
            "process_id": processes[0].id,
            "plan_id": plan.id,
        }
    )
    actions = env["mipg.action"].create(
        [
            {
                "name": f"Acción {i}",
                "plan_id": plan.id,
                "opportunity_id": opportunity.id,
                "responsible_id": leaders[0].id,
            }
            for i in range(size)
        ]
    )
    followup = (
        env["mipg.followup"]
        .with_user(oci)
        .create(
            {
                "action_id": actions[0].id,
                "line": "third",
                "progress": 100,
                "effective": "effective",
            }
        )
    )
    env.flush_all()
    env.invalidate_all()
    start = cr.sql_log_count
    followup.action_validate()
    env.flush_all()
    return cr.sql_log_count - start


validation_queries(3)  # warm the caches
small = validation_queries(10)
large = validation_queries(1000)
log(
    f"validating one follow-up: {small} queries (plan of 10 actions), "
    f"{large} queries (plan of 1,000 actions)"
)
cr.rollback()
