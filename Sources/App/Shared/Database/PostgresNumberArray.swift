import NIOCore
import PostgresKit

/// A column of numbers bound as one PostgreSQL binary array (`int8[]` or `float8[]`), written in
/// one pass over the values. PostgresNIO's own array encoding goes element by element through
/// generic code: for the two million pairs of a first match (six columns) that was about 1.5 s of
/// the client's time, with the database waiting. PostgresKit passes a value of this protocol
/// straight to the wire; `Encodable` is only what `SQLBind` asks for, and is not used.
struct PostgresNumberArray: PostgresThrowingDynamicTypeEncodable, Encodable, Sendable {
    enum Values: Sendable {
        case int8([Int64])
        case float8([Double])
    }

    let values: Values

    var psqlType: PostgresDataType {
        switch values {
        case .int8: .int8Array
        case .float8: .float8Array
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) throws {
        // The binary array format: dimensions, a has-NULL flag, the element type; then the length
        // and lower bound of the one dimension; then each element as its length and its bytes.
        let (count, element) =
            switch values {
            case .int8(let v): (v.count, PostgresDataType.int8)
            case .float8(let v): (v.count, PostgresDataType.float8)
            }
        guard count > 0 else {
            buffer.writeMultipleIntegers(Int32(0), Int32(0), element.rawValue)
            return
        }
        buffer.writeMultipleIntegers(Int32(1), Int32(0), element.rawValue, Int32(count), Int32(1))
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count * 12) { out in
            func put(_ bits: UInt64, at k: Int) {
                out.storeBytes(of: Int32(8).bigEndian, toByteOffset: k * 12, as: Int32.self)
                out.storeBytes(of: bits.bigEndian, toByteOffset: k * 12 + 4, as: UInt64.self)
            }
            switch values {
            case .int8(let v): for (k, value) in v.enumerated() { put(UInt64(bitPattern: value), at: k) }
            case .float8(let v): for (k, value) in v.enumerated() { put(value.bitPattern, at: k) }
            }
            return count * 12
        }
    }

    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(
            self, .init(codingPath: [], debugDescription: "Bound only through PostgresKit's binary path."))
    }
}
