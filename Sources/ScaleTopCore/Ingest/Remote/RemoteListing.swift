/// One answer to a listing request: what the path is and the regular files under it.
struct RemoteListing {
    enum Kind: UInt8 {
        case directory = 0x64  // d
        case file = 0x66  // f
        case other = 0x67  // g: a glob, or nothing
    }

    struct Entry {
        var size: Int64
        var inode: UInt64
        var device: UInt64
        var modified: Int64
        var path: String
        /// The name's bytes as the host gave them (sent back as they are).
        var rawPath: [UInt8]
    }

    var kind: Kind
    var entries: [Entry] = []
    /// The host's clock (seconds since the epoch) when it answered.
    var hostTime: Double

    /// Parses `SIZE INODE DEVICE MTIME NAME`; nil for anything else.
    static func entry(_ item: [UInt8]) -> Entry? {
        var fields: [Int64] = []
        var i = 0
        while fields.count < 4 {
            var value: Int64 = 0
            let from = i
            while i < item.count, item[i] >= 0x30, item[i] <= 0x39 {
                value = value &* 10 &+ Int64(item[i] - 0x30)
                i += 1
            }
            guard i > from, i < item.count, item[i] == 0x20 else { return nil }
            fields.append(value)
            i += 1
        }
        guard i < item.count else { return nil }
        let path = String(decoding: item[i...], as: UTF8.self)
        return Entry(size: fields[0], inode: UInt64(fields[1]), device: UInt64(fields[2]), modified: fields[3], path: path, rawPath: Array(item[i...]))
    }
}

/// `SIZE INODE DEVICE MTIME` of a file, as the remote side states it in a read's header and
/// trailer.
struct RemoteFileStamp: Equatable {
    var size: Int64
    var inode: UInt64
    var device: UInt64
    var modified: Int64

    init?(_ fields: ArraySlice<Substring>) {
        let numbers = fields.compactMap { Int64($0) }
        guard numbers.count == 4, fields.count == 4 else { return nil }
        size = numbers[0]
        inode = UInt64(numbers[1])
        device = UInt64(numbers[2])
        modified = numbers[3]
    }

    func isSameFile(as other: RemoteFileStamp) -> Bool { inode == other.inode && device == other.device }
}
