#!/usr/bin/env python3
"""IDOR matrix: every route with an id (pages from SiteURL's route table, API paths with {…Id}, Open311
requests/{id}) × the seven demo logins of a zone × ids of rows belonging to another enterprise, another
resident, another grid, another department and another zone -> 403/404, never a 200 showing the row.

usage: idor.py BASE_URL SQLITE_PATH TOKENS_FILE OPEN311_KEY_JINAN
  SQLITE_PATH: the served database, read (read-only) to find rows and who owns them.
  TOKENS_FILE: lines "user token" for every login of jinan and foshan (see run.sh).
Prints "N routes × M roles, K leaks"; exits 1 on a leak or a 5xx.
"""

import sqlite3
import sys
import time

import requests

from common import Client, check_loopback, healthy, role_users

STATUS_OK = {403, 404, 400, 401, 409, 302, 303}


def q(db, sql, *args):
    return db.execute(sql, args).fetchall()


def one(db, sql, *args):
    rows = q(db, sql, *args)
    return rows[0] if rows else None


class Who:
    """A demo login with what ownership rules need."""

    def __init__(self, db, username):
        row = one(
            db, "SELECT id, zone_id, role, department_id, enterprise_id, person_id FROM users WHERE username=?", username
        )
        self.name = username
        self.id, self.zone, self.role, self.dept, self.ent, self.person = row
        self.grids = {r[0] for r in q(db, "SELECT grid_id FROM grid_workers WHERE user_id=?", self.id)}


def rows(db, zone):
    """Rows to probe, each (kind, id, facts) where facts carry zone and owners."""
    out = []
    other = lambda t, extra="": q(db, f"SELECT id FROM {t} WHERE zone_id<>? {extra} ORDER BY id LIMIT 1", zone)
    mine = lambda t, extra="": q(db, f"SELECT id FROM {t} WHERE zone_id=? {extra} ORDER BY id LIMIT 3", zone)
    for (i,) in other("enterprises") + mine("enterprises"):
        out.append(("enterprise", i, dict(zone=one(db, "SELECT zone_id FROM enterprises WHERE id=?", i)[0], ent=i)))
    for i, z, d, e in q(
        db,
        "SELECT a.id, a.zone_id, p.department_id, a.enterprise_id FROM applications a JOIN policy_items i ON i.id=a.item_id "
        "JOIN policies p ON p.id=i.policy_id ORDER BY (a.zone_id=?), a.id LIMIT 6",
        zone,
    ):
        out.append(("application", i, dict(zone=z, dept=d, ent=e)))
    for i, z, d, asker in q(
        db,
        "SELECT c.case_id, c.zone_id, c.department_id, k.requester_user_id FROM consultations c JOIN cases k ON k.id=c.case_id "
        "ORDER BY (c.zone_id=?), c.case_id LIMIT 6",
        zone,
    ):
        out.append(("consultation", i, dict(zone=z, dept=d, asker=asker)))
    for i, z, g, reporter, photo in q(
        db,
        "SELECT e.case_id, e.zone_id, e.grid_id, k.requester_user_id, e.photo IS NOT NULL FROM events e "
        "JOIN cases k ON k.id=e.case_id ORDER BY (e.zone_id=?), e.case_id LIMIT 8",
        zone,
    ):
        out.append(("event", i, dict(zone=z, grid=g, reporter=reporter, photo=photo)))
    for i, z in q(db, "SELECT id, zone_id FROM grids ORDER BY (zone_id=?), id LIMIT 3", zone):
        out.append(("grid", i, dict(zone=z)))
    for i, z, g in q(db, "SELECT person_id, zone_id, grid_id FROM residents ORDER BY (zone_id=?), person_id LIMIT 4", zone):
        out.append(("resident", i, dict(zone=z, grid=g, person=i)))
    for i, z, g, subject in q(
        db,
        "SELECT id, zone_id, grid_id, subject FROM points_entries WHERE photo IS NOT NULL ORDER BY (zone_id=?), id LIMIT 3",
        zone,
    ):
        out.append(("points_photo", i, dict(zone=z, grid=g, subject=subject)))
    # Published policies and their items are public pages; a draft of another zone is not.
    for i, z in q(db, "SELECT id, zone_id FROM policies WHERE status<>'published' AND zone_id<>? LIMIT 1", zone):
        out.append(("policy:policies", i, dict(zone=z)))
    for i, z in q(db, "SELECT i.id, i.zone_id FROM policy_items i JOIN policies p ON p.id=i.policy_id "
                      "WHERE p.status<>'published' AND i.zone_id<>? LIMIT 1", zone):
        out.append(("item:policy_items", i, dict(zone=z)))
    # Rows only probed from another zone (every role of the zone may know they exist); case rows are
    # keyed by their case id.
    for t, kind, key in [
        ("delib_issues", "delib", "id"),
        ("delib_topics", "delib", "id"),
        ("delib_meetings", "delib", "id"),
        ("delib_actions", "delib", "id"),
        ("points_items", "points_item", "id"),
        ("stat_indicators", "stat", "id"),
        ("eval_schemes", "stat", "id"),
        ("eval_runs", "stat", "id"),
        ("invest_projects", "invest", "id"),
        ("invest_chains", "invest", "id"),
        ("invest_events", "invest", "id"),
        ("help_visits", "help", "id"),
        ("help_buildings", "help", "id"),
        ("help_demands", "help", "case_id"),
        ("mediation_cases", "mediation", "case_id"),
        ("svc_applications", "svc", "case_id"),
        ("svc_items", "svc", "id"),
        ("svc_bundles", "svc", "id"),
        ("svc_materials", "svc", "id"),
    ]:
        for (i,) in q(db, f"SELECT {key} FROM {t} WHERE zone_id<>? ORDER BY {key} LIMIT 1", zone):
            out.append((kind + ":" + t, i, dict(zone=one(db, f"SELECT zone_id FROM {t} WHERE {key}=?", i)[0])))
    return out


def must_refuse_write(who, path, kind, f):
    """Writes on a row: answering, reviewing and paying out belong to the row's department (and the zone admin),
    rating to the asker; the rest follow the view rule (who may not see a row may not touch it)."""
    if who.role == "platform_admin":
        return False
    if f["zone"] != who.zone:
        return True
    if path.endswith("/answer") or path.endswith("/review") or path.endswith("/payouts"):
        return not (who.role == "zone_admin" or (who.role == "department_staff" and who.dept == f["dept"]))
    if path.endswith("/rating"):
        return who.id != f["asker"]
    return must_refuse(who, kind, f)


def must_refuse(who, kind, f):
    """True when this login must not see the row (a literal reading of Permissions.decide for `view`)."""
    if who.role == "platform_admin":
        return False
    if f["zone"] != who.zone:
        return True
    r = who.role
    if kind == "enterprise":
        return r == "resident" or (r == "enterprise_user" and who.ent != f["ent"])
    if kind == "application":
        return r in ("investment_officer", "grid_worker", "resident") or (r == "enterprise_user" and who.ent != f["ent"])
    if kind == "consultation":
        if r in ("enterprise_user", "resident"):
            return who.id != f["asker"]
        return r in ("investment_officer", "grid_worker")
    if kind == "event":
        if r in ("investment_officer", "enterprise_user"):
            return True
        if r == "resident":
            return who.id != f["reporter"]
        if r == "grid_worker":
            return f["grid"] not in who.grids and who.id != f["reporter"]
        return False
    if kind == "resident":
        if r in ("investment_officer", "enterprise_user"):
            return True
        return r == "resident" and who.person != f["person"]
    if kind == "resident_edit":
        if r in ("investment_officer", "enterprise_user"):
            return True
        if r == "resident":
            return who.person != f["person"]
        return r == "grid_worker" and f["grid"] not in who.grids
    if kind == "grid":
        return r in ("investment_officer", "enterprise_user")
    if kind == "points_photo":
        if r == "resident":
            return f["subject"] != f"person:{who.person}"  # their own (household entries: not probed)
        if r == "grid_worker":
            return f["grid"] not in who.grids
        return r in ("investment_officer", "enterprise_user", "department_staff")
    return False  # policies, items, deliberation, points items: everyone of the zone reads them


# Page routes with an id (SiteURL.route templates with :id), by the kind of row they show.
PAGES = {
    "enterprise": ["/m/enterprises/{id}", "/m/enterprises/{id}/facts", "/m/enterprises/{id}/certifications",
                   "/m/policies/enterprises/{id}"],
    "application": ["/m/policies/applications/{id}"],
    "consultation": ["/m/policies/consultations/{id}"],
    "event": ["/m/governance/events/{id}", "/m/governance/events/{id}/photo"],
    "grid": ["/m/governance/grids/{id}"],
    "resident": ["/m/governance/residents/{id}"],
    "resident_edit": ["/m/governance/residents/{id}/edit"],
    "points_photo": ["/m/governance/points/entries/{id}/photo"],
    "policy:policies": ["/m/policies/documents/{id}", "/m/policies/documents/{id}/edit",
                        "/m/policies/documents/{id}/items/new"],
    "item:policy_items": ["/m/policies/items/{id}", "/m/policies/items/{id}/edit", "/m/policies/items/{id}/eligible",
                          "/m/policies/items/{id}/ask", "/m/policies/items/{id}/apply"],
    "delib:delib_issues": ["/m/governance/deliberation/issues/{id}"],
    "delib:delib_topics": ["/m/governance/deliberation/topics/{id}"],
    "delib:delib_meetings": ["/m/governance/deliberation/meetings/{id}"],
    "delib:delib_actions": ["/m/governance/deliberation/actions/{id}"],
    "points_item:points_items": ["/m/governance/points/items/{id}"],
    "stat:stat_indicators": ["/m/statistics/indicators/{id}"],
    "stat:eval_schemes": ["/m/statistics/evaluations/{id}"],
    "invest:invest_projects": ["/m/investment/projects/{id}"],
    "invest:invest_chains": ["/m/investment/chains/{id}"],
    "invest:invest_events": ["/m/investment/events/{id}"],
    "help:help_visits": ["/m/enterprise-help/visits/{id}"],
    "help:help_buildings": ["/m/enterprise-help/buildings/{id}"],
    "help:help_demands": ["/m/enterprise-help/demands/{id}"],
    "mediation:mediation_cases": ["/m/mediation/cases/{id}", "/m/mediation/cases/{id}/agreement"],
    "svc:svc_applications": ["/m/services/applications/{id}"],
    "svc:svc_items": ["/m/services/catalogue/items/{id}"],
    "svc:svc_bundles": ["/m/services/catalogue/bundles/{id}", "/m/services/catalogue/bundles/{id}/materials/new"],
    "svc:svc_materials": ["/m/services/catalogue/materials/{id}"],
}
# API paths with an id (openapi.json), GET only; writes on foreign rows are probed below.
API = {
    "enterprise": ["/enterprises/{id}", "/enterprises/{id}/facts", "/enterprises/{id}/assessment",
                   "/enterprises/{id}/certifications"],
    "application": ["/applications/{id}"],
    "event": ["/events/{id}"],
    "grid": ["/grids/{id}"],
    "item:policy_items": ["/policy-items/{id}", "/policy-items/{id}/matches"],
    "stat:stat_indicators": ["/statistics/indicators/{id}/figures"],
    "stat:eval_runs": ["/statistics/evaluations/{id}/results"],
    "invest:invest_projects": ["/investment/projects/{id}", "/investment/projects/{id}/blockers"],
    "invest:invest_chains": ["/investment/chains/{id}"],
    "help:help_demands": ["/help/demands/{id}"],
    "mediation:mediation_cases": ["/mediation/cases/{id}"],
    "svc:svc_applications": ["/services/applications/{id}"],
}
# Writes on a row the caller must not touch: (kind, method, path, json body).
API_WRITES = [
    ("consultation", "POST", "/consultations/{id}/answer", {"answer": "越权回答"}),
    ("consultation", "POST", "/consultations/{id}/rating", {"level": "satisfied"}),
    ("application", "POST", "/applications/{id}/review", {"decision": "approve", "approvedAmount": 1}),
    ("application", "POST", "/applications/{id}/payouts", {"amount": 1, "paidOn": "2026-01-01", "voucherNo": "X"}),
    ("event", "POST", "/events/{id}/transitions", {"transition": "accept"}),
    ("enterprise", "PUT", "/enterprises/{id}/facts/2025", {"employees": 1}),
]


def main():
    base, db_path, tokens_file, o311_key = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
    check_loopback(base)
    started = time.time()
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    tokens = dict(line.split() for line in open(tokens_file) if line.strip())
    leaks, errors, requests_made, cells = [], [], 0, 0
    refused_cells, allowed_seen = 0, 0
    routes = set()
    roles = set()
    for zone_name in ("jinan", "foshan"):
        zone = one(db, "SELECT id FROM zones WHERE code=?", zone_name)[0]
        probe = rows(db, zone)
        for user in role_users(zone_name):
            who = Who(db, user)
            roles.add(who.role)
            client = Client(base, user)
            token = tokens.get(user)
            for kind, rid, facts in probe:
                refuse = must_refuse(who, kind, facts)
                paths = [("page", p) for p in PAGES.get(kind, [])]
                if kind == "event" and not facts["photo"]:
                    paths = [x for x in paths if not x[1].endswith("/photo")]
                if token:
                    paths += [("api", p) for p in API.get(kind, [])]
                for how, template in paths:
                    routes.add(how + " " + template)
                    path = template.format(id=rid)
                    try:
                        if how == "page":
                            r = client.get(path)
                        else:
                            r = requests.get(base + "/api/v1" + path, headers={"Authorization": f"Bearer {token}"},
                                             timeout=30)
                    except requests.RequestException as e:
                        errors.append(f"{user} {path}: {e}")
                        continue
                    requests_made += 1
                    cells += 1
                    if r.status_code >= 500:
                        errors.append(f"{user} GET {how} {path}: {r.status_code}")
                    elif refuse and r.status_code == 200:
                        leaks.append(f"{user} GET {how} {path} ({kind} {facts}): 200")
                    refused_cells += refuse
                    allowed_seen += (not refuse) and r.status_code == 200
                if token:
                    for k, method, template, body in API_WRITES:
                        if k != kind or not must_refuse_write(who, template, kind, facts):
                            continue
                        routes.add("api " + method + " " + template)
                        path = template.format(id=rid)
                        r = requests.request(method, base + "/api/v1" + path, json=body, timeout=30,
                                             headers={"Authorization": f"Bearer {token}"})
                        requests_made += 1
                        cells += 1
                        if r.status_code >= 500:
                            errors.append(f"{user} {method} {path}: {r.status_code}")
                        elif r.status_code < 300:
                            leaks.append(f"{user} {method} api {path} ({kind} {facts}): {r.status_code}")
            # API zone ids: another zone must not answer.
            if token:
                routes.add("api /zones/{zoneId}")
                for (other,) in q(db, "SELECT id FROM zones WHERE id<>? ORDER BY id LIMIT 2", zone):
                    r = requests.get(f"{base}/api/v1/zones/{other}", headers={"Authorization": f"Bearer {token}"},
                                     timeout=30)
                    requests_made += 1
                    cells += 1
                    if who.role != "platform_admin" and r.status_code == 200:
                        leaks.append(f"{user} GET api /zones/{other}: 200")
        if not healthy(base):
            errors.append("server stopped answering /healthz")
            break
    # Another user's API token revoked through the page: must not work.
    victim = tokens.get("admin@foshan")
    victim_id = one(db, "SELECT t.id FROM api_tokens t JOIN users u ON u.id=t.user_id WHERE u.username='admin@foshan' "
                        "ORDER BY t.id DESC LIMIT 1")
    if victim and victim_id:
        routes.add("page POST /profile/tokens/:id/revoke")
        for user in role_users("jinan"):
            r = Client(base, user).post(f"/profile/tokens/{victim_id[0]}/revoke")
            requests_made += 1
            cells += 1
        if requests.get(base + "/api/v1/me", headers={"Authorization": f"Bearer {victim}"}, timeout=30).status_code != 200:
            leaks.append("another user's token was revoked through /profile/tokens/:id/revoke")
    # Open311: a request of another zone through jinan's jurisdiction, with and without a key.
    routes.add("open311 GET requests/{id}")
    for (case_id,) in q(db, "SELECT e.case_id FROM events e JOIN zones z ON z.id=e.zone_id WHERE z.code<>'jinan' LIMIT 3"):
        for params in ({"jurisdiction_id": "jinan"}, {"jurisdiction_id": "jinan", "api_key": o311_key}):
            r = requests.get(f"{base}/open311/v2/requests/{case_id}.json", params=params, timeout=30)
            requests_made += 1
            cells += 1
            if r.status_code >= 500:
                errors.append(f"open311 requests/{case_id}: {r.status_code}")
            elif r.status_code == 200 and str(case_id) in r.text and r.text.strip() not in ("[]", ""):
                leaks.append(f"open311 requests/{case_id}.json {sorted(params)}: 200 with the other zone's request")
    print(f"{len(routes)} routes × {len(roles)} roles ({cells} cells, {requests_made} requests, "
          f"{time.time() - started:.0f} s), {len(leaks)} leaks, {len(errors)} server errors")
    print(f"  {refused_cells} cells must refuse; {allowed_seen} allowed cells answered 200 (the logins work)")
    if allowed_seen == 0:
        errors.append("no allowed cell answered 200: the logins or the ids are wrong, the matrix proves nothing")
    for line in (leaks + errors)[:80]:
        print("  ", line)
    sys.exit(1 if leaks or errors else 0)


if __name__ == "__main__":
    main()
