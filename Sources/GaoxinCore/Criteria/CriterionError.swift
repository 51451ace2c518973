import Foundation

/// Why a criterion or an innovation-points table was refused: which file, which part, what is wrong.
public struct CriterionError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file name or criterion code, when known.
    public let source: String?
    /// Where in the document, as a path an editor can follow ("conditions[2].rule"); empty for the whole.
    public let part: String
    /// What is wrong, in Chinese, naming the part in words ("条件「rd_ratio」的规则有误：…").
    public let message: String

    public init(source: String? = nil, part: String = "", message: String) {
        self.source = source
        self.part = part
        self.message = message
    }

    public var description: String { source.map { "\($0)：\(message)" } ?? message }
    public var errorDescription: String? { description }

    /// The same complaint attributed to a file (a file name says more than the code inside it).
    func from(_ file: String) -> CriterionError {
        CriterionError(source: file, part: part, message: message)
    }

    /// A decoder's complaint, in Chinese and naming where it is.
    static func decoding(_ error: any Error, source: String?) -> CriterionError {
        if let index = error as? IndexError {
            return CriterionError(source: source, message: index.message)
        }
        guard let error = error as? DecodingError else {
            return CriterionError(source: source, message: "无法读取：\(error.localizedDescription)")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let path = Self.path(context.codingPath)
            let place = path.isEmpty ? "" : "（位于 \(path)）"
            return CriterionError(
                source: source, part: Self.path(context.codingPath + [key]),
                message: "缺少必填项「\(key.stringValue)」\(place)")
        case .typeMismatch(let type, let context):
            let path = Self.path(context.codingPath)
            return CriterionError(source: source, part: path, message: "「\(path)」的类型不对，应为\(Self.typeName(type))")
        case .valueNotFound(let type, let context):
            let path = Self.path(context.codingPath)
            return CriterionError(source: source, part: path, message: "「\(path)」不能为空，应为\(Self.typeName(type))")
        case .dataCorrupted(let context):
            let path = Self.path(context.codingPath)
            // Our own complaints are in Chinese; Foundation's (bad JSON, an unknown enum value) are not.
            let ours = context.debugDescription.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            if !ours {
                if context.codingPath.isEmpty { return CriterionError(source: source, message: "不是有效的 JSON 文件") }
                return CriterionError(source: source, part: path, message: "「\(path)」的取值无效")
            }
            let place = path.isEmpty ? "" : "「\(path)」："
            return CriterionError(source: source, part: path, message: place + context.debugDescription)
        @unknown default:
            return CriterionError(source: source, message: "无法读取文件")
        }
    }

    /// `conditions[2].rule`
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        if type == Double.self || type == Int.self { return "数字" }
        if type == String.self { return "文字" }
        if type == Bool.self { return "true 或 false" }
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.hasPrefix("[") { return "数组" }
        return "对象"
    }
}
