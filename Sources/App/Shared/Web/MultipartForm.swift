import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` body read whole: text fields and files by field name. Files keep
/// their name and type, which `FormDataDecoder` drops.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var fileName: String
        var contentType: String
        var data: Data
    }

    var fields: [String: [String]] = [:]
    var files: [String: File] = [:]

    subscript(_ name: String) -> String { (fields[name]?.first ?? "").trimmed }
    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// Parses the request body (already limited by `CSRFMiddleware`); nil when it isn't multipart.
    static func from(_ request: Request, context: AppRequestContext) async throws -> MultipartForm? {
        guard let boundary = FormData.multipartBoundary(request) else { return nil }
        if let parsed = context.multipart { return parsed }
        var body = request
        let buffer = try await body.collectBody(upTo: context.bodyLimit)
        return try? parse(buffer, boundary: boundary)
    }

    /// A body MultipartKit's parser cannot take safely: it traps (ending the whole server) on an
    /// empty boundary and on any byte above 0x7F in a part's header name.
    enum Malformed: Error { case body }

    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartForm {
        guard !boundary.isEmpty, boundary.utf8.count <= 200, headerNamesAreASCII(buffer, boundary: boundary) else {
            throw Malformed.body
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers[name.lowercased()] = value }
        parser.onBody = { chunk in collector.body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = { collector.finishPart() }
        try parser.execute(buffer)
        return collector.form
    }

    /// Checks every header block the parser could read: after each `--boundary` followed by CRLF, up to
    /// the empty line, the name of each header line (the bytes before its colon) must be ASCII. Every
    /// occurrence of the delimiter is checked, also inside part bodies, so nothing the parser could
    /// take for a header is missed (a browser never puts the delimiter inside a part).
    static func headerNamesAreASCII(_ buffer: ByteBuffer, boundary: String) -> Bool {
        let delimiter = Array("--\(boundary)\r\n".utf8)
        return buffer.withUnsafeReadableBytes { bytes -> Bool in
            guard let base = bytes.baseAddress, bytes.count >= delimiter.count else { return true }
            var searchFrom = 0
            // memchr finds each candidate first byte; uploads of many megabytes are scanned at memory speed.
            while searchFrom <= bytes.count - delimiter.count,
                let hit = memchr(base + searchFrom, Int32(delimiter[0]), bytes.count - delimiter.count + 1 - searchFrom)
            {
                let start = base.distance(to: UnsafeRawPointer(hit))
                searchFrom = start + 1
                guard memcmp(base + start, delimiter, delimiter.count) == 0 else { continue }
                var index = start + delimiter.count
                var inName = true
                var lineIsEmpty = true
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\r") {
                        if lineIsEmpty { break }  // the empty line: the part's body follows
                        inName = true
                        lineIsEmpty = true
                    } else if byte != UInt8(ascii: "\n") || !lineIsEmpty {
                        lineIsEmpty = false
                        if byte == UInt8(ascii: ":") { inName = false }
                        if inName, byte > 0x7F { return false }
                    }
                    index += 1
                }
            }
            return true
        }
    }

    /// Gathers parts as the parser calls back (one request, one thread).
    private final class Collector {
        var headers: [String: String] = [:]
        var body = Data()
        var form = MultipartForm()

        func finishPart() {
            defer {
                headers = [:]
                body = Data()
            }
            guard let disposition = headers["content-disposition"] else { return }
            let params = Self.parameters(disposition)
            guard let name = params["name"] else { return }
            if let fileName = params["filename"] {
                // A browser sends an empty part for a file input left empty.
                guard !fileName.isEmpty || !body.isEmpty else { return }
                if body.isEmpty { return }
                form.files[name] = File(
                    fileName: fileName.isEmpty ? "未命名" : fileName,
                    contentType: headers["content-type"] ?? "application/octet-stream", data: body)
            } else {
                form.fields[name, default: []].append(String(decoding: body, as: UTF8.self))
            }
        }

        static func parameters(_ header: String) -> [String: String] {
            var result: [String: String] = [:]
            for piece in header.split(separator: ";").dropFirst() {
                let kv = piece.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { continue }
                let key = kv[0].trimmingCharacters(in: .whitespaces).lowercased()
                var value = kv[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                // Keep only the last path component: some browsers send the full local path.
                if key == "filename" {
                    value = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? value
                }
                result[key] = value
            }
            return result
        }
    }
}
