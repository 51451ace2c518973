import GaoxinCore

/// "2026-03-20 09:30" → a moment in China time.
func moment(_ text: String) -> LocalMoment {
    let parts = text.split(separator: " ")
    let hm = parts[1].split(separator: ":")
    return LocalMoment(day: Day(parts[0])!, hour: Int(hm[0])!, minute: Int(hm[1])!)!
}

func day(_ text: String) -> Day { Day(text)! }

/// A 济南-style list: two positive items (one capped at 10 a month) and two negative ones.
func communityLedger() throws -> PointsLedger {
    try PointsLedger(items: [
        PointsItem(
            id: "volunteer", name: "志愿服务", category: "志愿服务", points: 2, cap: PointsCap(maxPoints: 10, per: .month)),
        PointsItem(id: "cleanup", name: "人居环境整治", category: "人居环境", points: 3),
        PointsItem(id: "litter", name: "乱扔垃圾", category: "人居环境", points: -2, cap: PointsCap(maxPoints: 4, per: .month)),
        PointsItem(id: "uncivil", name: "不文明行为", category: "文明新风", points: -5),
    ])
}
