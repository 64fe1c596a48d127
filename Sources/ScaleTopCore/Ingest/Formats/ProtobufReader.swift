/// Reads the protobuf wire format over borrowed bytes: the few messages scaletop needs are
/// decoded field by field, with no generated code. Every read is bounds-checked; a malformed
/// message throws instead of trapping.
public struct ProtobufReader {
    public enum Failure: Error, Sendable { case truncated, malformed }

    public enum WireType: UInt8, Sendable {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    private let base: UnsafePointer<UInt8>?
    private var position: Int
    private let end: Int

    public init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        position = 0
        end = bytes.count
    }

    public var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type, or nil at the end of the message.
    public mutating func nextField() throws(Failure) -> (number: Int, type: WireType)? {
        guard position < end else { return nil }
        let key = try varint()
        guard let type = WireType(rawValue: UInt8(key & 7)), key >> 3 > 0, key >> 3 < 1 << 29 else { throw .malformed }
        return (Int(key >> 3), type)
    }

    public mutating func varint() throws(Failure) -> UInt64 {
        guard let base else { throw .truncated }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let b = base[position]
            position += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
            if shift >= 70 { throw .malformed }
        }
        throw .truncated
    }

    public mutating func fixed64() throws(Failure) -> UInt64 {
        guard let base, end - position >= 8 else { throw .truncated }
        let v = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
        position += 8
        return v
    }

    public mutating func fixed32() throws(Failure) -> UInt32 {
        guard let base, end - position >= 4 else { throw .truncated }
        let v = UInt32(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self))
        position += 4
        return v
    }

    public mutating func double() throws(Failure) -> Double { Double(bitPattern: try fixed64()) }
    public mutating func float() throws(Failure) -> Float { Float(bitPattern: try fixed32()) }

    /// A length-delimited field's bytes (a string, bytes, a sub-message or a packed array).
    public mutating func lengthDelimited() throws(Failure) -> UnsafeRawBufferPointer {
        let length = try varint()
        guard let base, length <= UInt64(end - position) else { throw .truncated }
        let bytes = UnsafeRawBufferPointer(start: base + position, count: Int(length))
        position += Int(length)
        return bytes
    }

    public mutating func skip(_ type: WireType) throws(Failure) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        }
    }
}
