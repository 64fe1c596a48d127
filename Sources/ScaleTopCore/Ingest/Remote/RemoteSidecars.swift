/// The `NAME.meta.json` sidecars beside one host's logs: where each would be, which logs it
/// describes, and the stamp it had when it was last fetched. The listings say which exist and
/// when they change; those are fetched together, many to a request (`C`, see `RemoteScript`).
struct RemoteSidecars {
    struct Sidecar {
        let rawPath: [UInt8]
        /// The host's numbers of the logs beside it (`d12.jsonl` and `d12.csv` share one).
        var logs: [Int]
        /// As the last listing showed it, and as it was when last fetched (nil: never).
        var listed: RemoteFileStamp?
        var fetched: RemoteFileStamp?
        var pending = false
    }

    /// Bytes read of each, as a local sidecar is read (`SidecarMeta.readLimit`).
    static let readLimit = Int64(SidecarMeta.readLimit)
    /// A request asks for at most this many files, and this many bytes.
    static let batchFiles = 512
    static let batchBytes: Int64 = 8 << 20

    private(set) var all: [Sidecar] = []
    private var byPath: [[UInt8]: Int] = [:]
    private var pending: [Int] = []

    /// The sidecar's path beside a log's (`runs/d12.meta.json` beside `runs/d12.jsonl`), as
    /// `LogPaths.sidecarPath` makes it, the folder's bytes kept as the host gave them.
    static func path(besideLog raw: [UInt8]) -> [UInt8] {
        let slash = raw.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { Array(raw[...$0]) } ?? []
        let name = String(decoding: slash.map { raw[($0 + 1)...] } ?? raw[...], as: UTF8.self)
        return folder + Array((LogPaths.stem(name) + SidecarMeta.suffix).utf8)
    }

    /// Log `log` was found: the sidecar beside it, which is fetched (again) for it.
    @discardableResult
    mutating func attach(log: Int, rawPath: [UInt8]) -> Int {
        let path = Self.path(besideLog: rawPath)
        if let k = byPath[path] {
            all[k].logs.append(log)
            // The new log has not been given it yet.
            all[k].fetched = nil
            markIfChanged(k)
            return k
        }
        all.append(Sidecar(rawPath: path, logs: [log]))
        byPath[path] = all.count - 1
        return all.count - 1
    }

    /// A listing showed this file: if it is a sidecar of ours that is new or changed, it is fetched.
    mutating func listed(_ entry: RemoteListing.Entry) {
        guard let k = byPath[entry.rawPath] else { return }
        all[k].listed = RemoteFileStamp(size: entry.size, inode: entry.inode, device: entry.device, modified: entry.modified)
        markIfChanged(k)
    }

    private mutating func markIfChanged(_ k: Int) {
        guard let listed = all[k].listed, listed != all[k].fetched, !all[k].pending else { return }
        all[k].pending = true
        pending.append(k)
    }

    /// The sidecars to fetch, in requests of at most `batchFiles` files and about `batchBytes`.
    mutating func takeBatches() -> [[Int]] {
        var batches: [[Int]] = []
        var batch: [Int] = []
        var bytes: Int64 = 0
        for k in pending.sorted() {
            all[k].pending = false
            let size = min(max(all[k].listed?.size ?? 0, 0), Self.readLimit)
            if !batch.isEmpty && (batch.count >= Self.batchFiles || bytes + size > Self.batchBytes) {
                batches.append(batch)
                batch = []
                bytes = 0
            }
            batch.append(k)
            bytes += size
        }
        if !batch.isEmpty { batches.append(batch) }
        pending = []
        return batches
    }

    /// The request for these sidecars: its line, then a line per path.
    func request(id: Int, batch: [Int]) -> String {
        var text = "C \(id) \(batch.count) \(Self.readLimit) -\n"
        for k in batch { text += RemoteScript.encode(all[k].rawPath) + "\n" }
        return text
    }

    /// What an answer held: each file read whole and unchanged meanwhile, with its stamp, and
    /// those that cannot be read.
    struct Answer {
        var read: [(rawPath: [UInt8], stamp: RemoteFileStamp, bytes: [UInt8])] = []
        var unreadable: [[UInt8]] = []
    }

    struct Unexpected: Error {}

    /// Reads an answer's items (after its `C id` line): `item` gives the next NUL-terminated
    /// item, `bytes` the next N bytes. A batch that raced a writer gives nothing (its files stay
    /// as they were, so the next listing asks for them again).
    static func readAnswer(item: () throws -> [UInt8], bytes: (Int) throws -> [UInt8]) throws -> Answer {
        var answer = Answer()
        while true {
            let next = try item()
            if next.isEmpty { return answer }
            if next.count > 2 && next[0] == UInt8(ascii: "u") && next[1] == 0x20 {
                answer.unreadable.append(Array(next.dropFirst(2)))
                continue
            }
            guard next == [UInt8(ascii: "s")] else { throw Unexpected() }
            var before: [RemoteListing.Entry] = []
            var line = try item()
            while let entry = RemoteListing.entry(line) {
                before.append(entry)
                line = try item()
            }
            guard line.count > 2, line[0] == UInt8(ascii: "c"), line[1] == 0x20,
                  let count = Int(String(decoding: line.dropFirst(2), as: UTF8.self)), count >= 0 else { throw Unexpected() }
            let data = try bytes(count)
            var after: [RemoteListing.Entry] = []
            line = try item()
            while let entry = RemoteListing.entry(line) {
                after.append(entry)
                line = try item()
            }
            guard line == [UInt8(ascii: "e")] else { throw Unexpected() }
            let lengths = before.map { Int(min(max($0.size, 0), readLimit)) }
            guard before.count == after.count, count == lengths.reduce(0, +),
                  zip(before, after).allSatisfy({ $0.rawPath == $1.rawPath && stamp($0) == stamp($1) }) else { continue }
            var at = 0
            for (entry, length) in zip(before, lengths) {
                answer.read.append((entry.rawPath, stamp(entry), Array(data[at..<(at + length)])))
                at += length
            }
        }
    }

    private static func stamp(_ entry: RemoteListing.Entry) -> RemoteFileStamp {
        RemoteFileStamp(size: entry.size, inode: entry.inode, device: entry.device, modified: entry.modified)
    }

    /// Records what an answer gave; returns, per sidecar given, its logs and its bytes (nil:
    /// unreadable).
    mutating func take(_ answer: Answer) -> [(rawPath: [UInt8], logs: [Int], bytes: [UInt8]?)] {
        var given: [(rawPath: [UInt8], logs: [Int], bytes: [UInt8]?)] = []
        for (path, stamp, bytes) in answer.read {
            guard let k = byPath[path] else { continue }
            all[k].fetched = stamp
            given.append((path, all[k].logs, bytes))
        }
        for path in answer.unreadable {
            guard let k = byPath[path] else { continue }
            // Said once, until it changes.
            all[k].fetched = all[k].listed
            given.append((path, all[k].logs, nil))
        }
        return given
    }
}
