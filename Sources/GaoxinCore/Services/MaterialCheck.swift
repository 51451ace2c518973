/// One material of a service's list (一套材料), as the check sees it.
public struct MaterialRequirement: Sendable, Hashable {
    public let key: String
    public let name: String
    public let required: Bool
    /// Set when the platform fills it from data it holds (免证办) for this applicant.
    public let filledFrom: MaterialSource?

    public init(key: String, name: String, required: Bool, filledFrom: MaterialSource? = nil) {
        self.key = key
        self.name = name
        self.required = required
        self.filledFrom = filledFrom
    }
}

/// 一次性告知: the check of an application's materials against the list. Everything missing is
/// listed in ONE notice; a later notice may only repeat what the first one listed (nothing that was
/// visible the first time may be asked for later).
public enum MaterialCheck {
    /// Required materials neither submitted nor filled from the platform's data, in list order.
    public static func missing(_ list: [MaterialRequirement], submitted: Set<String>) -> [MaterialRequirement] {
        list.filter { $0.required && $0.filledFrom == nil && !submitted.contains($0.key) }
    }

    /// The problems of a notice the staff want to send: it must name at least one material of the
    /// list, and, when a first notice was sent already, only materials that notice named.
    public static func noticeProblems(
        asking: [String], list: [MaterialRequirement], firstNotice: [String]?
    ) -> [ServiceProblem] {
        let names = Dictionary(list.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        if asking.isEmpty {
            return [.init(field: "materials", message: "补正材料：请勾选需要补正的全部材料，一次告知")]
        }
        var found: [ServiceProblem] = []
        for key in asking where names[key] == nil {
            found.append(.init(field: "materials", message: "补正材料：所选材料不在本事项的材料清单中"))
        }
        if let first = firstNotice {
            let earlier = Set(first)
            let late = asking.filter { !earlier.contains($0) }.compactMap { names[$0] }
            if !late.isEmpty {
                found.append(
                    .init(
                        field: "materials",
                        message: "补正材料：“\(late.joined(separator: "”“"))”在第一次告知时没有列出，按一次性告知制度不得再要求补正"))
            }
        }
        return found
    }
}

/// An upload's limits: what a material file may be, checked by content and size.
public enum MaterialFileLimits {
    public static let maxBytes = 10 * 1024 * 1024
    public static let maxBytesText = "10 MB"
}
