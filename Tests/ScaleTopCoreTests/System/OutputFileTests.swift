import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
#endif

/// `OutputFile` writes where it is asked: through links, into devices and FIFOs, and replaces
/// only regular files.
@Suite struct OutputFileTests {
    static func inode(_ path: String) -> (kind: mode_t, inode: UInt64)? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return (s.st_mode & S_IFMT, UInt64(s.st_ino))
    }

    @Test func aRegularFileIsReplacedWholeAndKeepsItsMode() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("out.svg", "an older and much longer figure").path
        #expect(chmod(path, 0o640) == 0)
        let before = try #require(Self.inode(path))
        try OutputFile.write(Array("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        let after = try #require(Self.inode(path))
        #expect(after.inode != before.inode, "a regular file is replaced by rename, not rewritten in place")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.svg"], "no temporary file left behind")
    }

    @Test func aSymlinkIsWrittenThroughToItsTarget() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("figures/real.svg", "old").path
        let link = dir.file("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "figures/real.svg")
        try OutputFile.write(Array("through".utf8), to: link)
        #expect(Self.inode(link)?.kind == S_IFLNK, "the link stays a link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "figures/real.svg")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "through")
    }

    @Test func aDanglingSymlinkCreatesItsTarget() throws {
        let dir = try TemporaryDirectory()
        let link = dir.file("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.file("new.svg").path)
        try OutputFile.write(Array("made".utf8), to: link)
        #expect(Self.inode(link)?.kind == S_IFLNK)
        #expect(try String(contentsOfFile: dir.file("new.svg").path, encoding: .utf8) == "made")
    }

    @Test func aFIFOIsWrittenDirectly() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.file("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader on the other end, started before the write (opening a FIFO to write waits for one).
        let received = dir.file("received").path
        let reader = try ChildProcess("/bin/cat", [fifo], output: received)
        try OutputFile.write(Array("into the pipe".utf8), to: fifo)
        #expect(try reader.waitOrKill(timeout: 30) == 0)
        #expect(Self.inode(fifo)?.kind == S_IFIFO, "the FIFO is still a FIFO")
        #expect(try String(contentsOfFile: received, encoding: .utf8) == "into the pipe")
    }

    @Test func aCharacterDeviceIsWrittenDirectly() throws {
        let before = try #require(Self.inode("/dev/null"))
        try OutputFile.write(Array("nothing".utf8), to: "/dev/null")
        let after = try #require(Self.inode("/dev/null"))
        #expect(after.kind == S_IFCHR && after.inode == before.inode)
    }

    @Test func aDirectoryIsAnError() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: SystemError(errno: EISDIR)) { try OutputFile.write([1], to: dir.path) }
    }
}
