"""Splits the mipg test classes into shards of about the same duration, for
the test command's parallel runs, and keeps the durations measured.

    test_shards.py split N TAGS TIMES   prints N lines of Odoo test tags
    test_shards.py record TIMES LOG...  stores each class's time in TIMES

TAGS is the run's test tags: "/mipg" and exclusions ("-mipg_browser"). Each
line printed is TAGS narrowed to the classes of one shard, but the last
shard is TAGS minus the classes of the others: a class that this script does
not see (defined some other way) still runs, there. A class's weight is its
last measured time (TIMES, written by "record"), else its number of tests.
"""

import ast
import datetime
import os
import re
import sys

TESTS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"
)
# A test's start, and the start of a class's set-up (tests/common.py).
START = re.compile(
    r"^(\S+ \S+) \d+ INFO \S+ odoo\.addons\.mipg\.tests\.\w+: "
    r"(?:Starting (\w+)\.\w+ |Setting up (\w+)(?: |$))"
)
STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) ")


def decorator_tags(node):
    """The tags of a class's ``@tagged(...)``."""
    tags = set()
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and getattr(decorator.func, "id", "") == "tagged"
        ):
            tags.update(
                arg.value
                for arg in decorator.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return tags


def test_classes(excluded=()):
    """{class name: number of its own test methods} of tests/test_*.py, but
    the classes tagged with one of ``excluded``."""
    classes = {}
    for name in sorted(os.listdir(TESTS)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        with open(os.path.join(TESTS, name), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in tree.body:
            if (
                isinstance(node, ast.ClassDef)
                and node.name.startswith("Test")
                and not decorator_tags(node) & set(excluded)
            ):
                classes[node.name] = sum(
                    isinstance(item, ast.FunctionDef) and item.name.startswith("test")
                    for item in node.body
                )
    return classes


def read_times(path):
    times = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, _tab, seconds = line.strip().partition("\t")
                try:
                    times[name] = float(seconds)
                except ValueError:
                    continue
    return times


def split(count, tags, times_path):
    times = read_times(times_path)
    base = [t.strip() for t in tags.split(",") if t.strip()]
    excludes = [t for t in base if t.startswith("-")]
    classes = test_classes(excluded={t[1:] for t in excludes if t[1:].isidentifier()})
    # An unmeasured class: about half a second of set-up and a fifth of a
    # second per test, as measured on the 2-core development machine.
    weight = {
        name: times.get(name, 0.5 + 0.2 * max(tests, 1))
        for name, tests in classes.items()
    }
    # No empty shard: a shard of exclusions only would run every module's tests.
    count = max(1, min(count, len(weight)))
    shards = [[] for _ in range(count)]
    loads = [0.0] * count
    for name in sorted(weight, key=lambda n: (-weight[n], n)):
        i = loads.index(min(loads))
        shards[i].append(name)
        loads[i] += weight[name]
    for shard in shards[:-1]:
        print(",".join([f"/mipg:{name}" for name in sorted(shard)] + excludes))
    others = [name for shard in shards[:-1] for name in shard]
    print(",".join(base + [f"-/mipg:{name}" for name in sorted(others)]))


def record(times_path, logs):
    times = read_times(times_path)
    for log in logs:
        starts = []
        last = None
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                stamp = STAMP.match(line)
                if not stamp:
                    continue
                when = datetime.datetime.strptime(
                    stamp.group(1), "%Y-%m-%d %H:%M:%S,%f"
                )
                last = when
                start = START.match(line)
                if start:
                    starts.append((when, start.group(2) or start.group(3)))
        measured = {}
        # The time from one start to the next is the first one's class's: a
        # class's set-up and tests are its own; the set-up of a class that
        # does not log it is carried by the class before it.
        for (when, name), (later, _next) in zip(
            starts, starts[1:] + [(last, None)], strict=True
        ):
            measured[name] = measured.get(name, 0.0) + (later - when).total_seconds()
        times.update(measured)
    with open(times_path + ".new", "w", encoding="utf-8") as f:
        for name in sorted(times):
            f.write(f"{name}\t{times[name]:.2f}\n")
    os.replace(times_path + ".new", times_path)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "split":
        split(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 4 and sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
