/// Figures that cannot be true: an enterprise's yearly figures for a year before it was founded.
/// The import does not refuse them (the founding date may be the wrong one); it warns, line by line.
public enum ImpossibleHistory {
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let name: String
        public let foundedOn: Day?
        /// The year of the figures; 0 when the row has no year block.
        public let year: Int

        public init(line: Int, name: String, foundedOn: Day?, year: Int) {
            self.line = line
            self.name = name
            self.foundedOn = foundedOn
            self.year = year
        }
    }

    public struct Warning: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    public static func warnings(_ rows: [Row]) -> [Warning] {
        rows.compactMap { row in
            guard let founded = row.foundedOn, row.year > 0, row.year < founded.year else { return nil }
            return Warning(
                line: row.line,
                message: "\(row.name)：有 \(row.year) 年的数据，但成立日期是 \(founded)，早于成立的年份不可能有数据，请核对成立日期或年度")
        }
    }
}
