"""Browser check of 基层治理 (issue 5) as new users do it with the 济南 demo, in Chromium without any
JavaScript of ours: a resident reports an event from a phone-sized page with a photo and a location,
the grid worker takes it through 受理立案 → 派遣 → 处置 → 核查 → 结案 and the resident rates it; the
map coloured by overdue events shows grids with overdue events; a points declaration dated in a
published month is confirmed in the weekly review and the published month's public board does not
change; and an issue raised online becomes a topic, goes to a meeting, is decided by a vote, its
action is finished and published, and the public page shows the decision.
Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_governance.py http://127.0.0.1:PORT [screenshot-dir]"""
import os
import re
import struct
import sys
import tempfile
import time
import zlib
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("governance")
RUN = time.strftime("%H%M%S")  # tells this run's records from the demo's and from earlier runs
PUBLISHED_MONTH = "2026-10"  # the demo publishes 2026-09 and 2026-10
state = {}  # what one check leaves for the next: the event's address


def shot(driver, name):
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/{name}.png")


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def flash(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".flash")
    return found[0].text if found else ""


def errors(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".form-errors, p.error")
    return " / ".join(e.text for e in found)


def button(driver, text):
    return driver.find_element(By.XPATH, f"//main//button[normalize-space()='{text}']")


def tick(driver, checkbox):
    """Checks a checkbox or radio the way a user does: on the box, or on its label if the box is styled away."""
    if checkbox.is_selected():
        return
    try:
        checkbox.click()
    except Exception:
        driver.find_element(By.CSS_SELECTOR, f"label[for='{checkbox.get_attribute('id')}']").click()
    assert checkbox.is_selected(), f"could not tick {checkbox.get_attribute('id')}"


def set_date(driver, element, value):
    """A date field's typed format depends on the browser's locale; set the ISO value the form sends."""
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def png_file(name):
    """A small valid PNG (8x8, solid colour) in the temp folder, like a phone photo would be."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xd0\x60\x20" * 8 for _ in range(8))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    path = os.path.join(tempfile.gettempdir(), name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def public_text(driver, path):
    driver.delete_all_cookies()
    driver.get(BASE + path)
    assert "/login" not in driver.current_url, f"{path} asked for a login"
    return main_text(driver)


# 1. A resident reports an event from a phone.

def point_in_grid_workers_grid(driver):
    """A location inside one of grid@jinan's grids, read off an event of that grid as the grid worker sees it."""
    login(driver, "grid@jinan", PASSWORD)
    driver.get(BASE + "/m/governance/events")
    grids = [o for o in Select(driver.find_element(By.ID, "grid")).options if o.get_attribute("value")]
    assert grids, "the grid worker's event list offers none of their grids"
    for grid in grids:
        value, label = grid.get_attribute("value"), grid.text
        driver.get(BASE + f"/m/governance/events?grid={value}")
        links = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr a[href*='/m/governance/events/']")
        if not links:
            continue
        click_and_wait(driver, links[0])
        where = re.search(r"纬度 (-?[\d.]+)，经度 (-?[\d.]+)", main_text(driver))
        assert where, "the event page shows no latitude and longitude"
        return where.group(1), where.group(2), label
    raise AssertionError("no event in any of the grid worker's grids to take a location from")


def resident_reports_on_phone(driver):
    latitude, longitude, grid = point_in_grid_workers_grid(driver)
    driver.set_window_size(390, 844)
    try:
        login(driver, "resident@jinan", PASSWORD)
        driver.get(BASE + "/m/governance")
        click_and_wait(driver, driver.find_element(By.LINK_TEXT, "上报事件"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "上报事件", "the link did not open the report form"
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the report form is wider ({width}px) than the phone (390px)"
        driver.find_element(By.CSS_SELECTOR, "input[name=category][value=hazard]").click()
        description = f"浏览器测试{RUN}：楼道灭火器过期，压力表指针在红区。"
        driver.find_element(By.ID, "description").send_keys(description)
        driver.find_element(By.ID, "photo").send_keys(png_file(f"gaoxin-event-{RUN}.png"))
        driver.find_element(By.ID, "latitude").send_keys(latitude)
        driver.find_element(By.ID, "longitude").send_keys(longitude)
        driver.find_element(By.ID, "address").send_keys("3号楼2单元楼道")
        shot(driver, "event-report-phone")
        click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='提交上报']"))
        assert re.search(r"/m/governance/events/\d+$", driver.current_url), \
            f"no event page after reporting: {driver.current_url} {errors(driver)}"
        assert "事件已上报" in flash(driver), f"no confirmation: {flash(driver)!r}"
        page = main_text(driver)
        assert description in page, "the description is not on the event page"
        assert "已上报，待受理" in page, "the new event is not 已上报，待受理"
        assert grid.split("（")[0] in page, f"the event did not land in {grid}"
        photo = driver.find_element(By.CSS_SELECTOR, "img.event-photo")
        assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", photo) == 8, "the photo does not show"
        state["event"] = driver.current_url
        shot(driver, "event-reported-phone")
    finally:
        driver.set_window_size(1280, 800)


# 2. The grid worker takes it through every step; the resident rates it.

def take_step(driver, name, note="", assignee=None):
    form = driver.find_element(By.XPATH, f"//main//form[.//button[normalize-space()='{name}']]")
    if assignee:
        select = Select(form.find_element(By.NAME, "assignee"))
        options = [o.text for o in select.options]
        choice = next((o for o in options if assignee(o)), None)
        assert choice, f"no fitting 派遣 target among {options}"
        select.select_by_visible_text(choice)
    if note:
        form.find_element(By.NAME, "note").send_keys(note)
    click_and_wait(driver, form.find_element(By.XPATH, f".//button[normalize-space()='{name}']"))
    assert f"已{name}" in flash(driver), f"{name} was not taken: {flash(driver)!r} {errors(driver)}"


def grid_worker_closes_and_resident_rates(driver):
    event = state.get("event")
    assert event, "no event was reported in the check before"
    login(driver, "grid@jinan", PASSWORD)
    driver.get(event)
    take_step(driver, "受理立案", "已受理，马上到现场。")
    assert "已立案，待派遣" in main_text(driver)
    # The 派遣 goes to the grid's worker with an account (the one signed in), who then does the 处置.
    me = driver.find_element(By.CSS_SELECTOR, "header .who").text
    workers = [o.text for o in Select(driver.find_element(By.ID, "assignee-dispatch")).options if o.text.startswith("网格员：")]
    mine = [w for w in workers if w.removeprefix("网格员：") in me] or (workers if len(workers) == 1 else [])
    assert mine, f"cannot tell which of {workers} is the signed-in grid worker ({me})"
    take_step(driver, "派遣", "由网格员本人处置。", assignee=lambda label: label == mine[0])
    assert "已派遣，处置中" in main_text(driver)
    assert "网格员" in driver.find_element(By.XPATH, "//main//dt[text()='承办']/following-sibling::dd[1]").text
    take_step(driver, "处置完成", "已联系物业更换灭火器 2 具。")
    take_step(driver, "核查通过", "现场核查，灭火器已更换。")
    take_step(driver, "结案")
    page = main_text(driver)
    assert "已结案" in page, "the event is not 已结案"
    for step in ("上报事件", "受理立案", "派遣", "处置完成", "核查通过", "结案"):
        assert step in page, f"the history has no {step}"
    shot(driver, "event-closed")

    login(driver, "resident@jinan", PASSWORD)
    driver.get(event)
    assert "评价办理结果" in main_text(driver), "the reporter is not offered the 好差评 after 结案"
    tick(driver, driver.find_element(By.CSS_SELECTOR, "input[name=level][value=satisfied]"))
    driver.find_element(By.ID, "comment").send_keys("处理及时，谢谢网格员。")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='提交评价']"))
    assert "已评价" in flash(driver), f"the rating was not saved: {flash(driver)!r} {errors(driver)}"
    rating = driver.find_element(By.XPATH, "//main//h2[text()='评价']/following-sibling::p[1]").text
    assert rating == "满意：处理及时，谢谢网格员。", f"the page shows the rating as {rating!r}"
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='提交评价']"), "the event can be rated twice"
    shot(driver, "event-rated")


# 3. Overdue events on the map.

OVERDUE_FILLS = {"#fcbba1", "#fb6a4a", "#a50f15"}


def overdue_on_map(driver):
    login(driver, "admin@jinan", PASSWORD)
    driver.get(BASE + "/m/governance")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "地图"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "按超期事件"))
    assert "by=overdue" in driver.current_url, f"not the overdue map: {driver.current_url}"
    svg = driver.find_element(By.CSS_SELECTOR, "figure.grid-map svg")
    grids = svg.find_elements(By.CSS_SELECTOR, "a")
    assert grids, "the map draws no grid links"
    hrefs = [g.get_dom_attribute("href") for g in grids]
    assert all(re.fullmatch(r"/m/governance/grids/\d+", h or "") for h in hrefs), f"odd grid links: {hrefs[:3]}"
    late = []
    for g in grids:
        title = g.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        fill = g.find_element(By.TAG_NAME, "path").get_dom_attribute("fill")
        count = int(re.search(r"超期事件 (\d+) 件", title).group(1))
        if count:
            assert fill in OVERDUE_FILLS, f"{title} is drawn in {fill}, not an overdue colour"
            late.append((title, g.get_dom_attribute("href")))
        else:
            assert fill not in OVERDUE_FILLS, f"{title} is drawn in an overdue colour"
    assert late, "no grid is coloured as having overdue events"
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    counts = {r.find_element(By.TAG_NAME, "a").get_dom_attribute("href"): int(r.find_elements(By.TAG_NAME, "td")[-1].text) for r in rows}
    for title, href in late:
        assert counts.get(href, 0) > 0, f"the table does not count the overdue events of {title}"
    total = int(re.search(r"合计 (\d+) 件", main_text(driver)).group(1))
    assert total == sum(counts.values()) > 0, f"the total {total} is not the sum of the table {sum(counts.values())}"
    shot(driver, "map-overdue")
    # The grid's link opens its page.
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"main table a[href='{late[0][1]}']"))
    assert "未办结事件" in main_text(driver), "the grid's page did not open from the map"


# 4. Points: declared, confirmed in the weekly review; the published board stays as published.

def live_board(driver):
    """The committee's live 正向激励榜 of the published month, from 积分榜与公布."""
    driver.get(BASE + "/m/governance/points")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "积分榜与公布"))
    Select(driver.find_element(By.ID, "month")).select_by_value(PUBLISHED_MONTH)
    click_and_wait(driver, button(driver, "查看"))
    return driver.find_element(By.XPATH, "//main//h3[text()='正向激励榜']/following-sibling::*[1]").text


def declaration_confirmed_board_unchanged(driver):
    board = f"/public/points/jinan/{PUBLISHED_MONTH}"
    before = public_text(driver, board)
    assert "居民积分榜" in before, f"{board} is not a published board"

    login(driver, "resident@jinan", PASSWORD)
    driver.get(BASE + "/m/governance/points")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "申报积分"))
    items = Select(driver.find_element(By.ID, "item"))
    # An item without a cap, so that the declaration is never refused for the cap however often this runs.
    item = next((o.text for o in items.options if "不设上限" in o.text and "+" in o.text), None)
    assert item, "no positive item without a cap to declare"
    items.select_by_visible_text(item)
    set_date(driver, driver.find_element(By.ID, "day"), f"{PUBLISHED_MONTH}-20")
    evidence = f"浏览器测试{RUN}：参加村里组织的清扫活动，证明人：网格员。"
    driver.find_element(By.ID, "evidence").send_keys(evidence)
    click_and_wait(driver, driver.find_element(By.XPATH, "//main//button[normalize-space()='提交']"))
    number = re.search(r"已提交申报（编号 (\d+)）", flash(driver))
    assert number, f"the declaration was not accepted: {flash(driver)!r} {errors(driver)}"
    entry = number.group(1)
    assert evidence in main_text(driver), "the declaration is not among the resident's records"

    login(driver, "points@jinan", PASSWORD)
    live_before = live_board(driver)
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "每周审核"))
    if not driver.find_elements(By.ID, f"d_{entry}_c"):
        weeks = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main ul a[href*='week=']")]
        for week in weeks:
            driver.get(week)
            if driver.find_elements(By.ID, f"d_{entry}_c"):
                break
    assert driver.find_elements(By.ID, f"d_{entry}_c"), f"declaration {entry} is not in the committee's weekly review"
    tick(driver, driver.find_element(By.ID, f"d_{entry}_c"))
    click_and_wait(driver, button(driver, "保存本周审核结果"))
    assert "已确认 1 条" in flash(driver), f"not confirmed: {flash(driver)!r} {errors(driver)}"
    row = driver.find_element(By.XPATH, f"//main//table//tr[td[1][normalize-space()='{entry}']]")
    assert "已确认" in row.text, f"declaration {entry} does not show as confirmed: {row.text}"
    shot(driver, "points-confirmed")
    # The confirmed points count in that month's live board (so the comparison below means something) …
    assert live_board(driver) != live_before, f"the committee's live board of {PUBLISHED_MONTH} did not take up the confirmed points"

    # … but the published board stays as it was published.
    after = public_text(driver, board)
    assert after == before, f"the published board {PUBLISHED_MONTH} changed after the confirmation"
    shot(driver, "points-public-board")


# 5. Deliberation: an issue raised online becomes a published decision.

def issue_to_published_decision(driver):
    login(driver, "resident@jinan", PASSWORD)
    driver.get(BASE + "/m/governance")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "协商议事"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "提出问题"))
    title = f"浏览器测试{RUN}：村口路灯不亮"
    driver.find_element(By.ID, "title").send_keys(title)
    driver.find_element(By.ID, "description").send_keys("村口到小学一段路灯坏了半个月，孩子晚上放学看不清路，希望尽快修好。")
    click_and_wait(driver, button(driver, "提交"))
    assert re.search(r"/deliberation/issues/\d+$", driver.current_url), f"no issue page: {driver.current_url} {errors(driver)}"
    assert "网上" in main_text(driver), "the issue is not marked as raised online"
    issue = driver.current_url

    login(driver, "admin@jinan", PASSWORD)
    driver.get(issue)
    topic = f"浏览器测试{RUN}：修复村口路灯"
    Select(driver.find_element(By.ID, "topic")).select_by_visible_text("（新建议题）")
    driver.find_element(By.ID, "title").send_keys(topic)
    driver.find_element(By.ID, "notes").send_keys("走访 12 户群众，均支持维修；经测算费用约 3000 元，由村集体经济列支。")
    click_and_wait(driver, button(driver, "列为议题"))
    assert "已列为议题" in flash(driver), f"not made a topic: {flash(driver)!r} {errors(driver)}"
    assert title in main_text(driver), "the topic does not list the issue"

    driver.get(BASE + "/m/governance/deliberation")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "安排阳光议事会"))
    meeting = f"浏览器测试{RUN}：阳光议事会"
    for field, text in (("title", meeting), ("place", "党群服务中心议事室")):
        driver.find_element(By.ID, field).clear()
        driver.find_element(By.ID, field).send_keys(text)
    box = driver.find_element(By.XPATH, f"//main//label[normalize-space()='{topic}']/preceding-sibling::input[@type='checkbox']")
    tick(driver, box)
    people = driver.find_element(By.ID, "participants")
    people.clear()
    people.send_keys("两委成员|张书记\n集体经济组织理事会成员|李理事\n党员群众代表|王代表\n利益相关方|赵村民")
    click_and_wait(driver, button(driver, "安排会议"))
    assert "已安排议事会" in flash(driver), f"the meeting was not scheduled: {flash(driver)!r} {errors(driver)}"
    assert topic in main_text(driver), "the topic is not on the agenda"

    for box in driver.find_elements(By.CSS_SELECTOR, "main input[name=attended]"):
        tick(driver, box)
    click_and_wait(driver, button(driver, "保存到会情况"))
    assert "已登记到会 4 人" in flash(driver), f"attendance not saved: {flash(driver)!r} {errors(driver)}"
    driver.find_element(By.ID, "minutes").send_keys("与会人员一致认为路灯影响群众夜间出行安全，应尽快维修。")
    click_and_wait(driver, button(driver, "保存纪要"))
    assert "已保存会议纪要" in flash(driver), f"minutes not saved: {flash(driver)!r} {errors(driver)}"

    decision = f"由村集体经济列支维修村口至小学路段路灯（{RUN}）。"
    Select(driver.find_element(By.ID, "topic")).select_by_visible_text(topic)
    Select(driver.find_element(By.ID, "kind")).select_by_visible_text("惠民项目")
    driver.find_element(By.ID, "text").send_keys(decision)
    tick(driver, driver.find_element(By.ID, "voted"))
    for field, n in (("votes_for", "3"), ("votes_against", "0"), ("votes_abstain", "1")):
        driver.find_element(By.ID, field).send_keys(n)
    action = f"维修村口路灯{RUN}"
    driver.find_element(By.ID, "action_title").send_keys(action)
    driver.find_element(By.ID, "owner").send_keys("村委会 张书记")
    set_date(driver, driver.find_element(By.ID, "due_on"), "2026-12-31")
    click_and_wait(driver, button(driver, "记录决定"))
    assert "生成落实事项" in flash(driver), f"the decision was not recorded: {flash(driver)!r} {errors(driver)}"
    assert decision in main_text(driver), "the decision is not on the meeting page"
    shot(driver, "deliberation-meeting")

    line = driver.find_element(By.XPATH, f"//main//li[contains(., '{decision}')]")
    click_and_wait(driver, line.find_element(By.LINK_TEXT, "落实情况"))
    assert action in main_text(driver) and "村委会 张书记" in main_text(driver), "the action page has not the action and its owner"
    driver.find_element(By.ID, "progress").send_keys("50")
    driver.find_element(By.ID, "note").send_keys("已采购灯具。")
    click_and_wait(driver, button(driver, "登记"))
    assert "已登记进展" in flash(driver), f"progress not saved: {flash(driver)!r} {errors(driver)}"
    driver.find_element(By.ID, "progress").send_keys("100")
    driver.find_element(By.ID, "note").send_keys("路灯已全部修复并通电。")
    click_and_wait(driver, button(driver, "登记"))
    assert "已完成" in main_text(driver), f"the action is not done at 100%: {errors(driver)}"
    summary = f"村口至小学路段 8 盏路灯已修复（{RUN}）。"
    driver.find_element(By.ID, "summary").send_keys(summary)
    click_and_wait(driver, button(driver, "公开公示"))
    assert "已公开公示" in flash(driver), f"not published: {flash(driver)!r} {errors(driver)}"
    shot(driver, "deliberation-action")

    page = public_text(driver, "/public/deliberation/jinan")
    assert decision in page, "the public page does not show the decision"
    assert summary in page, "the public page does not show the result"
    assert "赞成 3、反对 0、弃权 1，通过" in page, "the public page does not show the vote"
    shot(driver, "deliberation-public")


def main():
    driver = browser()
    try:
        check("resident reports an event with a photo and a location from a phone-sized page", resident_reports_on_phone, driver)
        check("grid worker takes the event through every step to 结案 and the resident rates it", grid_worker_closes_and_resident_rates, driver)
        check("map by overdue events links every grid and colours the grids with overdue events", overdue_on_map, driver)
        check("a declaration is confirmed in the weekly review and the published board does not change", declaration_confirmed_board_unchanged, driver)
        check("an issue raised online becomes a topic, a voted decision, a finished and published action", issue_to_published_decision, driver)
    finally:
        driver.quit()
    check.finish()


if __name__ == "__main__":
    main()
