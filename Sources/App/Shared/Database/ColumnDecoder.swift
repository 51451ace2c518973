import SQLKit

/// Decodes a row into a type whose property names are its snake_case columns in camelCase
/// (`enterpriseId` ← `enterprise_id`).
///
/// SQLKit's `.convertFromSnakeCase` strategy rebuilds every key of every row through `String`
/// and `Character` work and a string interpolation per column: profiled on the public policy list,
/// a third of the page's CPU. Here a key is mapped with one pass over its ASCII bytes into a string
/// that usually fits inline (no allocation), and one-word keys are used as they are. The mapping
/// is the same as SQLKit's (`SQLKitSnakeCaseTests` compares the two).
struct ColumnDecoder: Decoder {
    let row: any SQLRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: [], debugDescription: "A row decodes into a keyed type."))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(
            Any.self, .init(codingPath: [], debugDescription: "A row decodes into a keyed type."))
    }

    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: any SQLRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { row.contains(column: ColumnName.snake(key.stringValue)) }

        func decodeNil(forKey key: Key) throws -> Bool {
            try row.decodeNil(column: ColumnName.snake(key.stringValue))
        }

        func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
            let column = ColumnName.snake(key.stringValue)
            do {
                return try row.decode(column: column, as: T.self)
            } catch {
                // Only a failed decode pays for the second lookup that names the missing column.
                guard row.contains(column: column) else {
                    throw DecodingError.keyNotFound(
                        key, .init(codingPath: [key], debugDescription: "No column \"\(column)\"."))
                }
                throw error
            }
        }

        func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw DecodingError.typeMismatch(N.self, .init(codingPath: [key], debugDescription: "Columns are flat."))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch(
                [Any].self, .init(codingPath: [key], debugDescription: "Columns are flat."))
        }

        func superDecoder() throws -> any Decoder { ColumnDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ColumnDecoder(row: row) }
    }
}

/// camelCase property name → snake_case column name, as SQLKit's `convertedToSnakeCase` splits
/// words: at each upper-case letter, and an upper-case run keeps its last letter for the next word
/// (`myURLValue` → `my_uRL_value`, SQLKit's own result).
enum ColumnName {
    static func snake(_ key: String) -> String {
        let utf8 = key.utf8
        guard utf8.count > 1, utf8.dropFirst().contains(where: isUpper), utf8.allSatisfy({ $0 < 0x80 }) else {
            return key
        }
        if let column = utf8.withContiguousStorageIfAvailable(snake(bytes:)) { return column }
        return Array(utf8).withUnsafeBufferPointer(snake(bytes:))
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    private static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    private static func snake(bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Word boundaries first (as SQLKit finds them), then one write of the joined words.
        var starts: [Int] = []
        var wordStart = 0
        var search = 1
        let end = bytes.count
        while let upper = (search..<end).first(where: { isUpper(bytes[$0]) }) {
            starts.append(wordStart)
            wordStart = upper
            guard let lower = (upper..<end).first(where: { isLower(bytes[$0]) }) else { break }
            search = lower
            if lower != upper + 1 {
                starts.append(upper)
                wordStart = lower - 1
            }
        }
        starts.append(wordStart)
        return String(unsafeUninitializedCapacity: end + starts.count) { out in
            var n = 0
            for (w, start) in starts.enumerated() {
                let stop = w + 1 < starts.count ? starts[w + 1] : end
                if w > 0 {
                    out[n] = 0x5F
                    n += 1
                }
                for i in start..<stop {
                    // SQLKit lower-cases only a word's first letter.
                    out[n] = i == start && isUpper(bytes[i]) ? bytes[i] + 0x20 : bytes[i]
                    n += 1
                }
            }
            return n
        }
    }
}

extension SQLQueryFetcher {
    /// Every row, decoded by column name (see `ColumnDecoder`).
    func rows<Row: Decodable>(_: Row.Type) async throws -> [Row] {
        try await all().map { try Row(from: ColumnDecoder(row: $0)) }
    }

    /// The first row, decoded by column name (see `ColumnDecoder`).
    func row<Row: Decodable>(_: Row.Type) async throws -> Row? {
        try await first().map { try Row(from: ColumnDecoder(row: $0)) }
    }
}

extension SQLRow {
    /// This row, decoded by column name (see `ColumnDecoder`).
    func decodeColumns<Row: Decodable>(_: Row.Type) throws -> Row {
        try Row(from: ColumnDecoder(row: self))
    }
}
