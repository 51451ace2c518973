import GaoxinCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("a nested document keeps its structure and key order")
    func nestedDocument() throws {
        let v = try JSONParser.parse(#" {"b": [1, true, null, "x"], "a": {"c": -2.5e3}} "#)
        #expect(v == ["b": [1, true, nil, "x"], "a": ["c": -2500]])
        #expect(v.objectValue?.keys == ["b", "a"])
        #expect(v.jsonString() == #"{"b":[1,true,null,"x"],"a":{"c":-2500}}"#)
    }

    @Test(
        "numbers convert exactly as the standard library would",
        arguments: [
            "0.1", "1e-7", "123456789012345678901234567890", "2.2250738585072014e-308", "9007199254740993",
            "0.30000000000000004", "1.7976931348623157e308", "4.9e-324", "-0", "100", "1E+2", "0.000123",
        ])
    func numbersRoundCorrectly(_ text: String) throws {
        let parsed = try JSONParser.parse(text).numberValue
        #expect(parsed == Double(text))
        #expect(parsed?.sign == Double(text)?.sign)
    }

    @Test("escapes, surrogate pairs and raw Chinese text decode to the same string")
    func escapes() throws {
        let v = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t", "\u9ad8\u65b0", "高新", "\ud83d\ude00", "\ud800x"]"#)
        #expect(v == ["\"\\/\u{8}\u{c}\n\r\t", "高新", "高新", "😀", "\u{FFFD}x"])
    }

    @Test("a repeated key keeps the last value in the first position")
    func duplicateKeys() throws {
        let v = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(v.objectValue?.keys == ["a", "b"])
        #expect(v["a"] == 3)
    }

    @Test("a byte-order mark is tolerated")
    func byteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test("large objects are still looked up by key")
    func largeObject() throws {
        let text = "{" + (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        let v = try JSONParser.parse(text)
        #expect(v["k0"] == 0)
        #expect(v["k99"] == 99)
        #expect(v["k100"] == nil)
    }

    @Test(
        "invalid JSON is refused with its line, column and a Chinese reason",
        arguments: [
            ("[1, 2,]", 1, 7, "这里应为一个 JSON 值"),
            ("{\"a\": 1,\n \"b\" 2}", 2, 6, "之后缺少 ‘:’"),
            ("[01]", 1, 3, "数字不能以 0 开头"),
            ("\"abc", 1, 5, "字符串没有结束"),
            ("[1] 2", 1, 5, "多余的内容"),
            ("", 1, 1, "内容为空"),
            ("{\"a\": tru}", 1, 7, "无法识别的字面量"),
            ("[\"a\tb\"]", 1, 4, "未转义的控制字符"),
            ("[1.]", 1, 4, "小数点之后应有数字"),
            ("[\"中文\", x]", 1, 8, "这里应为一个 JSON 值，却是“x”"),
        ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let e = error as? JSONParseError else { return false }
            return e.line == line && e.column == column && e.reason.contains(reason)
                && e.description.hasPrefix("第 \(line) 行第 \(column) 列：")
        }
    }

    @Test("nesting deeper than the limit is refused instead of overflowing the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
    }
}
