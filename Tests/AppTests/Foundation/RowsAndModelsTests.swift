import Mustache
import SQLKit
import Testing

@testable import App

/// The two fast paths every page takes: rows decoded by column name without SQLKit's per-row key
/// conversion, and page models prepared so swift-mustache never reflects them per tag. Both must
/// read exactly what the slow paths read, or a page would silently show blanks.
@Suite struct RowsAndModelsTests {
    /// A row that answers every column and remembers the names it was asked for.
    final class RecordingRow: SQLRow, @unchecked Sendable {
        var asked: [String] = []
        var allColumns: [String] { [] }
        func contains(column: String) -> Bool { true }
        func decodeNil(column: String) throws -> Bool { false }
        func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
            asked.append(column)
            if D.self == Int.self { return 7 as! D }
            if D.self == String.self { return column as! D }
            throw DecodingError.typeMismatch(D.self, .init(codingPath: [], debugDescription: "test"))
        }
    }

    struct Tricky: Decodable, Equatable {
        let id: Int
        let name: String
        let enterpriseId: Int
        let enterpriseID: Int
        let myURLValue: String
        let profileJSON: String
        let caseIDs: String
        let a1b2: Int
        let aBC: Int
        let x: Int
        let optional: String?
    }

    @Test func columnNamesAreSQLKitsSnakeCase() throws {
        let sqlkit = RecordingRow()
        let ours = RecordingRow()
        let viaSQLKit = try sqlkit.decodeColumns(Tricky.self)
        let viaColumns = try ours.decodeColumns(Tricky.self)
        #expect(ours.asked == sqlkit.asked)
        #expect(viaColumns == viaSQLKit)
        #expect(ours.asked.contains("enterprise_id"))
        #expect(ours.asked.contains("profile_jSON"))
    }

    @Test func aMissingColumnIsNamed() async throws {
        struct Missing: Decodable { let enterpriseId: Int }
        struct EmptyRow: SQLRow {
            var allColumns: [String] { [] }
            func contains(column: String) -> Bool { false }
            func decodeNil(column: String) throws -> Bool { true }
            func decode<D: Decodable>(column: String, as: D.Type) throws -> D { throw CancellationError() }
        }
        #expect {
            try EmptyRow().decodeColumns(Missing.self)
        } throws: { error in
            guard case DecodingError.keyNotFound(_, let context) = error else { return false }
            return context.debugDescription.contains("enterprise_id")
        }
    }

    enum Stage: String { case open, closed }
    struct Money: CustomStringConvertible {
        let fen: Int
        var description: String { "\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100) 元" }
    }
    struct Line {
        let title: String
        let note: String?
        let stage: Stage
        let amount: Money
        let done: Bool
    }
    struct Inner { let label: String }
    struct Model {
        let title: String
        let note: String
        let lines: [Line]
        let none: [Line]
        let tags: [String]
        let inner: Inner
        let missing: Inner?
        let count: Int
        let errors: FormErrors
    }

    static let template = """
        <h1>{{title}}</h1>{{#inner}}[{{label}}|{{title}}]{{/inner}}{{inner.label}}
        {{#lines}}<li>{{title}} {{note}} {{stage}} {{amount}} {{#done}}✓{{/done}}{{^done}}…{{/done}}</li>{{/lines}}
        {{^empty(lines)}}有{{count(lines)}}行{{/empty(lines)}}{{#empty(none)}}无{{/empty(none)}}
        {{#tags}}<b>{{.}}</b>{{/tags}}{{^missing}}缺{{/missing}}{{#missing}}不该{{/missing}}{{count}}
        {{#errors.title}}<em>{{errors.title}}</em>{{/errors.title}}
        """

    @Test func aPreparedModelRendersAsThePlainOne() throws {
        let model = Model(
            title: "<兑现>", note: "页面备注",
            lines: [
                Line(title: "一", note: nil, stage: .open, amount: Money(fen: 150), done: true),
                Line(title: "二", note: "有备注", stage: .closed, amount: Money(fen: 1), done: false),
            ],
            none: [], tags: ["甲", "乙"], inner: Inner(label: "内"), missing: nil, count: 3,
            errors: {
                var errors = FormErrors()
                errors.add("title", "请填写标题")
                return errors
            }())
        let template = try MustacheTemplate(string: Self.template)
        let plain = template.render(model)
        let prepared = PreparedModel.prepare(model)
        #expect(prepared is PreparedObject)
        #expect(template.render(prepared as Any) == plain)
        // The nil note of line 一 falls back to the page's note, as swift-mustache's stack lookup does.
        #expect(plain.contains("一 页面备注 open 1.50 元 ✓"))
        #expect(plain.contains("&lt;兑现&gt;"))
        #expect(plain.contains("有2行") && plain.contains("无") && plain.contains("缺"))
        #expect(plain.contains("<em>请填写标题</em>"))
    }

    /// The fields a hand-written `MustacheParent` answers differently from reflection (by name:
    /// the value, nil for nil, the same number of elements for a list): a field left out would
    /// print as a blank.
    static func unanswered(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            guard let label = child.label else { return nil }
            let reflected = Self.unwrapped(PreparedModel.prepare(child.value))
            let answered = Self.unwrapped(value.child(named: label))
            let same =
                switch (reflected, answered) {
                case (nil, nil): true
                case (let r as [Any], let a as [Any]): r.count == a.count
                case (let r?, let a?): String(describing: r) == String(describing: a)
                default: false
                }
            return same ? nil : label
        }
    }

    /// The value inside however many optionals (a `String?` field reflects as one inside `Any`).
    static func unwrapped(_ value: Any?) -> Any? {
        guard let value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return unwrapped(mirror.children.first?.value)
    }

    @Test func handWrittenModelsAnswerEveryField() {
        let condition = AssessmentView.Condition(label: "研发", status: "满足", statusClass: "ok", detail: "占比 5%")
        #expect(Self.unanswered(condition).isEmpty)
        for score in ["80 / 100 分", nil] {
            let view = AssessmentView(
                name: "高新技术企业", verdict: "符合", verdictClass: "ok", summary: "全部满足", score: score,
                conditions: [condition, condition], missing: score == nil ? "缺少数据：研发费用" : nil)
            #expect(Self.unanswered(view).isEmpty)
        }
        #expect(Self.unanswered(EnterpriseShowPage.Fact(label: "营业收入", values: ["1200", "—"])).isEmpty)
        #expect(
            Self.unanswered(
                EnterpriseShowPage.Cert(label: "高新技术企业", certifiedOn: "2024-12-01", expiresOn: "长期", valid: true)
            ).isEmpty)
        #expect(Self.unanswered(LayoutModel.NavItem(title: "惠企政策", href: "/m/policies", current: true)).isEmpty)
        for href in ["/", nil] { #expect(Self.unanswered(LayoutModel.Crumb(title: "首页", href: href)).isEmpty) }
        #expect(Self.unanswered(Flash(kind: .error, message: "请填写")).isEmpty)
    }
}
