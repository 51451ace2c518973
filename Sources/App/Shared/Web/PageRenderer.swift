import Foundation
import Hummingbird
import Mustache

/// Renders Mustache pages inside the layout. swift-mustache escapes every `{{value}}` (text and
/// attributes), so templates never use the unescaped `{{{…}}}` form for anything a user typed.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The template names that exist, so a test can render every page.
    public let templateNames: [String]

    public init(directory: String) async throws {
        // Before any template is parsed: their `{{% CONTENT_TYPE: HTML}}` resolves to it then.
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
        library = try await MustacheLibrary(directory: directory.hasSuffix("/") ? directory : directory + "/")
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        templateNames = files.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }.sorted()
    }

    public func hasTemplate(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// The bundled templates.
    public static func bundled() async throws -> PageRenderer {
        try await PageRenderer(directory: AppResources.url("Resources/Templates").path)
    }

    /// Renders `template` with `page` as its model inside the layout described by `layout`.
    func render(_ template: String, page: some Sendable, layout: LayoutModel, status: HTTPResponse.Status = .ok) throws
        -> Response
    {
        Self.response(try html(template, page: page, layout: layout), status: status)
    }

    /// The page's HTML, for a response or to keep (`PublicPageCache`).
    func html(_ template: String, page: some Sendable, layout: LayoutModel) throws -> ByteBuffer {
        let context = PreparedModel.prepare(PageContext(layout: layout, page: page)) as Any
        guard let html = library.render(context, withTemplate: template) else {
            throw PageRenderError.unknownTemplate(template)
        }
        return ByteBuffer(string: html)
    }

    /// A rendered page as the response: HTML that no shared cache keeps (it may name the visitor).
    static func response(_ html: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: html))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

enum PageRenderError: Error {
    case missingTemplates
    case unknownTemplate(String)
}

/// What a template sees: `layout.*` for the shell, `page.*` for its own content.
struct PageContext<Page>: Sendable where Page: Sendable {
    let layout: LayoutModel
    let page: Page
}
