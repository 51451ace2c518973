#!/usr/bin/env python3
"""Two instances, one PostgreSQL: two `gaoxin serve` processes on one database (as a province runs it), each
with its deadline sweep and ranking refresher, started together on a demo whose open cases were all put past
their deadline (so both sweeps race on the same cases at startup, with two `gaoxin cases sweep` runs beside
them), while four writers per instance file consultations, events, points declarations and applications.
-> no case marked overdue or escalated twice, every acknowledged write present exactly once, no lost write.

usage: two_instances.py GAOXIN_BINARY WORKDIR   (DATABASE_URL: an empty PostgreSQL database of its own)
Prints "open cases C: overdue O, escalated E, double marks D; writes acknowledged A, present P, duplicated U".
"""

import os
import subprocess
import sys
import threading
import time

from crash import PRESENT, Database, Server, burst, tokens


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    started = time.time()
    env = dict(os.environ)
    env.pop("GAOXIN_SQLITE_PATH", None)
    db = Database(url=env["DATABASE_URL"])
    log = os.path.join(work, "server.log")
    Server(binary, env, log, demo=True).stop()
    toks = tokens(binary, env)
    import json
    items = []
    rows = db.scalar("SELECT string_agg(id || '|' || materials_json, chr(10)) FROM policy_items WHERE zone_id=1")
    for line in rows.splitlines():
        item_id, materials = line.split("|", 1)
        items.append((int(item_id), [m["name"] for m in json.loads(materials) if m.get("required")]))
    # Every open case with a deadline: past it, not yet marked, no marks in its history.
    db.scalar("DELETE FROM case_history WHERE kind IN ('overdue', 'escalated') AND case_id IN "
              "(SELECT id FROM cases WHERE closed_at IS NULL AND deadline_day IS NOT NULL)")
    # The sweep reads the deadline from the engine's record; the column is its index.
    db.scalar("UPDATE cases SET deadline_day='2026-01-05', overdue=false, ever_overdue=false, escalated_to=NULL, "
              "record_json=jsonb_set(jsonb_set(record_json::jsonb, '{deadline,day}', '\"2026-01-05\"'), "
              "'{isOverdue}', 'false')::text WHERE closed_at IS NULL AND deadline_day IS NOT NULL")
    open_cases = int(db.scalar("SELECT count(*) FROM cases WHERE closed_at IS NULL AND deadline_day IS NOT NULL"))
    # Both instances and two command-line sweeps, at once.
    servers, sweeps = [], []

    def start():
        servers.append(Server(binary, env, log))

    starters = [threading.Thread(target=start) for _ in range(2)]
    for t in starters:
        t.start()
    for _ in range(2):
        sweeps.append(subprocess.Popen([binary, "cases", "sweep"], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL))
    for t in starters:
        t.join(320)
    if len(servers) != 2:
        raise SystemExit("an instance did not start")
    acked = []
    writers = []
    for s in servers:
        writers += burst(s.base, toks, items, acked, time.time() + 20, limit=150)
    for t in writers:
        t.join(60)
    for p in sweeps:
        p.wait(120)
    time.sleep(3)  # the refreshers' first pass
    for s in servers:
        s.stop()
    # Marks made now (the demo's own history of closed cases has marks of its own, one per state).
    recent = "at > " + str(int(started) - 60)
    overdue = int(db.scalar(f"SELECT count(*) FROM case_history WHERE kind='overdue' AND {recent}"))
    escalated = int(db.scalar(f"SELECT count(*) FROM case_history WHERE kind='escalated' AND {recent}"))
    # A state's deadline is missed once: two marks of one kind in one state are a double escalation.
    double = int(db.scalar("SELECT count(*) FROM (SELECT case_id, kind, from_state FROM case_history WHERE kind IN "
                           "('overdue', 'escalated') GROUP BY case_id, kind, from_state HAVING count(*) > 1) d"))
    present = sum(1 for kind, i in acked if int(db.scalar(PRESENT[kind].format(id=int(i)))) == 1)
    duplicated = len(acked) - len({(k, int(i)) for k, i in acked})
    # A write stored twice would show as two rows with one text: the writers number theirs per thread.
    twice = int(db.scalar("SELECT count(*) FROM (SELECT description FROM events WHERE description LIKE '崩溃测试 %' "
                          "GROUP BY description HAVING count(*) > 2) d"))
    runs = db.scalar("SELECT count(*) FROM assessment_runs")
    print(f"open cases {open_cases}: overdue {overdue}, escalated {escalated}, double marks {double}; writes "
          f"acknowledged {len(acked)}, present {present}, duplicated ids {duplicated}, repeated texts {twice}; "
          f"assessment runs {runs} ({time.time() - started:.0f} s)")
    failed = double or present != len(acked) or duplicated or twice or not acked or overdue == 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
