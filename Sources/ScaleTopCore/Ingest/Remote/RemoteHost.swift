import Foundation
import ScaleTopProcess

/// One host's files, read through one ssh connection on a thread of its own: it lists the
/// roots, fetches the bytes past each file's offset and queues them, in order, for the tailer.
/// A connection that drops or hangs is made again with back-off (1, 2, 3 s, then every 3 s) and
/// every file goes on from the offset it had: a chunk is queued only once the remote side has
/// confirmed it whole, so no byte is lost or sent twice. Other hosts are other threads.
final class RemoteHost: @unchecked Sendable {
    struct Root {
        /// The tailer's root index.
        let index: Int
        let remote: RemotePath
    }

    struct Settings {
        var pollInterval = 1.0
        /// Bytes one read request asks for.
        var chunkSize: Int64 = 16 << 20
        /// The queue waits for the tailer past this many bytes.
        var queueLimit = 64 << 20
        /// Seconds an answer may take before the connection counts as hung.
        var answerTimeout = 30.0
        /// Give up after the first failure (a one-shot read) instead of retrying.
        var oneShot = false
        var maximumBackOff = 3.0
    }

    let label: String
    let roots: [Root]
    private let ssh: SSHCommand
    private let settings: Settings
    private let errorLogPath: String
    let wake = WakePipe()

    // Shared with the tailer, under `lock`.
    private let lock = NSCondition()
    private var queue: [RemoteEvent] = []
    private var queuedBytes = 0
    private var stateShared = RemoteHostState.connecting
    private var passesShared = 0
    private var stopping = false
    private var rewindRequests: [Int: Int] = [:]
    private var process: PipedProcess?
    private var thread: Thread?

    // The connection thread's own.
    private struct FileState {
        var path: String
        var rawPath: [UInt8]
        var format: LogFormat
        var offset: Int64 = 0
        var stamp: RemoteFileStamp?
        var epoch = 0
        var tail: [UInt8] = []
        var listedSize: Int64 = 0
        var listedModified: Int64 = -1
        var readModified: Int64 = -1
        var gone = false
    }
    private var files: [FileState] = []
    private var sidecars = RemoteSidecars()
    private var fileByPath: [[UInt8]: Int] = [:]
    private var globShared: [Int: LogPaths.SharedParts] = [:]
    private var reportedMissing = Set<Int>()
    private var hostTime = 0.0
    private var nextID = 0

    init(label: String, roots: [Root], ssh: SSHCommand, settings: Settings, errorLogPath: String) {
        self.label = label
        self.roots = roots
        self.ssh = ssh
        self.settings = settings
        self.errorLogPath = errorLogPath
    }

    /// The socket of the host's multiplexed (master) connection.
    var controlPath: String { ssh.controlPath }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "scaletop.remote"
        self.thread = thread
        thread.start()
    }

    /// Ends the connection thread (its ssh is killed, which ends any read it waits in).
    func stop() {
        lock.lock()
        stopping = true
        let running = process
        lock.broadcast()
        lock.unlock()
        if let running { kill(running.pid, SIGKILL) }
    }

    // MARK: - The tailer's side

    var state: RemoteHostState {
        lock.lock()
        defer { lock.unlock() }
        return stateShared
    }

    /// Complete passes so far (each: every root listed, every file read to its listed size).
    var passes: Int {
        lock.lock()
        defer { lock.unlock() }
        return passesShared
    }

    /// Takes the queued events (at most about `byteBudget` bytes of file data).
    func take(byteBudget: Int) -> [RemoteEvent] {
        wake.drain()
        lock.lock()
        defer { lock.unlock() }
        var taken = 0
        var count = 0
        for event in queue.prefix(takeable) {
            let size = Self.payload(event)
            if size > 0 {
                if taken > 0 && taken + size > byteBudget { break }
                taken += size
            }
            count += 1
        }
        let events = Array(queue.prefix(count))
        queue.removeFirst(count)
        queuedBytes -= taken
        if takeable > 0 { wake.wake() }
        lock.broadcast()
        return events
    }

    /// The file bytes an event carries (what the queue's limit counts).
    private static func payload(_ event: RemoteEvent) -> Int {
        switch event {
        case let .bytes(_, _, data, _): data.count
        case let .sidecar(_, _, bytes): bytes?.count ?? 0
        default: 0
        }
    }

    /// True while events wait that can be taken.
    var hasQueued: Bool {
        lock.lock()
        defer { lock.unlock() }
        return takeable > 0
    }

    /// How many queued events the tailer may take (under `lock`): those up to the end of the
    /// last whole pass, so a truncated file's reset and its new bytes arrive together; all of
    /// them while a large read is under way or when the read is a one-shot one.
    private var takeable: Int {
        if settings.oneShot || queuedBytes >= 1 << 20 { return queue.count }
        guard let end = queue.lastIndex(where: { if case .passEnd = $0 { true } else { false } }) else { return 0 }
        return end + 1
    }

    /// Waits until events are queued, the host is unreachable, or `seconds` pass.
    func waitForEvents(seconds: Double) {
        lock.lock()
        if queue.isEmpty && !isDown(stateShared) { _ = lock.wait(until: Date(timeIntervalSinceNow: seconds)) }
        lock.unlock()
    }

    var isUnreachable: Bool { isDown(state) }

    private func isDown(_ state: RemoteHostState) -> Bool {
        if case .unreachable = state { return true }
        return false
    }

    /// File `file` is read again from the start under `epoch` (queued bytes of older epochs
    /// are void).
    func rewind(file: Int, epoch: Int) {
        lock.lock()
        rewindRequests[file] = epoch
        lock.unlock()
    }

    // MARK: - The connection thread

    private func run() {
        var failures = 0
        while !isStopping {
            setState(.connecting)
            let reason: String
            do {
                try connect()
                failures = 0
                setState(.connected)
                while !isStopping {
                    try pass()
                    // A pass that found nothing new wakes nobody: an idle view stays asleep.
                    if emittedSincePassEnd { emit(.passEnd) }
                    emittedSincePassEnd = false
                    lock.lock()
                    passesShared += 1
                    lock.broadcast()
                    lock.unlock()
                    if settings.oneShot { wake.wake() }
                    pause(settings.pollInterval)
                }
                break
            } catch let failure as ConnectionFailure {
                reason = failure.message
            } catch {
                reason = "\(error)"
            }
            disconnect()
            if isStopping { break }
            failures += 1
            if settings.oneShot {
                setState(.unreachable(reason: reason, retryAt: nil))
                lock.lock()
                passesShared += 1
                lock.broadcast()
                lock.unlock()
                wake.wake()
                break
            }
            let delay = min(settings.maximumBackOff, pow(2, Double(failures - 1)))
            setState(.unreachable(reason: reason, retryAt: MonotonicClock.now() + delay))
            wake.wake()
            pause(delay)
        }
        disconnect()
        // Ends the master connection now rather than when it idles out.
        if let remote = roots.first?.remote, let exiting = try? PipedProcess(ssh.exitArguments(for: remote), errorPath: "/dev/null") {
            exiting.closeInput()
            let deadline = MonotonicClock.now() + 2
            while exiting.reap() == nil && MonotonicClock.now() < deadline { usleep(10_000) }
            exiting.terminate()
        }
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    private var finished = false

    /// Waits (at most `seconds`) for the connection thread to end after `stop`.
    func waitUntilStopped(seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        while !finished && thread != nil {
            if !lock.wait(until: deadline) { break }
        }
        lock.unlock()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func setState(_ state: RemoteHostState) {
        lock.lock()
        stateShared = state
        lock.broadcast()
        lock.unlock()
    }

    /// Sleeps `seconds` (the condition is signalled for other reasons too: sleep on), or until
    /// `stop`.
    private func pause(_ seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        while !stopping && Date() < deadline { _ = lock.wait(until: deadline) }
        lock.unlock()
    }

    /// Something was queued since the last `.passEnd`.
    private var emittedSincePassEnd = false

    private func emit(_ event: RemoteEvent, bytes: Int = 0) {
        emittedSincePassEnd = true
        lock.lock()
        // The tailer reads at its pace: wait while much is queued.
        while queuedBytes > settings.queueLimit && bytes > 0 && !stopping { lock.wait() }
        queue.append(event)
        queuedBytes += bytes
        lock.unlock()
        wake.wake()
    }

    struct ConnectionFailure: Error {
        let message: String
    }

    private var stream: PipeStream?

    private func connect() throws {
        signal(SIGPIPE, SIG_IGN)
        // A fresh error log per connection, so its last line is this attempt's.
        unlink(errorLogPath)
        let arguments = ssh.arguments(for: roots[0].remote, command: RemoteScript.bootstrapCommand)
        let started: PipedProcess
        do {
            started = try PipedProcess(arguments, errorPath: errorLogPath)
        } catch {
            throw ConnectionFailure(message: "\(error)")
        }
        lock.lock()
        process = started
        let stop = stopping
        lock.unlock()
        if stop { throw ConnectionFailure(message: "stopped") }
        stream = PipeStream(descriptor: started.output)
        do {
            try DescriptorWrite.all(RemoteScript.text, to: started.input)
            // A login shell's start-up files may print a few lines first (a banner): skip them.
            var hello = try readLine(timeout: settings.answerTimeout)
            var skipped = 0
            while !hello.hasPrefix("scaletop-remote 1") {
                skipped += 1
                guard skipped < 100 else { throw ConnectionFailure(message: "unexpected answer from the remote side") }
                hello = try readLine(timeout: settings.answerTimeout)
            }
        } catch {
            throw ConnectionFailure(message: sshErrorLine() ?? (error as? ConnectionFailure)?.message ?? "connection failed")
        }
    }

    private func disconnect() {
        lock.lock()
        let running = process
        process = nil
        lock.unlock()
        stream = nil
        running?.terminate()
    }

    /// The last line ssh wrote to standard error (`Permission denied (publickey).`), cleaned.
    private func sshErrorLine() -> String? {
        guard let text = try? String(contentsOfFile: errorLogPath, encoding: .utf8) else { return nil }
        let line = text.split(whereSeparator: \.isNewline).last.map(String.init)?.trimmingCharacters(in: .whitespaces)
        guard let line, !line.isEmpty else { return nil }
        return TextSanitizer.clean(String(line.prefix(200)))
    }

    private func readLine(timeout: Double) throws -> String {
        guard let stream else { throw ConnectionFailure(message: "not connected") }
        do {
            let bytes = try stream.read(until: 0x0A, limit: 4096, deadline: MonotonicClock.now() + timeout)
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            throw failure(error)
        }
    }

    private func failure(_ error: PipeStream.Failure) -> ConnectionFailure {
        switch error {
        case .timedOut: ConnectionFailure(message: "no answer for \(Int(settings.answerTimeout)) s")
        case .ended: ConnectionFailure(message: sshErrorLine() ?? "connection closed")
        case let .failed(code): ConnectionFailure(message: "read failed: \(SystemError(errno: code))")
        }
    }

    private func send(_ op: String, offset: Int64 = 0, count: Int64 = 0, path: [UInt8]) throws -> Int {
        guard let process else { throw ConnectionFailure(message: "not connected") }
        nextID += 1
        let line = "\(op) \(nextID) \(offset) \(count) \(RemoteScript.encode(path))\n"
        do {
            try DescriptorWrite.all(line, to: process.input)
        } catch {
            throw ConnectionFailure(message: sshErrorLine() ?? "connection closed")
        }
        return nextID
    }

    // MARK: - One pass

    private func pass() throws {
        for (r, root) in roots.enumerated() {
            let (kind, entries) = try list(r, root)
            try listSidecars(of: root, kind: kind, entries: entries)
        }
        // Before the logs' bytes, so a log's first line is read with its sidecar, as locally.
        try fetchSidecars()
        applyRewinds()
        try fetchAll()
    }

    private func applyRewinds() {
        lock.lock()
        let requests = rewindRequests
        rewindRequests = [:]
        lock.unlock()
        for (file, epoch) in requests {
            files[file].epoch = epoch
            files[file].offset = 0
            files[file].tail = []
            files[file].readModified = -1
        }
    }

    /// Lists a root: its kind and the files found (new ones are announced).
    private func list(_ r: Int, _ root: Root) throws -> (RemoteListing.Kind, [RemoteListing.Entry]) {
        var path = Array(root.remote.path.utf8)
        // A relative path that begins with '-' would be an option to find.
        if path.first == UInt8(ascii: "-") { path = Array("./".utf8) + path }
        let (kind, entries) = try requestListing(path)
        if entries.isEmpty && kind == .other && !reportedMissing.contains(r) {
            reportedMissing.insert(r)
            let why = LogPaths.isGlob(root.remote.path) ? "no file matches this pattern" : "no such file or directory"
            emit(.missing("\(root.remote.displayName): \(why)"))
        }
        var fresh: [(entry: RemoteListing.Entry, format: LogFormat)] = []
        var sidecarEntries: [RemoteListing.Entry] = []
        for entry in entries {
            if let i = fileByPath[entry.rawPath] {
                files[i].listedSize = entry.size
                files[i].listedModified = entry.modified
                files[i].gone = false
                let listed = RemoteFileStamp(size: entry.size, inode: entry.inode, device: entry.device, modified: entry.modified)
                if let known = files[i].stamp, !known.isSameFile(as: listed) { replaced(i, by: listed) }
                continue
            }
            let format: LogFormat
            switch kind {
            case .directory:
                guard let named = LogFormat.fromName(entry.path) else {
                    if entry.path.hasSuffix(SidecarMeta.suffix) { sidecarEntries.append(entry) }
                    continue
                }
                format = named
            case .file, .other:
                format = LogFormat.fromName(entry.path) ?? (entry.path.hasSuffix(".csv") ? .csv : .jsonLines)
            }
            fresh.append((entry, format))
        }
        discover(fresh, root: r, kind: kind, listedPath: path)
        // Once the logs they describe are known.
        for entry in sidecarEntries { sidecars.listed(entry) }
        return (kind, entries)
    }

    /// Lists the sidecars beside a file or a glob's files (a folder's listing holds them): the
    /// one beside the file, or every `*.meta.json` in the glob's folders.
    private func listSidecars(of root: Root, kind: RemoteListing.Kind, entries: [RemoteListing.Entry]) throws {
        let pattern: [UInt8]
        switch kind {
        case .directory: return
        case .file:
            guard let file = entries.first else { return }
            pattern = RemoteSidecars.path(besideLog: file.rawPath)
        case .other:
            guard !entries.isEmpty else { return }
            var path = Array(root.remote.path.utf8)
            if path.first == UInt8(ascii: "-") { path = Array("./".utf8) + path }
            let folder = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[...$0]) } ?? []
            pattern = folder + Array("*\(SidecarMeta.suffix)".utf8)
        }
        for entry in try requestListing(pattern).entries { sidecars.listed(entry) }
    }

    /// Fetches the sidecars that appeared or changed, many to a request, and hands each to the
    /// logs beside it.
    private func fetchSidecars() throws {
        for batch in sidecars.takeBatches() {
            guard let process else { throw ConnectionFailure(message: "not connected") }
            nextID += 1
            let id = nextID
            do {
                try DescriptorWrite.all(sidecars.request(id: id, batch: batch), to: process.input)
            } catch {
                throw ConnectionFailure(message: sshErrorLine() ?? "connection closed")
            }
            guard try readLine(timeout: settings.answerTimeout) == "C \(id)", let stream else {
                throw ConnectionFailure(message: "unexpected answer from the remote side")
            }
            let answer: RemoteSidecars.Answer
            do {
                answer = try RemoteSidecars.readAnswer(
                    item: { try stream.read(until: 0, limit: 1 << 20, deadline: MonotonicClock.now() + settings.answerTimeout) },
                    bytes: { count in
                        var data: [UInt8] = []
                        data.reserveCapacity(count)
                        try stream.read(exactly: count, deadline: MonotonicClock.now() + settings.answerTimeout) { data.append(contentsOf: $0) }
                        return data
                    })
            } catch let error as PipeStream.Failure {
                throw failure(error)
            } catch {
                throw ConnectionFailure(message: "unexpected answer from the remote side")
            }
            for (rawPath, logs, bytes) in sidecars.take(answer) {
                let path = "\(label):\(String(decoding: rawPath, as: UTF8.self))"
                for log in logs { emit(.sidecar(file: log, path: path, bytes: bytes), bytes: bytes?.count ?? 0) }
            }
        }
    }

    /// Sends a listing request and reads its answer.
    private func requestListing(_ path: [UInt8]) throws -> (kind: RemoteListing.Kind, entries: [RemoteListing.Entry]) {
        let id = try send("L", path: path)
        let header = try readLine(timeout: settings.answerTimeout).split(separator: " ")
        guard header.count == 3, header[0] == "L", Int(header[1]) == id, let time = Double(header[2]) else {
            throw ConnectionFailure(message: "unexpected answer from the remote side")
        }
        hostTime = time
        guard let stream else { throw ConnectionFailure(message: "not connected") }
        var items: [[UInt8]] = []
        do {
            while true {
                let item = try stream.read(until: 0, limit: 1 << 20, deadline: MonotonicClock.now() + settings.answerTimeout)
                if item.isEmpty { break }
                items.append(item)
            }
        } catch {
            throw failure(error)
        }
        guard let kindByte = items.first?.first, items.first?.count == 1, let kind = RemoteListing.Kind(rawValue: kindByte) else {
            throw ConnectionFailure(message: "unexpected answer from the remote side")
        }
        return (kind, items.dropFirst().compactMap(RemoteListing.entry))
    }

    /// Announces the files a listing of root `r` found for the first time.
    private func discover(_ found: [(entry: RemoteListing.Entry, format: LogFormat)], root r: Int, kind: RemoteListing.Kind, listedPath path: [UInt8]) {
        var fresh = found
        let root = roots[r]
        guard !fresh.isEmpty else { return }
        // In path order, as a local folder's files are found (the runs' order follows).
        fresh.sort { $0.entry.path < $1.entry.path }
        if kind == .other && globShared[r] == nil, let first = fresh.first {
            var shared = LogPaths.sharedParts(ofPattern: root.remote.path, format: first.format)
            if fresh.count > 1 {
                let common = LogPaths.sharedParts(of: fresh.map { LogPaths.namingComponents(of: $0.entry.path, format: $0.format) })
                shared = .init(leading: max(shared.leading, common.leading), trailing: max(shared.trailing, common.trailing))
            }
            globShared[r] = shared
        }
        for (entry, format) in fresh {
            let name: String
            switch kind {
            case .directory: name = LogPaths.runName(of: entry.path, under: String(decoding: path, as: UTF8.self), format: format)
            case .file: name = LogPaths.fileRunName(of: entry.path, format: format)
            case .other: name = LogPaths.name(of: entry.path, format: format, leaving: globShared[r] ?? .init(leading: 0, trailing: 0))
            }
            var state = FileState(path: entry.path, rawPath: entry.rawPath, format: format)
            state.listedSize = entry.size
            state.listedModified = entry.modified
            files.append(state)
            fileByPath[entry.rawPath] = files.count - 1
            emit(.discovered(file: files.count - 1, path: "\(label):\(entry.path)", runName: "\(label):\(name)", format: format))
            sidecars.attach(log: files.count - 1, rawPath: entry.rawPath)
        }
    }

    /// The file under the path is another one now (rotation, `mv new old`): read it from the start.
    private func replaced(_ i: Int, by stamp: RemoteFileStamp?) {
        files[i].stamp = stamp
        files[i].offset = 0
        files[i].tail = []
        files[i].readModified = -1
        if files[i].format.makeFraming(FramingLimits()).isRewrittenWhole {
            emit(.rereadWhole(file: i))
        } else {
            emit(.reset(file: i))
        }
    }

    private struct Request {
        let file: Int
        let id: Int
        /// Where the bytes asked for start: `offset - check` (the `check` bytes before the
        /// offset are compared with those read there before, to notice a rewrite in place).
        let from: Int64
        let check: Int
        let count: Int64
    }

    private func fetchAll() throws {
        var planned: [(file: Int, whole: Bool)] = []
        for i in files.indices where !files[i].gone {
            let whole = files[i].format.makeFraming(FramingLimits()).isRewrittenWhole
            if whole {
                if files[i].listedModified != files[i].readModified || files[i].listedSize != files[i].offset {
                    planned.append((i, true))
                }
            } else if files[i].listedSize != files[i].offset {
                planned.append((i, false))
            }
        }
        for (i, whole) in planned {
            if whole {
                files[i].offset = 0
                files[i].tail = []
                emit(.rereadWhole(file: i))
                // Read whole in one answer, however large; one that raced a change waits for the next pass.
                guard try fetch(i, count: max(files[i].listedSize, 1)) else { continue }
                files[i].readModified = files[i].listedModified
                emit(.caughtUp(file: i, epoch: files[i].epoch))
                continue
            }
            if files[i].listedSize < files[i].offset {
                replaced(i, by: files[i].stamp)
            }
            // Two requests in flight, so the host is never idle waiting for us.
            var inFlight: [Request] = []
            var asked = files[i].offset
            var valid = true
            while valid && (asked < files[i].listedSize || !inFlight.isEmpty) {
                while inFlight.count < 2 && asked < files[i].listedSize {
                    let check = inFlight.isEmpty ? Int(min(Int64(TailedFile.fingerprintLength), asked, Int64(files[i].tail.count))) : 0
                    let count = min(settings.chunkSize, files[i].listedSize - asked)
                    let id = try send("R", offset: asked - Int64(check), count: count + Int64(check), path: files[i].rawPath)
                    inFlight.append(Request(file: i, id: id, from: asked - Int64(check), check: check, count: count + Int64(check)))
                    asked += count
                }
                let request = inFlight.removeFirst()
                valid = try answer(request)
                if !valid {
                    // Drain what is still in flight for this file, then look again next pass.
                    for other in inFlight { _ = try answer(other, discard: true) }
                    inFlight = []
                }
            }
            if valid && files[i].offset == files[i].listedSize {
                emit(.caughtUp(file: i, epoch: files[i].epoch))
            }
        }
    }

    /// Reads a document whole (one request, no fingerprint).
    private func fetch(_ i: Int, count: Int64) throws -> Bool {
        let id = try send("R", offset: 0, count: count, path: files[i].rawPath)
        return try answer(Request(file: i, id: id, from: 0, check: 0, count: count))
    }

    /// Reads one answer to a read request; queues its bytes when the remote side confirms them.
    /// Returns false when the file changed under the read (the bytes are thrown away).
    private func answer(_ request: Request, discard: Bool = false) throws -> Bool {
        let i = request.file
        let header = try readLine(timeout: settings.answerTimeout).split(separator: " ")
        guard header.count >= 2, Int(header[1]) == request.id else {
            throw ConnectionFailure(message: "unexpected answer from the remote side")
        }
        if header[0] == "N" {
            files[i].gone = true
            return false
        }
        guard header[0] == "D", header.count == 7, let before = RemoteFileStamp(header[2..<6]), let n = Int(header[6]), n >= 0 else {
            throw ConnectionFailure(message: "unexpected answer from the remote side")
        }
        guard let stream else { throw ConnectionFailure(message: "not connected") }
        var data: [UInt8] = []
        data.reserveCapacity(n)
        do {
            // A deadline per piece: a large answer may take long, a stalled one may not.
            var left = n
            while left > 0 {
                let piece = min(left, 1 << 20)
                try stream.read(exactly: piece, deadline: MonotonicClock.now() + settings.answerTimeout) { data.append(contentsOf: $0) }
                left -= piece
            }
        } catch {
            throw failure(error)
        }
        let trailer = try readLine(timeout: settings.answerTimeout).split(separator: " ")
        guard trailer.count >= 2, trailer[0] == "E", Int(trailer[1]) == request.id else {
            throw ConnectionFailure(message: "unexpected answer from the remote side")
        }
        if discard { return false }
        // SIZE INODE DEVICE MTIME, then the bytes really read (fewer: padded, thrown away).
        let after = trailer.count >= 6 ? RemoteFileStamp(trailer[2..<6]) : nil
        if trailer.count >= 7, let got = Int(trailer[6]), got < n { return false }
        if let known = files[i].stamp, !known.isSameFile(as: before) {
            replaced(i, by: before)
            return false
        }
        files[i].stamp = before
        // Shrunk or replaced while it was read: the zeros it was padded with are not the file's.
        guard let after, after.isSameFile(as: before), after.size >= request.from + Int64(n) else { return false }
        if request.check > 0 {
            guard n >= request.check, Array(data[0..<request.check]) == files[i].tail.suffix(request.check) else {
                // Rewritten in place to at least its old length.
                replaced(i, by: before)
                return false
            }
        }
        let body = Array(data[request.check...])
        guard !body.isEmpty else { return true }
        files[i].offset += Int64(body.count)
        files[i].tail = Array((files[i].tail + body.suffix(TailedFile.fingerprintLength)).suffix(TailedFile.fingerprintLength))
        let age = max(0, hostTime - Double(before.modified))
        emit(.bytes(file: i, epoch: files[i].epoch, data: body, modifiedSecondsAgo: age), bytes: body.count)
        return true
    }
}

extension RemoteFileStamp {
    init(size: Int64, inode: UInt64, device: UInt64, modified: Int64) {
        self.size = size
        self.inode = inode
        self.device = device
        self.modified = modified
    }
}
