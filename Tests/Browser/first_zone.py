"""Browser check of the first zone on an EMPTY database (not the demo): the platform admin creates
a zone and its admin on pages; the zone admin adds a park and a department with its 惠企政策发言人,
imports enterprises from a CSV with their profile facts, which get definite 科小/创新型/高企
verdicts; the exported CSV re-imports to the same verdicts; the go-live checklist shows what was
set as done. Needs its own server: run through first_zone.sh, not with the demo checks.
Prints 'N passed, M failed' and exits non-zero on any failure.
Usage: python3 first_zone.py http://127.0.0.1:PORT SCREENSHOT_DIR  (FIRST_ZONE_PASSWORD in the environment)"""
import os
import re
import sys
import tempfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, SHOTS, browser, click_and_wait, login

PLATFORM_PASSWORD = os.environ.get("FIRST_ZONE_PASSWORD", "Platform@First2026")
ZONE = "jiangmen"
ADMIN = "admin@jiangmen"
ADMIN_PASSWORD = "Jiangmen@Zone2026"
CRITERIA = ["科技型中小企业", "创新型中小企业", "高新技术企业"]

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


def main():
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
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
        ]:
            check(name, fn, driver)
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
