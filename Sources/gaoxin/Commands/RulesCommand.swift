import ArgumentParser
import Foundation
import GaoxinCore

/// `gaoxin rules …`: tools for JSONLogic rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "JSONLogic 规则工具。",
        subcommands: [Eval.self]
    )

    /// `gaoxin rules eval`: one `{"rule": …, "data": …}` per stdin line → one `{"result": …}` or
    /// `{"error": "…"}` per line on stdout, in input order; a bad line does not stop the rest.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "逐行求值：标准输入每行一个 {\"rule\": …, \"data\": …}，每行输出 {\"result\": …} 或 {\"error\": \"…\"}。",
            discussion: "空行被跳过；log 运算的输出写到标准错误。数字按 JavaScript 的写法输出（整数不带 .0）。"
        )

        func run() throws {
            var evaluator = LineEvaluator()
            var pending: [UInt8] = []
            var output: [UInt8] = []
            var lineNumber = 0
            let chunkSize = 1 << 16
            var chunk = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, chunkSize) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RulesEvalFailure("读取标准输入失败（errno \(errno)）")
                }
                if n == 0 { break }
                pending.append(contentsOf: chunk[0..<n])
                var start = 0
                while let newline = pending[start...].firstIndex(of: 0x0A) {
                    lineNumber += 1
                    evaluator.evaluate(line: pending[start..<newline], number: lineNumber, into: &output)
                    start = newline + 1
                }
                pending.removeFirst(start)
                // Flush before the next read may block, so a caller feeding one line at a time gets its answer.
                try writeAll(&output)
            }
            if !pending.isEmpty {
                lineNumber += 1
                evaluator.evaluate(line: pending[...], number: lineNumber, into: &output)
            }
            try writeAll(&output)
        }

        private func writeAll(_ bytes: inout [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes {
                    write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RulesEvalFailure("写入标准输出失败（errno \(errno)）")
                }
                offset += written
            }
            bytes.removeAll(keepingCapacity: true)
        }
    }
}

/// Evaluates one input line; keeps recently compiled rules, since a stream often repeats its rules.
private struct LineEvaluator {
    private var compiled: [String: JSONLogicRule] = [:]

    mutating func evaluate(line: ArraySlice<UInt8>, number: Int, into out: inout [UInt8]) {
        let body = line.last == 0x0D ? line.dropLast() : line
        guard body.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        let response: JSONValue
        do {
            response = ["result": try result(of: body, number: number)]
        } catch {
            response = ["error": .string(error.description)]
        }
        JSONWriter().write(response, into: &out)
        out.append(0x0A)
    }

    private mutating func result(of body: ArraySlice<UInt8>, number: Int) throws(RulesEvalFailure) -> JSONValue {
        let parsed: Result<JSONValue, JSONParseError> = body.withUnsafeBytes { bytes in
            Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(bytes) }
        }
        let input: JSONValue
        switch parsed {
        case .success(let value): input = value
        case .failure(let error): throw RulesEvalFailure("第 \(number) 行第 \(error.column) 列不是有效的 JSON：\(error.reason)")
        }
        guard case .object(let object) = input else {
            throw RulesEvalFailure("第 \(number) 行应为 JSON 对象 {\"rule\": …, \"data\": …}，实际是\(input.typeName)")
        }
        guard let ruleJSON = object["rule"] else { throw RulesEvalFailure("第 \(number) 行缺少 rule 字段") }
        let key = ruleJSON.jsonString()
        let rule: JSONLogicRule
        if let known = compiled[key] {
            rule = known
        } else {
            do {
                rule = try JSONLogicRule(ruleJSON)
            } catch {
                throw RulesEvalFailure("第 \(number) 行：\(error.description)")
            }
            if compiled.count >= 1024 { compiled.removeAll(keepingCapacity: true) }
            compiled[key] = rule
        }
        return rule.evaluate(object["data"] ?? .null) { logged in
            FileHandle.standardError.write(Data("log: \(logged.jsonString())\n".utf8))
        }
    }
}

private struct RulesEvalFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
