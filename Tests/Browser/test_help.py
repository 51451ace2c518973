"""助企 and 共享法庭 (#14) in Chromium as users do it on the demo: an enterprise files a demand that the
zone admin routes, the department answers, the enterprise confirms and rates; a cadre logs a visit
that raises a demand and the totals move; a 楼委会 resource meets a member's need; a mediation case
goes from filing to a printed agreement confirmed by both parties within its working day.
Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_help.py http://127.0.0.1:PORT [screenshot-dir]"""
import datetime
import re
import sys
import time
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("help")


def total(driver, cell):
    driver.get(BASE + "/m/enterprise-help")
    return int(re.match(r"\d+", driver.find_element(By.ID, cell).text).group(0))


def step(driver, name, note=None, department=None):
    form = driver.find_element(By.XPATH, f"//form[.//legend[text()='{name}']]")
    if department:
        Select(form.find_element(By.NAME, "department")).select_by_visible_text(department)
    if note:
        form.find_element(By.NAME, "note").send_keys(note)
    click_and_wait(driver, form.find_element(By.XPATH, f".//button[text()='{name}']"))


def demand_closed_loop(driver):
    login(driver, "admin@shenyang", PASSWORD)
    solved = total(driver, "total-solved")
    raised = total(driver, "total-raised")
    login(driver, "enterprise@shenyang", PASSWORD)
    driver.get(BASE + "/m/enterprise-help")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "提出诉求"))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='提交诉求']"))
    assert "诉求类别：请在" in driver.page_source, "an empty demand was not refused"
    Select(driver.find_element(By.ID, "category")).select_by_visible_text("融资")
    text = f"浏览器测试：设备更新贷款 300 万元（{int(time.time())}）"
    driver.find_element(By.ID, "demand_text").send_keys(text)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='提交诉求']"))
    assert "待分办" in driver.page_source, "the demand did not open"
    demand = driver.current_url

    # The department the demo staff works in: read from the staff user's demand list.
    login(driver, "admin@shenyang", PASSWORD)
    driver.get(demand)
    form = driver.find_element(By.XPATH, "//form[.//legend[text()='分办']]")
    options = [o.text for o in Select(form.find_element(By.NAME, "department")).options]
    assert "科技局" in options, f"科技局 is not offered: {options}"
    step(driver, "分办", department="科技局")
    assert "办理中" in driver.page_source, "routing did not move the demand"

    login(driver, "staff@shenyang", PASSWORD)
    driver.get(demand)
    driver.find_element(By.ID, "progress").send_keys("已联系合作银行客户经理")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='记录进展']"))
    step(driver, "答复", note="合作银行已受理，两周内放款。")
    assert "已答复待确认" in driver.page_source, "the answer did not go through"

    login(driver, "enterprise@shenyang", PASSWORD)
    driver.get(demand)
    page = driver.page_source
    assert "已联系合作银行客户经理" in page and "两周内放款" in page, "the enterprise does not see progress and answer"
    step(driver, "确认解决")
    assert "已解决" in driver.page_source, "the confirmation did not close the demand"
    driver.find_element(By.XPATH, "//input[@name='level'][@value='very_satisfied']").click()
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='提交评价']"))
    assert "非常满意" in driver.page_source, "the rating is not shown"
    assert not driver.find_elements(By.XPATH, "//button[text()='提交评价']"), "a second rating is offered"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/help-demand.png")

    login(driver, "admin@shenyang", PASSWORD)
    assert total(driver, "total-solved") == solved + 1, "the solved total did not move"
    assert total(driver, "total-raised") == raised + 1, "the raised total did not move"


def cadre_visit_raises_demand(driver):
    login(driver, "staff@shenyang", PASSWORD)
    visited = total(driver, "total-visited")
    raised = total(driver, "total-raised")
    driver.get(BASE + "/m/enterprise-help")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "登记走访"))
    Select(driver.find_element(By.ID, "enterprise")).select_by_index(1)
    driver.find_element(By.ID, "people_met").send_keys("总经理、人事主管")
    driver.find_element(By.ID, "findings").send_keys("订单饱满，熟练焊工缺口大")
    driver.find_element(By.ID, "plan").send_keys("组织专场招聘会")
    Select(driver.find_element(By.ID, "demand_category")).select_by_visible_text("用工")
    driver.find_element(By.ID, "demand_text").send_keys("急需熟练焊工 20 名（浏览器测试）")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='保存走访']"))
    page = driver.page_source
    assert "已登记走访，并提出诉求" in page, "the visit did not raise a demand"
    assert "急需熟练焊工 20 名" in page, "the raised demand is not on the visit"
    assert total(driver, "total-raised") == raised + 1, "the raised total did not move"
    assert total(driver, "total-visited") >= visited, "the visited total went down"


def building_resource_meets_need(driver):
    login(driver, "admin@shenyang", PASSWORD)
    driver.get(BASE + "/m/enterprise-help/buildings")
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "浑南科技大厦"))
    page = driver.page_source
    for heading in ("需求清单", "资源清单", "项目清单", "轮值主席", "建议对接"):
        assert heading in page, f"{heading} missing"
    row = driver.find_element(By.XPATH, "//table[caption[contains(., '匹配建议')]]//tbody/tr[1]")
    need = row.find_element(By.XPATH, "./td[1]").text.split("：", 1)[1]
    click_and_wait(driver, row.find_element(By.XPATH, ".//button[text()='确认对接']"))
    assert "已对接" in driver.page_source and need in driver.page_source, "the match is not recorded"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/help-building.png")


def mediation_to_printed_agreement(driver):
    login(driver, "resident@jinan", PASSWORD)
    driver.get(BASE + "/m/mediation")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "申请调解"))
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text("消费纠纷（消费者与商家）")
    driver.find_element(By.ID, "respondent").send_keys("济南某电器商行")
    driver.find_element(By.ID, "claim").send_keys("浏览器测试：电水壶漏电，请求退款 199 元")
    driver.find_element(By.ID, "amount").send_keys("199")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='提交申请']"))
    assert "待受理" in driver.page_source, "the filing did not open"
    case = driver.current_url

    login(driver, "staff@jinan", PASSWORD)
    driver.get(case)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='受理']"))
    driver.execute_script(
        "arguments[0].value = arguments[1]", driver.find_element(By.ID, "session_at"),
        datetime.date.today().isoformat() + "T15:00")
    driver.find_element(By.ID, "session_link").send_keys("https://court.example.cn/room/test")
    driver.find_element(By.ID, "participants").send_keys("双方当事人、庭务主任")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='安排']"))
    driver.find_element(By.ID, "agreement").send_keys("商家当日退款 199 元，消费者退回商品。")
    driver.find_element(By.ID, "agreement_amount").send_keys("199")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='记录协议']"))
    assert "已达成协议待确认" in driver.page_source, "the agreement was not recorded"
    # The respondent has no account: the 庭务主任 records its confirmation given in the session.
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='确认协议（济南某电器商行）']"))

    login(driver, "resident@jinan", PASSWORD)
    driver.get(case)
    buttons = driver.find_elements(By.XPATH, "//button[starts-with(text(), '确认协议')]")
    assert len(buttons) == 1, "the applicant should confirm only for themself"
    click_and_wait(driver, buttons[0])
    assert "调解成功" in driver.page_source, "both confirmations did not settle the case"
    assert "已在 1 个工作日目标内办结" in driver.page_source, "the working-day target is not shown as met"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "打印调解协议书"))
    page = driver.page_source
    assert "人民调解协议书" in page and "商家当日退款 199 元" in page, "the agreement does not print"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/help-agreement.png")
    # Another resident's case is not theirs to see.
    login(driver, "resident@shenyang", PASSWORD)
    driver.get(case)
    assert "找不到" in driver.page_source or "404" in driver.page_source or "不存在" in driver.page_source, \
        "a stranger sees the case"


def main():
    driver = browser()
    try:
        check("an enterprise's demand is routed, answered, confirmed and rated; the totals move", demand_closed_loop, driver)
        check("a cadre logs a visit that raises a demand", cadre_visit_raises_demand, driver)
        check("a 楼委会 resource meets a member's need", building_resource_meets_need, driver)
        check("a mediation case goes from filing to a printed agreement within its working day",
              mediation_to_printed_agreement, driver)
    finally:
        driver.quit()
    check.finish()


if __name__ == "__main__":
    main()
