import GaoxinCore
import Testing

@Suite("JSON writer and number text")
struct JSONWriterTests {
    @Test(
        "numbers print as JavaScript prints them",
        arguments: [
            (1.0, "1"), (-0.0, "0"), (0.5, "0.5"), (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"),
            (1e20, "100000000000000000000"), (Double("123456789012345680000")!, "123456789012345680000"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"), (-1.5e300, "-1.5e+300"), (Double.leastNonzeroMagnitude, "5e-324"),
            (Double("9007199254740993")!, "9007199254740992"),
            (Double.nan, "NaN"), (-Double.infinity, "-Infinity"),
        ])
    func javaScriptNumbers(_ x: Double, _ text: String) {
        #expect(NumberText.javaScript(x) == text)
    }

    @Test(
        "floats print as Python's repr prints them",
        arguments: [
            (1.0, "1.0"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
            (123.456, "123.456"), (-0.0, "-0.0"), (1.5e-7, "1.5e-07"), (1e22, "1e+22"), (2.5e100, "2.5e+100"),
        ])
    func pythonNumbers(_ x: Double, _ text: String) {
        #expect(NumberText.python(x) == text)
    }

    @Test("non-finite numbers become null, as JSON.stringify writes them")
    func nonFinite() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).jsonString() == "[null,null]")
    }

    @Test("strings escape only what JSON requires; Chinese stays readable")
    func stringEscapes() {
        let v: JSONValue = ["k\"": "高新\n\t\u{1}\\/"]
        #expect(v.jsonString() == #"{"k\"":"高新\n\t\u0001\\/"}"#)
    }

    @Test("pretty and sorted output")
    func prettySorted() {
        let v: JSONValue = ["b": [1, 2], "a": [:]]
        #expect(v.jsonString(pretty: true, sortedKeys: true) == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ]\n}")
    }

    @Test("what is written parses back to the same value")
    func roundTrip() throws {
        let v: JSONValue = ["id": "E0000001", "revenue": 615653105, "ratio": 0.031, "certs": ["高新技术企业"], "x": nil]
        #expect(try JSONParser.parse(v.jsonString()) == v)
    }

    @Test("objects compare equal regardless of member order")
    func objectEquality() {
        let a: JSONValue = ["a": 1, "b": 2]
        let b: JSONValue = ["b": 2, "a": 1]
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }
}
