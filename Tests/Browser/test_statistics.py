"""统计与评价 (#16) in Chromium as users do it: the committee dashboard shows the seed figures with 同比 as charts and tables; each demo role sees its to-do list with counts that match the API; an evaluation is loaded from files, ranks units and grades them (bad weights refused); the CSV downloads carry a BOM and the xlsx opens in openpyxl with the page's numbers. Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_statistics.py http://127.0.0.1:PORT [screenshot-dir]"""
import io
import os
import sys
import tempfile
import urllib.request
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("statistics")


def fetch(driver, path):
    """GET with the browser's session cookie, as a download would: (status, headers, bytes)."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def table_cells(driver, key):
    """{row head: [cell texts]} of the page's table marked data-table=key."""
    table = driver.find_element(By.CSS_SELECTOR, f"table[data-table='{key}']")
    rows = {}
    for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        head = tr.find_elements(By.TAG_NAME, "th")
        if head:
            rows[head[0].text.strip()] = [td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")]
    return rows


def dashboard_shows_seed_figures(driver):
    login(driver, "admin@foshan", PASSWORD)
    driver.get(BASE + "/m/statistics")
    assert "4191.83" in driver.page_source and "增长 2.99%" in driver.page_source, "佛山 工业总产值 missing"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "管委会总览（图表与 Excel 导出）"))
    page = driver.page_source
    assert "管委会总览" in page and "各指标最新一期与同比" in page, "no dashboard"
    latest = table_cells(driver, "latest")
    assert any("2.99" in " ".join(cells) for cells in latest.values()), f"no 2.99% in {latest}"
    assert len(driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")) >= 4, "charts missing"
    assert "系统计算" in page and "录入或导入" in page, "the page does not say what is computed"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/statistics-dashboard.png")


def each_role_sees_its_todo(driver):
    expected = {
        "admin@jinan": ["政策咨询待答复", "网格事件待受理、派遣或处置", "积分申报待审核"],
        "staff@jinan": ["政策咨询待答复", "政策申报待审核"],
        "grid@jinan": ["网格事件待受理、派遣或处置", "网格事件待核查、结案"],
        "invest@zhaoqing": ["招商项目难点堵点待解决"],
        "enterprise@foshan": ["申报被退回，待补正材料"],
        "resident@jinan": ["我的积分申报（审核中）"],
    }
    for user, lines in expected.items():
        login(driver, user, PASSWORD)
        driver.get(BASE + "/")
        assert "我的待办" in driver.page_source, f"{user}: no to-do list"
        table = driver.find_element(By.CSS_SELECTOR, "table.todo")
        rows = {r.find_element(By.TAG_NAME, "th").text.strip(): r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
        for line in lines:
            assert line in rows, f"{user}: no line {line} in {list(rows)}"
            count = rows[line].find_elements(By.TAG_NAME, "td")[0].text.strip()
            assert count.isdigit(), f"{user}: {line} count {count!r}"
        # The first line's link opens its list.
        first = table.find_element(By.CSS_SELECTOR, "tbody tr th a")
        click_and_wait(driver, first)
        assert "出错" not in driver.title and "没有权限" not in driver.page_source, f"{user}: link fails"
        if SHOTS and user == "grid@jinan":
            driver.get(BASE + "/")
            driver.save_screenshot(f"{SHOTS}/statistics-todo-grid.png")


TABLE = """维度编号,维度名称,维度权重,指标编号,指标名称,单位,指标权重,方向
innovation,创新能力和创业活跃度,20,rd,研发投入强度,%,100,正向
structure,结构优化和产业价值链,20,hightech,高企占比,%,100,正向
green,绿色发展和宜居包容性,15,energy,单位能耗,吨/万元,100,逆向
open,开放创新和国际竞争力,15,export,出口占比,%,100,正向
quality,综合质效和持续创新力,{q},revenue,人均营收,万元,100,正向
"""
UNITS = "单位编号,单位名称\nja,嘉兴甲综合体\njb,嘉兴乙综合体\njc,嘉兴丙综合体\njd,嘉兴丁综合体\nje,嘉兴戊综合体\n"


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def evaluation_ranks_and_grades(driver, folder):
    login(driver, "admin@xiangtan", PASSWORD)
    driver.get(BASE + "/m/statistics/evaluations")
    # Weights adding up to 95%: refused with the sum, nothing saved.
    driver.find_element(By.ID, "name").send_keys("综合体评价（浏览器）")
    driver.find_element(By.ID, "table").send_keys(write(folder, "bad.csv", TABLE.format(q=25)))
    driver.find_element(By.ID, "units").send_keys(write(folder, "units.csv", UNITS))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='检查并保存']"))
    assert "各维度权重之和为 95%，应为 100%" in driver.page_source, "95% weights not refused"
    driver.find_element(By.ID, "name").clear()
    driver.find_element(By.ID, "name").send_keys("综合体评价（浏览器）")
    driver.find_element(By.ID, "table").send_keys(write(folder, "table.csv", TABLE.format(q=30)))
    driver.find_element(By.ID, "units").send_keys(os.path.join(folder, "units.csv"))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='检查并保存']"))
    assert "嘉兴戊综合体" in driver.page_source, "scheme not saved"
    values = "单位编号,指标编号,数值\n" + "\n".join(
        f"{u},{code},{v}"
        for u, vs in [("ja", [5, 40, .2, 30, 300]), ("jb", [4, 35, .3, 25, 250]), ("jc", [3, 30, .4, 20, 200]),
                      ("jd", [2, 25, .5, 15, 150]), ("je", [1, 20, .6, 10, 100])]
        for code, v in zip(["rd", "hightech", "energy", "export", "revenue"], vs))
    driver.find_element(By.ID, "period").send_keys("2025")
    Select(driver.find_element(By.ID, "rule")).select_by_value("share")
    driver.find_element(By.ID, "excellent").clear()
    driver.find_element(By.ID, "excellent").send_keys("20")
    driver.find_element(By.ID, "good").clear()
    driver.find_element(By.ID, "good").send_keys("40")
    driver.find_element(By.ID, "values").send_keys(write(folder, "values.csv", values))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='检查并计算']"))
    rows = driver.find_elements(By.CSS_SELECTOR, "table[data-table='evaluation'] tbody tr")
    assert len(rows) == 5, f"{len(rows)} result rows"
    first, last = rows[0].text, rows[-1].text
    assert "嘉兴甲综合体" in first and "优" in first and "100.00" in first, first
    assert "嘉兴戊综合体" in last and "差" in last, last
    assert "人均营收（+" in first, "no explanation"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/statistics-evaluation.png")
    status, headers, body = fetch(driver, driver.find_element(By.LINK_TEXT, "导出结果（CSV）").get_attribute("href").replace(BASE, ""))
    assert status == 200 and body.startswith(b"\xef\xbb\xbf"), "results CSV without BOM"
    assert "嘉兴甲综合体,1,100.00,优" in body.decode("utf-8-sig"), body[:200]


def downloads_open_with_the_same_numbers(driver):
    import openpyxl
    login(driver, "admin@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/statistics/dashboard")
    funnel = table_cells(driver, "funnel")
    status, headers, body = fetch(driver, "/m/statistics/dashboard.csv?table=funnel")
    assert status == 200 and body.startswith(b"\xef\xbb\xbf"), "CSV without BOM"
    text = body.decode("utf-8-sig")
    assert f"在谈,{funnel['在谈'][0]},{funnel['在谈'][1]}" in text, text[:300]
    status, headers, body = fetch(driver, "/m/statistics/dashboard.xlsx")
    assert status == 200 and "spreadsheetml" in headers.get("Content-Type", ""), headers
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = next(s for s in book.worksheets if s["A1"].value == "招商项目漏斗（按阶段，个）")
    found = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    for stage, cells in funnel.items():
        if cells[0] == "—":
            continue
        assert found[stage][0] == float(cells[0]), f"{stage}: xlsx {found[stage]} vs page {cells}"
        assert isinstance(found[stage][0], (int, float)), "numbers are not numbers in the workbook"
    assert len(book.worksheets) >= 6, f"{len(book.worksheets)} sheets"


def own_dashboards_from_the_home_page(driver):
    import urllib.error
    for user, link, heading in [
        ("invest@foshan", "链长看板", "本链招商项目漏斗与投资"),
        ("staff@shenyang", "部门工作看板", "本部门办件按状态"),
        ("enterprise@xiangtan", "企业数据看板", "本企业经营数据（同比）"),
    ]:
        login(driver, user, PASSWORD)
        driver.get(BASE + "/")
        anchor = driver.find_element(By.PARTIAL_LINK_TEXT, link)
        href = anchor.get_attribute("href")
        click_and_wait(driver, anchor)
        page = driver.page_source
        assert heading in page, f"{user}: no {heading}"
        assert driver.find_elements(By.CSS_SELECTOR, "figure.chart svg"), f"{user}: no chart"
        assert driver.find_elements(By.CSS_SELECTOR, "table caption"), f"{user}: no table"
        csv_link = driver.find_element(By.PARTIAL_LINK_TEXT, "导出此表（CSV）").get_attribute("href")
        status, _, body = fetch(driver, csv_link.replace(BASE, ""))
        assert status == 200 and body.startswith(b"\xef\xbb\xbf"), f"{user}: CSV without BOM"
        status, headers, _ = fetch(driver, href.replace(BASE, "") + ".xlsx")
        assert "spreadsheetml" in headers.get("Content-Type", ""), headers
        if SHOTS:
            driver.save_screenshot(f"{SHOTS}/statistics-own-{link}.png")
    # An enterprise reading another enterprise's dashboard: not found.
    own = int(href.rstrip("/").split("/")[-2])
    try:
        fetch(driver, f"/m/statistics/enterprises/{own + 1}/dashboard")
        raise AssertionError("another enterprise's dashboard was shown")
    except urllib.error.HTTPError as e:
        assert e.code == 404, e.code


def lists_export_csv(driver):
    login(driver, "admin@jinan", PASSWORD)
    for path, header in [
        ("/m/governance/events", "编号,事件,类别,网格"),
        ("/m/policies/applications", "编号,企业,条款,政策"),
        ("/m/policies/ledger", "政策名称,文号,发布部门"),
    ]:
        driver.get(BASE + path)
        link = driver.find_element(By.PARTIAL_LINK_TEXT, "导出 CSV").get_attribute("href")
        status, _, body = fetch(driver, link.replace(BASE, ""))
        assert status == 200 and body.startswith(b"\xef\xbb\xbf"), f"{path}: no BOM"
        assert body.decode("utf-8-sig").startswith(header), body[:120]


def main():
    driver = browser()
    folder = tempfile.mkdtemp(prefix="gaoxin-statistics-")
    try:
        check("the dashboard shows the seed figures with 同比 as charts and tables", dashboard_shows_seed_figures, driver)
        check("each demo role sees its to-do list, counted and linked", each_role_sees_its_todo, driver)
        check("an evaluation loaded from files ranks units and grades them", lambda d: evaluation_ranks_and_grades(d, folder), driver)
        check("the CSV and xlsx downloads hold the page's numbers", downloads_open_with_the_same_numbers, driver)
        check("a chain leader, a department and an enterprise open their own dashboards", own_dashboards_from_the_home_page, driver)
        check("list pages export every row as CSV with a BOM", lists_export_csv, driver)
    finally:
        driver.quit()
    check.finish()


if __name__ == "__main__":
    main()
