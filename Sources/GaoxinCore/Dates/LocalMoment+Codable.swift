/// Stored as "YYYY-MM-DD HH:MM" China time, readable in the database and in JSON. It lives beside
/// `LocalMoment` so that every engine (calendar deadlines, the points ledger) writes moments alike.
extension LocalMoment: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: " ")
        let clock = parts.count == 2 ? parts[1].split(separator: ":") : []
        guard parts.count == 2, let day = Day(parts[0]), clock.count == 2, clock[0].count == 2, clock[1].count == 2,
            let hour = Int(clock[0]), let minute = Int(clock[1]),
            let moment = LocalMoment(day: day, hour: hour, minute: minute)
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "不是有效时刻（YYYY-MM-DD HH:MM）：\(text)"))
        }
        self = moment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
