import Foundation
import HTTPTypes
import Hummingbird

/// What a user's file really is, told by its first bytes: the type a browser declares is the
/// uploader's word and is never trusted. SVG and HTML are never accepted: they can carry script.
enum FileKind: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp, pdf
    /// .docx / .xlsx and other OOXML or zip files.
    case zip

    var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        case .zip: "application/zip"
        }
    }

    /// Raster images a browser shows inline; nothing else is ever served inline.
    var isRasterImage: Bool { self == .png || self == .jpeg || self == .gif || self == .webp }

    static let images: Set<FileKind> = [.png, .jpeg, .gif, .webp]
    static let documents: Set<FileKind> = [.png, .jpeg, .gif, .webp, .pdf, .zip]

    /// The kind by magic bytes, or nil when it is none of the kinds above.
    static func sniff(_ data: some Collection<UInt8>) -> FileKind? {
        let head = Array(data.prefix(16))
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .zip }
        return nil
    }

    /// The kind of an upload for `field`, refused unless it is one of `allowed`.
    static func check(_ data: some Collection<UInt8>, allowed: Set<FileKind>, field: String, label: String)
        throws(Refusal) -> FileKind
    {
        guard let kind = sniff(data), allowed.contains(kind) else {
            let names = allowed.sorted { $0.rawValue < $1.rawValue }.map { $0.rawValue.uppercased() }
            throw Refusal(field, "\(label)：文件内容不是允许的类型（只接受 \(names.joined(separator: "、"))），请换一个文件")
        }
        return kind
    }
}

extension Response {
    /// A user's file, served so that nothing in it can run: the type comes from its content;
    /// only a verified raster image is shown inline, anything else downloads as an attachment
    /// of type `application/octet-stream`; and a sandboxing policy without scripts comes with it.
    static func userFile(_ data: Data, filename: String) -> Response {
        let kind = FileKind.sniff(data)
        let inline = kind?.isRasterImage == true
        let type = inline ? kind!.mediaType : "application/octet-stream"
        let ascii = filename.unicodeScalars.filter { $0.isASCII && $0.value > 0x1f && $0 != "\"" && $0 != "\\" }
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        var headers: HTTPFields = [
            .contentType: type,
            .contentDisposition:
                "\(inline ? "inline" : "attachment"); filename=\"\(String(String.UnicodeScalarView(ascii)))\"; filename*=UTF-8''\(encoded)",
            .contentSecurityPolicy: "default-src 'none'; sandbox",
            .cacheControl: "private, no-store",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension FileKind {
    /// `check` for a service that gathers every error first: the refusal's message goes into
    /// `errors` under `field` and the answer is nil.
    static func check(
        _ data: some Collection<UInt8>, allowed: Set<FileKind>, field: String, label: String,
        into errors: inout FormErrors
    ) -> FileKind? {
        do {
            return try check(data, allowed: allowed, field: field, label: label)
        } catch {
            for message in error.errors.summary { errors.add(field, message) }
            return nil
        }
    }
}
