#!/usr/bin/env python3
"""Crash safety: `gaoxin serve` on a demo database, a burst of writes (consultations, events, points
declarations, applications) from four threads through the API, `kill -9` of the server mid-burst, a restart,
then: every write that was acknowledged (201 with its id) is present, and no half-written row exists
(a case without its consultation or event row). SQLite: a fresh copy of a demo file per trial;
PostgreSQL (DATABASE_URL set): one demo database, trials one after another.

usage: crash.py GAOXIN_BINARY WORKDIR TRIALS [postgres]
Prints per trial and in total "acknowledged A, present P, half-written H"; exits 1 on any loss.
"""

import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import datetime

import requests

HALF_WRITTEN = [
    ("consultation case without its consultation",
     "SELECT count(*) FROM cases c WHERE c.type_code='consultation' "
     "AND NOT EXISTS (SELECT 1 FROM consultations x WHERE x.case_id=c.id)"),
    ("event case without its event",
     "SELECT count(*) FROM cases c WHERE c.type_code LIKE 'event_%' "
     "AND NOT EXISTS (SELECT 1 FROM events x WHERE x.case_id=c.id)"),
    ("event without its case", "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id=e.case_id)"),
    ("consultation without its case",
     "SELECT count(*) FROM consultations e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id=e.case_id)"),
]
PRESENT = {
    "consultation": "SELECT count(*) FROM consultations x JOIN cases c ON c.id=x.case_id WHERE x.case_id={id}",
    "event": "SELECT count(*) FROM events x JOIN cases c ON c.id=x.case_id WHERE x.case_id={id}",
    "declaration": "SELECT count(*) FROM points_entries WHERE id={id}",
    "application": "SELECT count(*) FROM applications WHERE id={id}",
}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, env, log, demo=False):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [binary, "serve", "--port", str(self.port)] + (["--demo"] if demo else [])
        self.log = open(log, "ab")
        self.proc = subprocess.Popen(args, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with {self.proc.returncode}; see {log}")
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.kill()
        raise SystemExit(f"server did not answer within 300 s; see {log}")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()


class Database:
    def __init__(self, sqlite_path=None, url=None):
        self.sqlite_path, self.url = sqlite_path, url

    def scalar(self, sql):
        if self.sqlite_path:
            db = sqlite3.connect(self.sqlite_path, timeout=30)
            try:
                return db.execute(sql).fetchone()[0]
            finally:
                db.close()
        out = subprocess.run(["psql", self.url, "-XAtq", "-c", sql], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise SystemExit(f"psql: {out.stderr}")
        return out.stdout.strip()


def tokens(binary, env):
    out = {}
    for user in ("enterprise@foshan", "grid@jinan", "resident@jinan"):
        out[user] = subprocess.run([binary, "token", "--user", user, "--name", "crash"], env=env, capture_output=True,
                                   text=True, check=True, timeout=120).stdout.strip()
    return out


def burst(base, toks, items, acked, stop_at, limit=300):
    """Four writers until the server dies, `limit` requests or `stop_at`."""
    api = base + "/api/v1"
    today = datetime.date.today()

    def writer(kind):
        n = 0
        while n < limit and time.time() < stop_at:
            n += 1
            if kind == "consultation":
                user, path, body = "enterprise@foshan", "/consultations", {"policyItemId": 1, "question": f"崩溃测试 {n}"}
            elif kind == "event":
                user, path, body = "grid@jinan", "/events", {"category": "hazard", "description": f"崩溃测试 {n}",
                                                             "latitude": 36.66, "longitude": 117.12}
            elif kind == "declaration":
                day = (today - datetime.timedelta(days=n % 30)).isoformat()  # one per item and day
                user, path, body = "resident@jinan", "/points/declarations", {"itemCode": "P5", "day": day,
                                                                              "evidence": f"崩溃测试 {n}"}
            else:
                item_id, materials = items[n % len(items)]
                user, path, body = "enterprise@foshan", "/applications", {
                    "itemId": item_id, "materials": materials, "requestedAmount": 1, "note": f"崩溃测试 {n}"}
            try:
                r = requests.post(api + path, json=body, timeout=10,
                                  headers={"Authorization": f"Bearer {toks[user]}"})
            except requests.RequestException:
                return  # the server is gone
            if r.status_code == 201:
                acked.append((kind, r.json()["id"]))

    threads = [threading.Thread(target=writer, args=(k,)) for k in PRESENT]
    for t in threads:
        t.start()
    return threads


def main():
    binary, work, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
    postgres = len(sys.argv) > 4 and sys.argv[4] == "postgres"
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ)
    log = os.path.join(work, "crash-server.log")
    started = time.time()
    if postgres:
        env.pop("GAOXIN_SQLITE_PATH", None)
        db = Database(url=env["DATABASE_URL"])
    else:
        env.pop("DATABASE_URL", None)
        template = os.path.join(work, "crash-template.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(template + suffix):
                os.remove(template + suffix)
        env["GAOXIN_SQLITE_PATH"] = template
    # The demo, once: seeded by the first start, tokens made, a clean stop.
    Server(binary, env, log, demo=True).stop()
    toks = tokens(binary, env)
    seed = Database(sqlite_path=None if postgres else template, url=env.get("DATABASE_URL"))
    rows = seed.scalar("SELECT group_concat(id || '|' || materials_json, char(10)) FROM policy_items WHERE zone_id=1"
                       if not postgres else
                       "SELECT string_agg(id || '|' || materials_json, chr(10)) FROM policy_items WHERE zone_id=1")
    import json
    items = []
    for line in rows.splitlines():
        item_id, materials = line.split("|", 1)
        items.append((int(item_id), [m["name"] for m in json.loads(materials) if m.get("required")]))
    total_acked = total_present = total_half = 0
    failures = []
    for trial in range(1, trials + 1):
        if not postgres:
            path = os.path.join(work, f"crash-{trial}.sqlite")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(template + suffix):
                    shutil.copy(template + suffix, path + suffix)
                elif os.path.exists(path + suffix):
                    os.remove(path + suffix)
            env["GAOXIN_SQLITE_PATH"] = path
            db = Database(sqlite_path=path)
        server = Server(binary, env, log)
        acked = []
        threads = burst(server.base, toks, items, acked, time.time() + 30)
        time.sleep(random.uniform(2.5, 6.0))  # a declaration takes seconds on a debug build
        server.kill()
        for t in threads:
            t.join(40)
        server = Server(binary, env, log)  # the restart must work on what the kill left
        present = sum(1 for kind, i in acked if int(db.scalar(PRESENT[kind].format(id=int(i)))) > 0)
        half = {label: int(db.scalar(sql)) for label, sql in HALF_WRITTEN}
        server.stop()
        integrity = db.scalar("PRAGMA integrity_check") if not postgres else "ok"
        kinds = {k: sum(1 for a in acked if a[0] == k) for k in PRESENT}
        print(f"  trial {trial}: acknowledged {len(acked)} {kinds}, present {present}, "
              f"half-written {sum(half.values())}, integrity {integrity}", flush=True)
        total_acked += len(acked)
        total_present += present
        total_half += sum(half.values())
        if present != len(acked) or sum(half.values()) or integrity != "ok":
            failures.append(f"trial {trial}: {len(acked) - present} lost, {half}, integrity {integrity}")
        if not postgres:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
    print(f"{'PostgreSQL' if postgres else 'SQLite'}: {trials} trials, acknowledged {total_acked}, "
          f"present {total_present}, half-written {total_half} ({time.time() - started:.0f} s)")
    for f in failures:
        print("  ", f)
    sys.exit(1 if failures or total_acked == 0 else 0)


if __name__ == "__main__":
    main()
