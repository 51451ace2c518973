// `LocalMoment` is not Codable (Dates/ is not ours to change), so the ledger's stored values
// write moments as their description, "YYYY-MM-DD HH:MM" in China time, through these two helpers.

extension KeyedEncodingContainer {
    mutating func encodeMoment(_ moment: LocalMoment, forKey key: Key) throws {
        try encode(moment.description, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeMoment(forKey key: Key) throws -> LocalMoment {
        let text = try decode(String.self, forKey: key)
        let parts = text.split(separator: " ")
        if parts.count == 2, let day = Day(parts[0]) {
            let hm = parts[1].split(separator: ":")
            if hm.count == 2, hm[0].count == 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]),
                let moment = LocalMoment(day: day, hour: h, minute: m)
            {
                return moment
            }
        }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: self, debugDescription: "不是有效时间（YYYY-MM-DD HH:MM）：\(text)")
    }
}
