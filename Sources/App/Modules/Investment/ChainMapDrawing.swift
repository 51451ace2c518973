import GaoxinCore

/// The chain map drawn on the server: three columns (上游、中游、下游), one box per node, each a link
/// to its line in the table below; gaps (短板缺项) dashed in red with "缺" in the label. No script.
struct ChainMapDrawing: Sendable {
    struct Column: Sendable {
        let x: Int
        let label: String
    }
    struct Box: Sendable {
        let href: String
        let title: String
        let x: Int
        let y: Int
        let textX: Int
        let textY: Int
        let label: String
        let fill: String
        let stroke: String
        let dash: String
    }
    let width: Int
    let height: Int
    let viewBox: String
    let label: String
    let boxWidth = ChainMapLayout.boxWidth
    let boxHeight = ChainMapLayout.boxHeight
    let columns: [Column]
    let boxes: [Box]

    init(chain: String, nodes: [InvestNodeRow], enterpriseCounts: [Int64: Int]) {
        let layout = ChainMapLayout(segments: nodes.map(\.segmentValue))
        width = layout.width
        height = layout.height
        viewBox = "0 0 \(layout.width) \(layout.height)"
        label = "\(chain)产业链图谱：\(nodes.count) 个环节，其中短板缺项 \(nodes.count(where: \.isGap)) 个"
        columns = ChainSegment.allCases.enumerated().map { i, s in
            Column(x: 20 + i * ChainMapLayout.columnWidth + ChainMapLayout.boxWidth / 2, label: s.label)
        }
        boxes = layout.boxes.map { b in
            let n = nodes[b.nodeIndex]
            let count = enterpriseCounts[n.id] ?? 0
            return Box(
                href: "#node-\(n.id)",
                title: n.isGap
                    ? "\(n.segmentValue.label) \(n.name)：短板缺项，拟引进 \(n.targetCompanies)"
                    : "\(n.segmentValue.label) \(n.name)：本区企业 \(count) 家",
                x: b.x, y: b.y, textX: b.x + ChainMapLayout.boxWidth / 2, textY: b.y + 29,
                label: n.isGap ? "缺 · \(n.name)" : "\(n.name)（\(count)）",
                fill: n.isGap ? "#fff1f0" : "#e8f1fb", stroke: n.isGap ? "#a50f15" : "#2171b5",
                dash: n.isGap ? "6 4" : "none")
        }
    }
}
