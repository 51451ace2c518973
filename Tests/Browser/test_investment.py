"""招商 (#15) in Chromium as users do it: an officer registers a project in talks, routes a blocker that its department resolves, and walks it through 签约 → 注册 → 开工 → 竣工 → 投产 with the data each stage needs (a signing without an amount is refused and nothing moves), records funds in place; a chain leader reads the chain map with its gaps; the zone admin sees which parks passed 双过半; a department reports its monthly dispatch, the admin records a 督办 with a 约谈, the bulletin ranks departments and prints; a 头脑风暴 idea is adopted and turned into a lead. Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_investment.py http://127.0.0.1:PORT [screenshot-dir]"""
import datetime
import sys
import time
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("investment")


def set_date(driver, element_id, day):
    # A date input takes typed keys in the browser's locale order; setting the value is what a
    # date picker does, and the form is posted without any script of ours.
    element = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].value = arguments[1]", element, day.isoformat())


def move(driver, stage_label, on, **fields):
    Select(driver.find_element(By.ID, "stage")).select_by_visible_text(stage_label)
    set_date(driver, "on", on)
    for field, value in fields.items():
        if field == "enterprise":
            Select(driver.find_element(By.ID, "enterprise")).select_by_index(1)
        else:
            driver.find_element(By.ID, field).clear()
            driver.find_element(By.ID, field).send_keys(value)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='推进']"))


def history_rows(driver):
    table = driver.find_element(By.XPATH, "//h2[text()='阶段记录']/following-sibling::table[1]")
    return [row.text for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def department_of_staff(driver):
    # The department's own list names the department on each line (the demo routes one to it).
    login(driver, "staff@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/investment/blockers")
    cell = driver.find_element(By.CSS_SELECTOR, "main table tbody tr td:nth-child(4)")
    return cell.text.strip()


def route_and_resolve_blocker(driver, project, name):
    """The officer routes a blocker to a department; that department resolves it from its list."""
    department = department_of_staff(driver)
    login(driver, "invest@zhaoqing", PASSWORD)
    driver.get(project)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='转交部门']"))
    assert "请写明难点堵点" in driver.page_source, "a blank blocker was not refused"
    text = f"用地指标未落实（{name[-10:]}）"
    driver.find_element(By.ID, "blocker").send_keys(text)
    Select(driver.find_element(By.ID, "department")).select_by_visible_text(department)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='转交部门']"))
    assert "待协调解决" in driver.page_source and text in driver.page_source, "the blocker is not on the project"
    login(driver, "staff@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/investment/blockers")
    row = driver.find_element(By.XPATH, f"//tr[td[text()='{text}']]")
    row.find_element(By.NAME, "resolution").send_keys("已协调自然资源局落实用地指标")
    click_and_wait(driver, row.find_element(By.XPATH, ".//button[text()='解决']"))
    assert driver.current_url.startswith(project), "resolving did not return to the project"
    page = driver.page_source
    assert "已解决" in page and "已协调自然资源局落实用地指标" in page, "the resolution is not on the project"


def project_through_the_pipeline(driver):
    login(driver, "invest@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/investment")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "招商项目"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "登记招商项目"))
    name = f"浏览器测试储能项目 {int(time.time())}"
    for field, text in (("name", name), ("investor", "东莞某储能企业"), ("origin_province", "广东省"),
                        ("origin_city", "东莞市"), ("planned_investment", "30000")):
        driver.find_element(By.ID, field).send_keys(text)
    Select(driver.find_element(By.ID, "stage")).select_by_visible_text("在谈")
    today = datetime.date.today()
    start = today - datetime.timedelta(days=60)
    set_date(driver, "on", start)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='登记']"))
    assert name in driver.page_source, "the project page did not open after registering"
    assert "当前阶段 在谈" in driver.find_element(By.CSS_SELECTOR, "p.meta").text, "the project is not in talks"

    project = driver.current_url
    route_and_resolve_blocker(driver, project, name)
    login(driver, "invest@zhaoqing", PASSWORD)
    driver.get(project)

    # Signing without the agreed amount is refused on the field, and the project stays in talks.
    move(driver, "签约", start + datetime.timedelta(days=10))
    assert "签约须填写协议投资额" in driver.page_source, "a signing without an amount was not refused"
    assert len(history_rows(driver)) == 1, "a refused move left a stage behind"

    move(driver, "签约", start + datetime.timedelta(days=10), agreed_investment="28000")
    assert "已进入“签约”阶段" in driver.page_source, "the signing did not go through"
    move(driver, "注册", start + datetime.timedelta(days=20), enterprise=True)
    move(driver, "开工", start + datetime.timedelta(days=30))
    move(driver, "竣工", start + datetime.timedelta(days=50))
    move(driver, "投产", start + datetime.timedelta(days=55), note="一期投产")
    rows = history_rows(driver)
    assert [r.split()[0] for r in rows] == ["在谈", "签约", "注册", "开工", "竣工", "投产"], f"history: {rows}"
    assert (start + datetime.timedelta(days=55)).isoformat() in rows[-1], "the 投产 date is not recorded"
    assert "2.8 亿元" in driver.page_source, "the agreed investment is not shown"
    assert not driver.find_elements(By.XPATH, "//button[text()='推进']"), "a producing project can still move"

    month = (start + datetime.timedelta(days=40)).strftime("%Y-%m")
    driver.find_element(By.ID, "month").send_keys(month)
    driver.find_element(By.ID, "funds").send_keys("5000")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='登记']"))
    assert "累计到位 5000 万元" in driver.page_source, "the funds in place are not totalled"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/investment-project.png")


def chain_leader_sees_gaps(driver):
    login(driver, "invest@foshan", PASSWORD)
    driver.get(BASE + "/m/investment")
    mine = driver.find_element(By.XPATH, "//li[contains(., '我牵头的产业链')]/a")
    click_and_wait(driver, mine)
    page = driver.page_source
    assert "链长制“十个一”" in page, "no ten elements"
    boxes = driver.find_elements(By.CSS_SELECTOR, "figure.chain-map svg a")
    assert boxes, "no nodes on the chain map"
    gaps = [b for b in boxes if "缺" in b.text]
    assert gaps, "no gap marked on the chain map"
    assert driver.find_elements(By.XPATH, "//table//td/strong[text()='缺']"), "the table does not mark the gaps"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/investment-chain.png")
    driver.get(BASE + "/m/investment")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "招商地图"))
    provinces = driver.find_elements(By.CSS_SELECTOR, "table.heatmap tbody tr")
    assert provinces and "热度 5" in provinces[0].text, "the origins heat map has no busiest province first"


def admin_sees_double_half(driver):
    login(driver, "admin@foshan", PASSWORD)
    today = datetime.date.today()
    year = today.year if today.month >= 7 else today.year - 1
    driver.get(BASE + f"/m/investment/targets?year={year}")
    page = driver.page_source
    assert "各园区“双过半”" in page, "no 双过半 section at mid-year"
    assert driver.find_elements(By.CSS_SELECTOR, "strong.passed"), "no park passed 双过半"
    login(driver, "admin@baoji", PASSWORD)
    driver.get(BASE + f"/m/investment/targets?year={year}")
    assert "157.6 亿元" in driver.page_source and "55.49%" in driver.page_source, "宝鸡's half year is not 157.6 亿元 / 55.49%"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/investment-targets.png")


def monthly_dispatch_and_bulletin(driver):
    """宝鸡: the department reports its project's month, the admin escalates a late one with a 约谈,
    and the bulletin ranks the departments and prints."""
    login(driver, "staff@baoji", PASSWORD)
    driver.get(BASE + "/m/investment")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "重点项目调度"))
    month = driver.find_element(By.ID, "month").get_attribute("value")
    forms = driver.find_elements(By.XPATH, "//form[.//button[text()='报送']]")
    assert forms, "the department has no project of its own to report on"
    form = forms[0]
    form.find_element(By.NAME, "progress").send_keys("101")
    click_and_wait(driver, form.find_element(By.XPATH, ".//button[text()='报送']"))
    assert "累计形象进度须是 0–100 的整数" in driver.page_source, "a progress of 101% was not refused"
    form = driver.find_elements(By.XPATH, "//form[.//button[text()='报送']]")[0]
    form.find_element(By.NAME, "progress").send_keys("100")
    form.find_element(By.NAME, "invested").send_keys("20000")
    click_and_wait(driver, form.find_element(By.XPATH, ".//button[text()='报送']"))
    assert "的进度。" in driver.page_source and "100%" in driver.page_source, "the report was not saved"

    login(driver, "admin@baoji", PASSWORD)
    driver.get(BASE + f"/m/investment/dispatch?month={month}")
    Select(driver.find_element(By.ID, "item")).select_by_index(0)
    driver.find_element(By.ID, "reason").send_keys("进度滞后序时进度")
    driver.find_element(By.ID, "interviewee").send_keys("浏览器测试约谈对象")
    driver.find_element(By.ID, "outcome").send_keys("限期赶工")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='记录督办']"))
    assert "已记录督办与约谈" in driver.page_source, "the 督办 was not recorded"
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "本月通报"))
    page = driver.page_source
    assert "重点项目调度通报" in page and "责任单位排名" in page, "no bulletin"
    assert "浏览器测试约谈对象" in page, "the 约谈 is not in the bulletin"
    ranks = driver.find_elements(By.XPATH, "//h2[text()='责任单位排名']/following-sibling::table[1]/tbody/tr")
    assert len(ranks) >= 2 and ranks[0].text.startswith("1"), "the departments are not ranked"
    pdf = driver.print_page()
    assert len(pdf) > 1000, "the bulletin does not print"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/investment-bulletin.png")


def idea_becomes_a_lead(driver):
    login(driver, "staff@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/investment/ideas")
    title = f"浏览器测试建议 {int(time.time())}"
    driver.find_element(By.ID, "title").send_keys(title)
    driver.find_element(By.ID, "detail").send_keys("引进储能电池回收企业补链")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='提交建议']"))
    assert "已提交建议" in driver.page_source, "the idea was not submitted"
    login(driver, "invest@zhaoqing", PASSWORD)
    driver.get(BASE + "/m/investment/ideas?status=submitted")
    row = driver.find_element(By.XPATH, f"//tr[th[contains(., '{title}')]]")
    click_and_wait(driver, row.find_element(By.XPATH, ".//button[text()='确定']"))
    driver.get(BASE + "/m/investment/ideas?status=adopted")
    row = driver.find_element(By.XPATH, f"//tr[th[contains(., '{title}')]]")
    click_and_wait(driver, row.find_element(By.LINK_TEXT, "转为招商线索"))
    assert "由头脑风暴建议转为招商线索" in driver.page_source, "the lead form does not carry the idea"
    for field, text in (("investor", "某回收企业"), ("origin_province", "广东省"), ("origin_city", "佛山市"),
                        ("planned_investment", "8000")):
        driver.find_element(By.ID, field).send_keys(text)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='登记']"))
    assert "已登记项目" in driver.page_source, "the lead was not registered"
    driver.get(BASE + "/m/investment/ideas?status=lead")
    assert title in driver.page_source, "the idea is not marked as a lead"


def main():
    driver = browser()
    try:
        check("a project moves from 在谈 to 投产 with dated stages and funds in place", project_through_the_pipeline, driver)
        check("a chain leader sees the chain map with its gaps and the origins heat map", chain_leader_sees_gaps, driver)
        check("at mid-year the targets page shows which parks passed 双过半", admin_sees_double_half, driver)
        check("a month is dispatched, a late project escalated, and the bulletin prints", monthly_dispatch_and_bulletin, driver)
        check("a 头脑风暴 idea is adopted and becomes a lead", idea_becomes_a_lead, driver)
    finally:
        driver.quit()
    check.finish()


if __name__ == "__main__":
    main()
