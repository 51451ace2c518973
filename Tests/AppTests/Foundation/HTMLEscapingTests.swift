import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The pages' escaping (`HTMLEscaping`): the five characters swift-mustache escapes, to the same
/// entities, byte by byte — so a quote that a combining mark follows is escaped too.
@Suite struct HTMLEscapingTests {
    @Test func theFiveCharactersAndNothingElse() {
        #expect(HTMLEscaping.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("佛山高新区 · 研发费用后补助（万元）") == "佛山高新区 · 研发费用后补助（万元）")
        #expect(HTMLEscaping.escape("") == "")
        #expect(HTMLEscaping.escape("企业<研发>") == "企业&lt;研发&gt;")
        #expect(HTMLEscaping.escape("👩‍💻&") == "👩‍💻&amp;")
    }

    @Test func aQuoteJoinedByACombiningMarkIsStillAQuote() {
        // One Character to Swift, but a browser ends the attribute at the quote.
        let typed = "x\"\u{301} onmouseover=alert(1)"
        let escaped = "x&quot;\u{301} onmouseover=alert(1)"
        #expect(HTMLEscaping.escape(typed) == escaped)
    }

    @Test func everyTemplateOutsideTheLayoutNamesTheEscaping() throws {
        // A page inheriting the layout is escaped by the layout's; a partial starts afresh with
        // swift-mustache's own unless it names ours.
        let directory = AppResources.url("Resources/Templates")
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        let templates = files.filter { $0.hasSuffix(".mustache") }
        #expect(templates.count > 100)
        for name in templates {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{<layout}}") || text.hasPrefix("{{% CONTENT_TYPE: HTML}}\n"), "\(name)")
        }
    }

    @Test func aSearchTypedWithACombiningQuoteStaysInsideItsAttribute() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let typed = "研发\"\u{301} autofocus onfocus=alert(1) x=\""
            let page = try await browser.get("/m/policies?q=" + Browser.encode(typed))
            #expect(page.status == .ok)
            let inside = "value=\"研发&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\""
            let outside = "\"\u{301} autofocus"
            #expect(page.text.contains(inside))
            #expect(!page.text.contains(outside))
        }
    }
}
