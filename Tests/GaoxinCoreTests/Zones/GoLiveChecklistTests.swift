import GaoxinCore
import Testing

@Suite struct GoLiveChecklistTests {
    @Test func anEmptyZoneHasOnlyTheCriteriaDone() {
        let lines = GoLiveChecklist.lines(.init())
        #expect(lines.filter { $0.done }.map { $0.item } == [.criteria])
        #expect(lines.count == GoLiveChecklist.Item.allCases.count)
        #expect(lines.first { $0.item == .parks }?.detail.contains("还没有") == true)
        #expect(GoLiveChecklist.progress(lines) == (1, lines.count))
    }

    @Test func aGridWithoutWorkersKeepsTheWorkersLineOpen() {
        var c = GoLiveChecklist.Counts()
        c.grids = 3
        c.gridsWithWorkers = 2
        var line = GoLiveChecklist.lines(c).first { $0.item == .gridWorkers }
        #expect(line?.done == false)
        #expect(line?.detail == "3 个网格中 2 个已有网格员，1 个无人负责")
        c.gridsWithWorkers = 3
        line = GoLiveChecklist.lines(c).first { $0.item == .gridWorkers }
        #expect(line?.done == true)
    }

    @Test func aFullySetUpZoneIsComplete() {
        var c = GoLiveChecklist.Counts()
        (c.parks, c.departments, c.spokespersons, c.policiesInForce) = (2, 5, 3, 4)
        (c.grids, c.gridsWithWorkers, c.open311Keys, c.enterprises, c.criteriaOverrides) = (1, 1, 1, 10, 1)
        for role in [Role.zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker, .enterpriseUser, .resident] {
            c.users[role] = 1
        }
        let lines = GoLiveChecklist.lines(c)
        #expect(lines.allSatisfy { $0.done })
        #expect(lines.first { $0.item == .criteria }?.detail.hasPrefix("1 项使用本园区版本") == true)
        #expect(lines.first { $0.item == .usersResident }?.title == "用户：居民")
    }
}
