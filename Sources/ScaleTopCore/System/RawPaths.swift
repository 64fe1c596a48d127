import Synchronization

/// File names that are not UTF-8 (Linux allows any bytes but `/` and NUL). A Swift `String`
/// cannot hold them, so such a path is known by its text, with every byte that is not part of
/// valid UTF-8 written `\xHH` (`r\xff.jsonl`), which is also how it is shown; this table keeps
/// the bytes behind each such text, and every system call on a path goes through
/// `withSystemPath`, which hands the real bytes to the kernel.
public enum RawPaths {
    private static let bytesByText = Mutex<[String: [UInt8]]>([:])

    /// `bytes` as text: valid UTF-8 as it is, each other byte as `\xHH`; and whether it was all
    /// valid.
    public static func text(of bytes: some Collection<UInt8>) -> (text: String, isUTF8: Bool) {
        let bytes = Array(bytes)
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        var out = ""
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes, at: i)
            if length > 0 {
                out += String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                i += length
            } else {
                let hex = Array("0123456789abcdef")
                out += "\\x" + String(hex[Int(bytes[i] >> 4)]) + String(hex[Int(bytes[i] & 15)])
                i += 1
            }
        }
        return (out, false)
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0.
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
        guard length > 0, i + length <= bytes.count else { return 0 }
        return String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil ? 0 : length
    }

    /// Remembers the bytes behind `text` (a path with a name that is not UTF-8).
    public static func register(_ text: String, bytes: [UInt8]) {
        bytesByText.withLock { $0[text] = bytes }
    }

    /// The bytes the system knows `path` by.
    public static func systemBytes(_ path: String) -> [UInt8] {
        raw(path) ?? Array(path.utf8)
    }

    /// The registered bytes of `path`, if it has any.
    private static func raw(_ path: String) -> [UInt8]? {
        bytesByText.withLock { $0.isEmpty ? nil : $0[path] }
    }

    /// Calls `body` with the path as the system knows it, NUL-terminated.
    public static func withSystemPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        guard let raw = raw(path) else { return path.withCString(body) }
        return (raw + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// `dir/name` for a name read as bytes from the system (readdir, inotify), as text;
    /// registered when it, or `dir`, is not UTF-8.
    public static func join(_ dir: String, name: some Collection<UInt8>) -> String {
        let (text, isUTF8) = Self.text(of: name)
        let path = dir.hasSuffix("/") ? dir + text : dir + "/" + text
        let rawDirectory = raw(dir)
        if !isUTF8 || rawDirectory != nil {
            let separator: [UInt8] = dir.hasSuffix("/") ? [] : [UInt8(ascii: "/")]
            register(path, bytes: (rawDirectory ?? Array(dir.utf8)) + separator + Array(name))
        }
        return path
    }

    /// A whole path read as bytes (a glob match, an argument), as text; registered when needed.
    public static func path(_ bytes: [UInt8]) -> String {
        let (text, isUTF8) = Self.text(of: bytes)
        if !isUTF8 { register(text, bytes: bytes) }
        return text
    }
}
