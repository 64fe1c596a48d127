#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("unsupported platform")
#endif

/// write(2) until every byte is taken: the one loop behind files, standard streams and logs.
public enum DescriptorWrite {
    /// Writes all of `bytes` to `fd`, going on after a partial write or an interrupted call;
    /// throws what the system said otherwise (EPIPE for a closed pipe, ENOSPC...).
    public static func all(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(SystemError) {
        let failure = errnoWritingAll(bytes, to: fd)
        if failure != 0 { throw SystemError(errno: failure) }
    }

    /// `all` for an array of bytes.
    public static func all(_ bytes: [UInt8], to fd: Int32) throws(SystemError) {
        let failure = bytes.withUnsafeBytes { errnoWritingAll($0, to: fd) }
        if failure != 0 { throw SystemError(errno: failure) }
    }

    /// `all` for a string's UTF-8.
    public static func all(_ text: String, to fd: Int32) throws(SystemError) {
        var copy = text
        let failure = copy.withUTF8 { errnoWritingAll(UnsafeRawBufferPointer($0), to: fd) }
        if failure != 0 { throw SystemError(errno: failure) }
    }

    /// 0 once every byte is written, else the errno of the call that failed.
    private static func errnoWritingAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return n < 0 ? errno : EIO
            }
        }
        return 0
    }
}
