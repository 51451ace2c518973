import Foundation

/// How pages show moments: "2026-11-25 14:30", China time.
enum DisplayTime {
    static func format(_ seconds: Int64?) -> String {
        guard let seconds else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "zh_CN")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

extension String {
    /// nil for "", so optional columns store NULL rather than empty text.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Optional {
    /// `map` for an async transform (a lookup that needs the database).
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension String {
    /// Without surrounding spaces and line breaks, as the forms read their fields.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
