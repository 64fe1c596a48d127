import Foundation
import Testing
@testable import ScaleTopCore

/// Where a remote log's sidecar is, when it is fetched, and how an answer that raced a writer
/// is told apart (the remote side's answers written out byte for byte).
@Suite struct RemoteSidecarsTests {
    @Test(arguments: ["runs/d12.jsonl", "/abs/runs/a.ndjson", "x.json.log", "exp/metrics.csv", "exp/trainer_state.json",
                      "tb/events.out.tfevents.1700000000.host", "wandb/run-abc.wandb", "./-dash.jsonl"])
    func theSidecarIsWhereALocalLogWouldHaveIt(log: String) {
        #expect(String(decoding: RemoteSidecars.path(besideLog: Array(log.utf8)), as: UTF8.self) == LogPaths.sidecarPath(for: log))
    }

    func entry(_ text: String) -> RemoteListing.Entry { RemoteListing.entry(Array(text.utf8))! }

    /// An answer as the script writes it, fed to the reader item by item.
    func read(_ answer: [UInt8]) throws -> RemoteSidecars.Answer {
        var at = 0
        return try RemoteSidecars.readAnswer(
            item: {
                let end = answer[at...].firstIndex(of: 0)!
                defer { at = end + 1 }
                return Array(answer[at..<end])
            },
            bytes: { count in
                defer { at += count }
                return Array(answer[at..<(at + count)])
            })
    }

    func items(_ items: String...) -> [UInt8] { items.flatMap { Array($0.utf8) + [0] } }

    @Test func aWholeBatchGivesEachFileItsBytes() throws {
        let a = "{\"params\": 1e6}\n", b = "{\"params\": 2e6, \"group\": \"g\"}\n"
        var answer = items("u /r/locked.meta.json", "s", "\(a.utf8.count) 11 1 100 /r/a.meta.json", "\(b.utf8.count) 12 1 101 /r/b.meta.json",
                           "c \(a.utf8.count + b.utf8.count)")
        answer += Array((a + b).utf8)
        answer += items("\(a.utf8.count) 11 1 100 /r/a.meta.json", "\(b.utf8.count) 12 1 101 /r/b.meta.json", "e", "")
        let read = try read(answer)
        #expect(read.read.map { String(decoding: $0.rawPath, as: UTF8.self) } == ["/r/a.meta.json", "/r/b.meta.json"])
        #expect(read.read.map { String(decoding: $0.bytes, as: UTF8.self) } == [a, b])
        #expect(read.read.map(\.stamp.inode) == [11, 12])
        #expect(read.unreadable.map { String(decoding: $0, as: UTF8.self) } == ["/r/locked.meta.json"])
    }

    /// A batch one of whose files changed between the two looks, or whose bytes are not the sum
    /// of its files' lengths, gives nothing; the batch after it is read.
    @Test func aBatchThatRacedAWriterGivesNothing() throws {
        let a = "{\"params\": 1e6}\n"
        var answer = items("s", "\(a.utf8.count) 11 1 100 /r/a.meta.json", "c \(a.utf8.count)")
        answer += Array(a.utf8)
        answer += items("\(a.utf8.count + 5) 11 1 102 /r/a.meta.json", "e")
        answer += items("s", "\(a.utf8.count) 12 1 100 /r/b.meta.json", "c \(a.utf8.count + 3)")
        answer += Array((a + "abc").utf8)
        answer += items("\(a.utf8.count) 12 1 100 /r/b.meta.json", "e")
        answer += items("s", "\(a.utf8.count) 13 1 100 /r/c.meta.json", "c \(a.utf8.count)")
        answer += Array(a.utf8)
        answer += items("\(a.utf8.count) 13 1 100 /r/c.meta.json", "e", "")
        let read = try read(answer)
        #expect(read.read.map { String(decoding: $0.rawPath, as: UTF8.self) } == ["/r/c.meta.json"])
    }

    @Test func anAnswerOutOfStepIsAnError() {
        #expect(throws: RemoteSidecars.Unexpected.self) { try read(items("x", "")) }
        #expect(throws: RemoteSidecars.Unexpected.self) { try read(items("s", "3 1 1 1 /r/a", "q", "")) }
    }

    /// A sidecar is fetched when a listing shows it new or changed, not again while unchanged,
    /// and again for a log found beside it later; requests hold at most `batchFiles` files.
    @Test func aSidecarIsFetchedWhenItAppearsOrChanges() {
        var sidecars = RemoteSidecars()
        let k = sidecars.attach(log: 0, rawPath: Array("/r/a.jsonl".utf8))
        #expect(sidecars.takeBatches().isEmpty)
        sidecars.listed(entry("17 11 1 100 /r/a.meta.json"))
        sidecars.listed(entry("17 11 1 100 /r/other.meta.json"))
        #expect(sidecars.takeBatches() == [[k]])
        let stamp = RemoteFileStamp(size: 17, inode: 11, device: 1, modified: 100)
        let given = sidecars.take(.init(read: [(Array("/r/a.meta.json".utf8), stamp, Array("{}".utf8))]))
        #expect(given.map(\.logs) == [[0]])
        sidecars.listed(entry("17 11 1 100 /r/a.meta.json"))
        #expect(sidecars.takeBatches().isEmpty)
        sidecars.listed(entry("18 11 1 100 /r/a.meta.json"))
        #expect(sidecars.takeBatches() == [[k]])
        _ = sidecars.take(.init(read: [(Array("/r/a.meta.json".utf8), RemoteFileStamp(size: 18, inode: 11, device: 1, modified: 100), [])]))
        #expect(sidecars.attach(log: 1, rawPath: Array("/r/a.csv".utf8)) == k)
        #expect(sidecars.takeBatches() == [[k]])

        for i in 0..<600 {
            _ = sidecars.attach(log: 10 + i, rawPath: Array("/s/r\(i).jsonl".utf8))
            sidecars.listed(entry("10 \(100 + i) 1 100 /s/r\(i).meta.json"))
        }
        #expect(sidecars.takeBatches().map(\.count) == [RemoteSidecars.batchFiles, 600 - RemoteSidecars.batchFiles])
    }
}
