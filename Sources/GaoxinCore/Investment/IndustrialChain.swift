/// Where a node sits on an industrial chain (产业链上中下游).
public enum ChainSegment: String, CaseIterable, Codable, Sendable {
    case upstream, midstream, downstream

    public var label: String {
        switch self {
        case .upstream: "上游"
        case .midstream: "中游"
        case .downstream: "下游"
        }
    }
}

/// A task on a chain's 任务图表: overdue when its date has passed and it is not done.
public enum ChainTaskStatus: String, Sendable {
    case open, overdue, done

    public init(dueOn: Day, doneOn: Day?, today: Day) {
        if doneOn != nil {
            self = .done
        } else {
            self = dueOn < today ? .overdue : .open
        }
    }

    public var label: String {
        switch self {
        case .open: "进行中"
        case .overdue: "已逾期"
        case .done: "已完成"
        }
    }
}

/// The chain map's layout: one column per segment, nodes stacked in each, sized to the tallest column.
public struct ChainMapLayout: Sendable {
    public struct Box: Sendable, Equatable {
        public let nodeIndex: Int
        public let x: Int
        public let y: Int
    }
    public static let columnWidth = 240
    public static let boxWidth = 200
    public static let boxHeight = 48
    public static let rowHeight = 64
    public static let top = 40

    public let boxes: [Box]
    public let width: Int
    public let height: Int

    /// `segments[i]` is node i's segment.
    public init(segments: [ChainSegment]) {
        var rows: [ChainSegment: Int] = [:]
        var boxes: [Box] = []
        for (i, segment) in segments.enumerated() {
            let column = ChainSegment.allCases.firstIndex(of: segment)!
            let row = rows[segment, default: 0]
            rows[segment] = row + 1
            boxes.append(
                Box(nodeIndex: i, x: 20 + column * Self.columnWidth, y: Self.top + row * Self.rowHeight))
        }
        self.boxes = boxes
        width = 20 + ChainSegment.allCases.count * Self.columnWidth
        height = Self.top + max(1, rows.values.max() ?? 0) * Self.rowHeight + 10
    }
}
