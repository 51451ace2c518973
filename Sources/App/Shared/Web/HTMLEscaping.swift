import Mustache

/// The pages' HTML escaping, byte by byte: `{{% CONTENT_TYPE: HTML}}` at the top of the layout and
/// of every partial names it (registered by `PageRenderer` before the templates are parsed).
///
/// swift-mustache's own escaper walks a string by `Character` and looks each one up in a
/// dictionary: grapheme breaking over Chinese text and a hash per character, 11% of the enterprise
/// page's CPU. It also lets through a quote that a combining mark joins into one `Character`
/// (`"` followed by U+0301 is one grapheme, not `"`), which a browser still reads as the end of an
/// attribute. This escapes the same five characters to the same entities by their UTF-8 bytes
/// (none of them is ever part of a multi-byte sequence) and hands back the string untouched when
/// it has none of them, as most have.
struct HTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: isSpecial) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
