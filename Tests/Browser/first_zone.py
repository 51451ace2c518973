"""Browser check of the first zone on an EMPTY database (not the demo), the "Done when" path of
issue #12: the platform admin creates a zone and its admin on pages; the zone admin adds a park and
a department with its 惠企政策发言人, imports enterprises from a CSV with their profile facts, which
get definite 科小/创新型/高企 verdicts; the exported CSV re-imports to the same verdicts; the zone
admin imports a grid from GeoJSON and creates one user of every role (the grid worker assigned to
the grid); an event reported in the grid reaches the grid worker, who works it to 结案; a resident
record gets an activation code, the resident activates their account and declares points; with a
policy in force and an Open311 key the go-live checklist is complete; and a webhook receiver this
script runs gets the deadline reminder of an event due in one working day, sent by the server after
`gaoxin cases remind`. Needs its own server: run through first_zone.sh, not with the demo checks.
Prints 'N passed, M failed' and exits non-zero on any failure.
Usage: python3 first_zone.py http://127.0.0.1:PORT SCREENSHOT_DIR  (FIRST_ZONE_PASSWORD and
FIRST_ZONE_BIN, the gaoxin binary on the same database, in the environment)"""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_governance import errors, flash, main_text, set_date, take_step
from test_notices import RECEIVED, Hook  # the webhook receiver: RECEIVED holds (payload, token) of each POST
from test_roles import BASE, SHOTS, browser, click_and_wait, login
from test_users import id_number, submit

PLATFORM_PASSWORD = os.environ.get("FIRST_ZONE_PASSWORD", "Platform@First2026")
ZONE = "jiangmen"
ADMIN = "admin@jiangmen"
ADMIN_PASSWORD = "Jiangmen@Zone2026"
CRITERIA = ["科技型中小企业", "创新型中小企业", "高新技术企业"]
USER_PASSWORD = "Jiangmen@User2026"
GRID = {"code": "JM-DY-01", "name": "东园第一网格", "lon": 113.08, "lat": 22.58, "size": 0.01}
INSIDE = (f"{GRID['lat'] + GRID['size'] / 2:.6f}", f"{GRID['lon'] + GRID['size'] / 2:.6f}")  # latitude, longitude
# One user of every role the zone admin creates: username -> (name, role, department, enterprise).
USERS = {
    "staff@jiangmen": ("陈科员", "department_staff", "科技创新局", None),
    "invest@jiangmen": ("黄招商", "investment_officer", None, None),
    "grid@jiangmen": ("李网格", "grid_worker", None, None),
    "enterprise@jiangmen": ("周经理", "enterprise_user", None, "江门智芯科技有限公司"),
}

passed, failed = 0, 0
state = {}


def check(name, fn, driver):
    global passed, failed
    try:
        fn(driver)
        print(f"ok   {name}")
        passed += 1
    except Exception as e:  # report and go on
        print(f"FAIL {name}: {e}")
        failed += 1
        if SHOTS:
            driver.save_screenshot(f"{SHOTS}/first-zone-fail-{name}.png")


def credit_code(body):
    """A valid 统一社会信用代码 from its first 17 characters (GB 32100-2015 check character)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
    return body + alphabet[(31 - total % 31) % 31]


PROFILE = {
    "居民企业": "是", "中小企业": "是", "属于限制或淘汰类": "否", "一年内重大事故或严重环境违法": "否",
    "列入经营异常名录或严重失信名单": "否", "属于国家重点支持的高新技术领域": "是", "属于战略性新兴产业": "是",
    "拥有省级以上研发机构": "否", "产业链供应链关键环节": "否", "工业六基或老字号或龙头配套": "否",
    "从事细分领域年数": "6", "发展阶段": "成长期", "最高研发机构级别": "市级", "科技奖励": "", "主导制定标准年份": "",
    "创客中国500强年份": "",
}


def figures(year, scale):
    """One year's figures; `scale` sets the size (1: a small innovative company)."""
    revenue = 3000 * scale * (1.2 ** (year - 2023))
    return {
        "营业收入（万元）": f"{revenue:.2f}", "主营业务收入（万元）": f"{revenue * 0.95:.2f}",
        "研发费用（万元）": f"{revenue * 0.08:.2f}", "境内研发费用（万元）": f"{revenue * 0.08:.2f}",
        "成本费用总额（万元）": f"{revenue * 0.8:.2f}", "高新技术产品（服务）收入（万元）": f"{revenue * 0.7:.2f}",
        "职工总数（人）": str(60 * scale), "科技人员数（人）": str(20 * scale), "研发人员数（人）": str(15 * scale),
        "资产总额（万元）": f"{4000 * scale:.2f}", "净资产（万元）": f"{2500 * scale:.2f}", "资产负债率（%）": "37.5",
        "Ⅰ类知识产权数（件）": "2", "Ⅱ类知识产权数（件）": "8", "新增股权融资（万元）": "500", "纳税总额（万元）": "120",
        "知识产权其他评价项自评分（满分22）（分）": "18", "科技成果转化能力自评分（满分30）（分）": "24",
        "研究开发组织管理水平自评分（满分20）（分）": "16",
    }


def write_csv(headers, path):
    rows = []
    for i, (name, founded, scale) in enumerate([("江门智芯科技有限公司", "2016-05-20", 1), ("江门新材料股份有限公司", "2012-03-01", 3)]):
        uscc = credit_code(f"91440703MA5{i}XYW0{i}")
        for year in (2023, 2024, 2025):
            values = {"统一社会信用代码": uscc, "企业名称": name, "园区": "东园", "成立日期": founded, "年度": str(year)}
            values.update(PROFILE)
            values.update(figures(year, scale))
            rows.append(",".join(values.get(h, "") for h in headers))
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(headers) + "\n" + "\n".join(rows) + "\n")


def session(driver):
    s = requests.Session()
    for c in driver.get_cookies():
        s.cookies.set(c["name"], c["value"])
    return s


def field(driver, id_, text):
    box = driver.find_element(By.ID, id_)
    box.clear()
    box.send_keys(text)


def verdicts(driver):
    """科小/创新型/高企 verdict of each enterprise of the zone, by name."""
    driver.get(BASE + "/m/enterprises")
    links = {a.text.strip(): a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table a")
             if "/m/enterprises/" in (a.get_attribute("href") or "")}
    found = {}
    for name, href in sorted(links.items()):
        if not name.startswith("江门"):
            continue
        driver.get(href)
        found[name] = {}
        for h3 in driver.find_elements(By.CSS_SELECTOR, "section.assessment h3"):
            title = h3.text.split("：")[0].strip()
            if title in CRITERIA:
                found[name][title] = h3.find_element(By.CSS_SELECTOR, ".verdict").text.strip()
    return found


def upload(driver, path):
    driver.get(BASE + "/m/enterprises/import")
    driver.find_element(By.ID, "file").send_keys(path)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    return driver.find_element(By.TAG_NAME, "main").text


def platform_creates_zone(driver):
    login(driver, "platform", PLATFORM_PASSWORD)
    driver.get(BASE + "/zones")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "新建园区"))
    field(driver, "zone_code", ZONE)
    field(driver, "zone_name", "江门高新区")
    field(driver, "zone_full_name", "江门高新技术产业开发区")
    field(driver, "province", "广东")
    field(driver, "city", "江门")
    field(driver, "parks", "东园")
    field(driver, "zone_admin", ADMIN)
    field(driver, "zone_admin_password", ADMIN_PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    text = driver.find_element(By.TAG_NAME, "body").text
    assert "已创建园区“江门高新区”" in text, text[:300]


def duplicate_zone_is_refused(driver):
    driver.get(BASE + "/zones/new")
    field(driver, "zone_code", ZONE)
    field(driver, "zone_name", "重复")
    field(driver, "zone_admin", ADMIN)
    field(driver, "zone_admin_password", ADMIN_PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    text = driver.find_element(By.TAG_NAME, "main").text
    assert "已被使用" in text and "没有保存任何内容" in text, text[:300]


def zone_admin_adds_park(driver):
    login(driver, ADMIN, ADMIN_PASSWORD)
    driver.get(BASE + "/admin/parks")
    field(driver, "name", "西园")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form[action='/admin/parks'] button.primary"))
    text = driver.find_element(By.TAG_NAME, "main").text
    assert "已添加园区“西园”" in driver.find_element(By.TAG_NAME, "body").text and "东园" in text, text[:300]


def zone_admin_adds_department(driver):
    driver.get(BASE + "/admin/departments")
    field(driver, "name", "科技创新局")
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text("科技创新")
    field(driver, "spokesperson_name", "林晓")
    field(driver, "spokesperson_title", "副局长")
    field(driver, "spokesperson_phone", "0750-3200101")
    assert driver.find_element(By.ID, "spokesperson_shown").is_selected()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    assert "已添加部门“科技创新局”" in driver.find_element(By.TAG_NAME, "body").text
    driver.delete_all_cookies()
    driver.get(BASE + f"/m/policies/spokespersons?zone={ZONE}")
    text = driver.find_element(By.TAG_NAME, "main").text
    assert "林晓" in text and "0750-3200101" in text, text[:400]
    login(driver, ADMIN, ADMIN_PASSWORD)


def imports_enterprises_with_definite_verdicts(driver):
    s = session(driver)
    template = s.get(BASE + "/m/enterprises/export.csv")
    assert template.status_code == 200, template.status_code
    headers = template.content.decode("utf-8-sig").splitlines()[0].split(",")
    path = os.path.join(tempfile.mkdtemp(), "enterprises.csv")
    write_csv(headers, path)
    text = upload(driver, path)
    assert "导入完成" in driver.find_element(By.TAG_NAME, "body").text, text[:400]
    found = verdicts(driver)
    assert len(found) == 2, found
    for name, by in found.items():
        assert set(by) == set(CRITERIA), (name, by)
        for criterion, verdict in by.items():
            assert verdict in ("符合", "不符合"), (name, criterion, verdict)
    assert any(v == "符合" for by in found.values() for v in by.values()), found
    state["verdicts"] = found
    print(f"     verdicts: {found}")


def export_reimports_to_same_verdicts(driver):
    exported = session(driver).get(BASE + "/m/enterprises/export.csv")
    assert exported.status_code == 200
    path = os.path.join(tempfile.mkdtemp(), "exported.csv")
    with open(path, "wb") as f:
        f.write(exported.content)
    upload(driver, path)
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "更新 2 家" in body, body[:400]
    again = verdicts(driver)
    assert again == state.get("verdicts"), (again, state.get("verdicts"))


def checklist_shows_what_was_set(driver):
    driver.get(BASE + "/")
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "上线检查"))
    rows = {r.find_element(By.TAG_NAME, "th").text.strip(): r.get_attribute("class")
            for r in driver.find_elements(By.CSS_SELECTOR, "table.checklist tbody tr")}
    for line in ("园区（一区多园）", "部门", "惠企政策发言人", "认定条件", "企业名录", "用户：管委会管理员"):
        assert rows.get(line) == "done", (line, rows)
    assert rows.get("网格") == "missing", rows
    link = driver.find_element(By.XPATH, "//tr[th='网格']//a")
    assert link.get_attribute("href").endswith("/m/governance/grids/import"), link.get_attribute("href")
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/first-zone-checklist.png")


def grid_geojson(path):
    """One square grid in 东园, with its 社区 and 街道 (new to the zone, so named here)."""
    lon, lat, size = GRID["lon"], GRID["lat"], GRID["size"]
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    feature = {
        "type": "Feature",
        "properties": {
            "code": GRID["code"], "name": GRID["name"], "area_code": "JM-DY", "area_name": "东园社区",
            "area_level": "社区", "street_code": "JM-GX", "street_name": "高新街道", "street_level": "街道",
            "party_branch": "东园第一网格党支部",
        },
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": [feature]}, f, ensure_ascii=False)


def zone_admin_imports_grid(driver):
    login(driver, ADMIN, ADMIN_PASSWORD)
    driver.get(BASE + "/m/governance/grids/import")
    path = os.path.join(tempfile.mkdtemp(), "grids.geojson")
    grid_geojson(path)
    driver.find_element(By.ID, "file").send_keys(path)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    text = driver.find_element(By.TAG_NAME, "body").text
    assert "导入完成：新增 1 个" in text, text[:400]
    driver.get(BASE + "/m/governance/grids")
    assert GRID["name"] in main_text(driver), main_text(driver)[:400]


def create_user(driver, username, name, role, department=None, enterprise=None):
    driver.get(BASE + "/admin/users/new")
    field(driver, "username", username)
    field(driver, "display_name", name)
    Select(driver.find_element(By.ID, "role")).select_by_value(role)
    for id_, label in (("department_id", department), ("enterprise_id", enterprise)):
        if label:
            select = Select(driver.find_element(By.ID, id_))
            select.select_by_visible_text(next(o.text for o in select.options if o.text.startswith(label)))
    field(driver, "password", USER_PASSWORD)
    submit(driver)
    assert re.search(r"/admin/users/\d+$", driver.current_url), f"{username} not created: {errors(driver)}"
    assert username in main_text(driver), main_text(driver)[:300]


def zone_admin_creates_every_role(driver):
    login(driver, ADMIN, ADMIN_PASSWORD)
    for username, (name, role, department, enterprise) in USERS.items():
        create_user(driver, username, name, role, department, enterprise)
        bound = driver.find_element(By.XPATH, "//main//dt[text()='绑定']/following-sibling::dd[1]").text
        if department or enterprise:
            assert (department or enterprise) in bound, (username, bound)
        if role == "grid_worker":
            assert "尚未分配网格" in driver.page_source
            select = Select(driver.find_element(By.ID, "grid_id"))
            select.select_by_visible_text(next(o.text for o in select.options if o.text.startswith(GRID["name"])))
            Select(driver.find_element(By.ID, "kind")).select_by_value("full_time")
            field(driver, "party_branch", "东园第一网格党支部")
            submit(driver, "分配到网格")
            rows = driver.find_elements(By.XPATH, "//main//table[caption='负责的网格']//tr[td]")
            assert any(GRID["name"] in r.text for r in rows), f"not assigned: {errors(driver)}"
    # Each signs in and lands on their home page.
    for username in USERS:
        login(driver, username, USER_PASSWORD)
        assert driver.current_url.rstrip("/") == BASE and "退出登录" in driver.page_source, (username, driver.current_url)


def report_event(driver, category, description, address):
    driver.get(BASE + "/m/governance/events/new")
    driver.find_element(By.CSS_SELECTOR, f"input[name=category][value={category}]").click()
    driver.find_element(By.ID, "description").send_keys(description)
    driver.find_element(By.ID, "latitude").send_keys(INSIDE[0])
    driver.find_element(By.ID, "longitude").send_keys(INSIDE[1])
    driver.find_element(By.ID, "address").send_keys(address)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='提交上报']"))
    assert re.search(r"/m/governance/events/\d+$", driver.current_url), \
        f"no event page after reporting: {driver.current_url} {errors(driver)}"
    assert "事件已上报" in flash(driver), f"no confirmation: {flash(driver)!r}"
    page = main_text(driver)
    assert "已上报，待受理" in page and GRID["name"] in page, page[:400]
    return driver.current_url


def grid_worker_works_event(driver):
    # The zone admin takes a call (12345 hotline) and reports it at the spot.
    login(driver, ADMIN, ADMIN_PASSWORD)
    event = report_event(driver, "hazard", "东园路 18 号门口消防栓漏水，地面结冰。", "东园路 18 号")
    login(driver, "grid@jiangmen", USER_PASSWORD)
    driver.get(BASE + "/m/governance/events")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table a[href*='/m/governance/events/']")]
    assert event in links, f"the grid worker's list does not show {event}: {links}"
    driver.get(event)
    take_step(driver, "受理立案", "已受理，马上到现场。")
    workers = [o.text for o in Select(driver.find_element(By.ID, "assignee-dispatch")).options if o.text.startswith("网格员：")]
    assert len(workers) == 1 and "李网格" in workers[0], workers
    take_step(driver, "派遣", "由网格员本人处置。", assignee=lambda label: label == workers[0])
    assert "已派遣，处置中" in main_text(driver)
    take_step(driver, "处置完成", "已联系自来水公司关阀维修。")
    take_step(driver, "核查通过", "现场核查，已不再漏水。")
    take_step(driver, "结案")
    page = main_text(driver)
    assert "已结案" in page, page[:400]
    for step in ("上报事件", "受理立案", "派遣", "处置完成", "核查通过", "结案"):
        assert step in page, f"the history has no {step}"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/first-zone-event-closed.png")


def resident_activates_and_declares_points(driver):
    login(driver, ADMIN, ADMIN_PASSWORD)
    # The points item the resident declares.
    driver.get(BASE + "/m/governance/points/items")
    field(driver, "name", "参加社区志愿服务")
    field(driver, "category", "志愿服务")
    field(driver, "points", "5")
    submit(driver, "保存")
    assert "参加社区志愿服务" in main_text(driver), f"no points item: {errors(driver)}"
    # The resident record, then a one-time activation code.
    driver.get(BASE + "/m/governance/residents/new")
    number = id_number()
    field(driver, "name", "吴居民")
    field(driver, "id_number", number)
    field(driver, "address", "东园社区 3 栋 201")
    grids = Select(driver.find_element(By.ID, "grid_id"))
    grids.select_by_visible_text(next(o.text for o in grids.options if GRID["name"] in o.text))
    submit(driver)
    assert "吴居民" in driver.page_source, f"resident not registered: {errors(driver)}"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "居民账号激活码"))
    submit(driver, "发放激活码")
    code = driver.find_element(By.CSS_SELECTOR, "code.activation-code").text.strip()
    # The resident activates on the public page.
    driver.delete_all_cookies()
    driver.get(BASE + "/activate")
    field(driver, "code", code)
    field(driver, "username", "wu.jiangmen")
    field(driver, "id_suffix", number[-6:])
    field(driver, "password", USER_PASSWORD)
    field(driver, "confirm_password", USER_PASSWORD)
    submit(driver, "激活账号")
    assert "/login" in driver.current_url and "已激活" in driver.page_source, f"{driver.current_url} {errors(driver)}"
    login(driver, "wu.jiangmen", USER_PASSWORD)
    assert driver.current_url.rstrip("/") == BASE and "退出登录" in driver.page_source, driver.current_url
    # … and declares points for today.
    driver.get(BASE + "/m/governance/points")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "申报积分"))
    items = Select(driver.find_element(By.ID, "item"))
    items.select_by_visible_text(next(o.text for o in items.options if "参加社区志愿服务" in o.text))
    set_date(driver, driver.find_element(By.ID, "day"), time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600)))
    evidence = "参加东园社区周末清扫活动，证明人：李网格。"
    driver.find_element(By.ID, "evidence").send_keys(evidence)
    click_and_wait(driver, driver.find_element(By.XPATH, "//main//button[normalize-space()='提交']"))
    assert re.search(r"已提交申报（编号 \d+）", flash(driver)), f"not declared: {flash(driver)!r} {errors(driver)}"
    assert evidence in main_text(driver), "the declaration is not among the resident's records"


def checklist_complete(driver):
    login(driver, ADMIN, ADMIN_PASSWORD)
    # A policy in force …
    driver.get(BASE + "/m/policies/documents/new")
    field(driver, "title", "江门高新区促进科技创新若干措施")
    departments = Select(driver.find_element(By.ID, "department_id"))
    departments.select_by_visible_text(next(o.text for o in departments.options if o.text.startswith("科技创新局")))
    set_date(driver, driver.find_element(By.ID, "effective_on"), "2026-01-01")
    Select(driver.find_element(By.ID, "status")).select_by_value("published")
    field(driver, "full_text", "第一条 为促进区内企业科技创新，制定本措施。")
    submit(driver, "保存")
    assert re.search(r"/m/policies/documents/\d+$", driver.current_url), f"policy not saved: {errors(driver)}"
    # … and an Open311 key for the 12345 hotline.
    driver.get(BASE + "/m/governance/open311-keys")
    field(driver, "name", "12345 热线")
    submit(driver, "生成密钥")
    assert driver.find_elements(By.CSS_SELECTOR, "code.secret"), f"no key: {errors(driver)}"
    driver.get(BASE + "/")
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "上线检查"))
    rows = {r.find_element(By.TAG_NAME, "th").text.strip(): r.get_attribute("class")
            for r in driver.find_elements(By.CSS_SELECTOR, "table.checklist tbody tr")}
    missing = [line for line, kind in rows.items() if kind != "done"]
    assert len(rows) == 15 and not missing, f"not complete: {missing}"
    assert "各项都已设置，园区可以上线。" in main_text(driver), main_text(driver)[:200]
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/first-zone-checklist-complete.png")


def webhook_gets_deadline_reminder(driver, port):
    login(driver, ADMIN, ADMIN_PASSWORD)
    driver.get(BASE + "/admin/notices")
    field(driver, "url", f"http://127.0.0.1:{port}/hook")
    field(driver, "header_name", "X-Gaoxin-Token")
    field(driver, "header_value", "jiangmen-secret")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    assert "webhook 设置已保存" in driver.page_source, errors(driver)
    # The grid worker chooses the webhook as well as the in-app inbox.
    login(driver, "grid@jiangmen", USER_PASSWORD)
    driver.get(BASE + "/profile/notices/preferences")
    box = driver.find_element(By.NAME, "webhook")
    if not box.is_selected():
        box.click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    assert "通知同时推送到园区 webhook" in driver.page_source
    # The resident reports a dispute: it must be taken up within one working day, so its deadline
    # is the next working day and its reminder is due today.
    login(driver, "wu.jiangmen", USER_PASSWORD)
    event = report_event(driver, "dispute", "楼上装修噪音持续到深夜，协商未果。", "东园社区 3 栋")
    deadline = driver.find_element(By.XPATH, "//main//dt[text()='本环节时限']/following-sibling::dd[1]").text
    day = re.search(r"\d{4}-\d{2}-\d{2}", deadline)
    assert day, f"the event shows no deadline day: {deadline!r}"
    number = "SJ-%06d" % int(event.rsplit("/", 1)[1])
    # The reminder sweep (the server runs it every 10 minutes; the command runs it now).
    done = subprocess.run([os.environ["FIRST_ZONE_BIN"], "cases", "remind"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "时限提醒" in done.stdout, done.stdout
    wait_until = time.time() + 60
    hits = []
    while time.time() < wait_until and not hits:
        hits = [(p, t) for p, t in RECEIVED if p.get("kind") == "deadline_soon" and number in p.get("subject", "")]
        time.sleep(1)
    assert hits, f"the receiver got no deadline reminder for {number} within 60 s: {[p.get('subject') for p, _ in RECEIVED]}"
    payload, token = hits[0]
    assert token == "jiangmen-secret", token
    assert payload["recipient"]["username"] == "grid@jiangmen", payload["recipient"]
    assert f"将于 {day.group(0)} 到期" in payload["subject"], payload["subject"]
    assert payload.get("link", "").endswith(event.removeprefix(BASE)), payload.get("link")
    print(f"     webhook got: {payload['subject']}")
    # The delivery log shows it 已送达; a second sweep sends nothing new.
    login(driver, ADMIN, ADMIN_PASSWORD)
    driver.get(BASE + "/admin/notices?state=sent")
    assert "已送达" in driver.page_source and number in driver.page_source, main_text(driver)[:400]
    again = subprocess.run([os.environ["FIRST_ZONE_BIN"], "cases", "remind"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "没有需要新提醒的时限" in again.stdout, again.stdout + again.stderr[-300:]


def main():
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    driver = browser()
    try:
        for name, fn in [
            ("platform admin creates a zone and its admin", platform_creates_zone),
            ("a duplicate zone is refused", duplicate_zone_is_refused),
            ("zone admin adds a park", zone_admin_adds_park),
            ("zone admin adds a department with a shown spokesperson", zone_admin_adds_department),
            ("imported enterprises get definite verdicts", imports_enterprises_with_definite_verdicts),
            ("export re-imports to the same verdicts", export_reimports_to_same_verdicts),
            ("checklist shows what was set", checklist_shows_what_was_set),
            ("zone admin imports a grid from GeoJSON", zone_admin_imports_grid),
            ("zone admin creates one user of every role, the grid worker in the grid", zone_admin_creates_every_role),
            ("an event in the grid reaches the grid worker, who works it to 结案", grid_worker_works_event),
            ("a resident activates their account and declares points", resident_activates_and_declares_points),
            ("with a policy in force and an Open311 key the checklist is complete", checklist_complete),
            ("the webhook receiver gets the deadline reminder", lambda d: webhook_gets_deadline_reminder(d, port)),
        ]:
            check(name, fn, driver)
    finally:
        driver.quit()
        server.shutdown()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
