#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows log files as they grow: finds files under the watched roots (new ones too), reads
/// what was appended, holds a partial last line until its newline arrives, and re-reads a file
/// from the start when it was truncated, rewritten or replaced (logrotate, `mv new old`).
///
/// Change notification comes from inotify where it works; on network and user-space file
/// systems, where inotify misses remote writes, when inotify is unavailable, or when its watch
/// limit is reached, the tailer polls with stat instead. Either way a full check of every file
/// runs every `Options.fullCheckInterval` as a safety net.
public final class LogTailer {
    public struct Options: Sendable {
        /// Poll with stat even where inotify works.
        public var forcePolling = false
        /// Seconds between full checks when polling.
        public var pollInterval = 1.0
        /// Seconds between full checks when inotify is in use (the safety net).
        public var fullCheckInterval = 5.0
        /// Seconds between those full checks once no file has grown for `quietAfter` seconds
        /// (nil: always `fullCheckInterval`). inotify still brings every change at once; only
        /// the safety net runs less often, so an idle view wakes less.
        public var quietFullCheckInterval: Double?
        public var quietAfter = 60.0

        /// What a view that watches for long (the live view, `--follow`) uses: the safety net
        /// every 30 s instead of 5 once nothing has grown for 15 s.
        public mutating func backOffWhileQuiet() {
            quietFullCheckInterval = 30
            quietAfter = 15
        }
        /// Longer lines are skipped and counted as bad.
        public var maximumLineLength = 4 << 20
        /// Longer binary records (a TensorBoard event, a W&B record however many fragments it
        /// comes in) are skipped and counted as bad.
        public var maximumRecordLength = 64 << 20
        /// Read once and stop (`report` without `--follow`): standard input is read to its end.
        public var oneShot = false
        /// Most bytes of regular files one `poll` reads (nil: all there is). The live view sets it
        /// so that a large sweep appears at once and fills in, frame by frame, instead of after
        /// the whole read; what is left is read by the next polls (`hasBacklog`).
        public var pollByteBudget: Int64?
        /// Bytes read from a stream or device per `poll`, so `/dev/urandom` cannot hold it.
        public var streamBudget = 64 << 20
        /// At most this many inotify watches (nil: as many as the kernel allows). Past it the
        /// tailer polls, exactly as when `fs.inotify.max_user_watches` is reached.
        public var maximumWatches: Int?
        /// Most log files held open at once (nil: a quarter of the descriptor limit, 8 to 1024).
        /// Past it the files that grew least recently are closed; files quiet for `quietAfter`
        /// seconds are closed at a full check too. A closed file is looked at with stat and
        /// opened again when it changed. A one-shot read closes each file once read.
        public var maximumOpenFiles: Int?
        /// The command that runs ssh for remote paths, split as a shell would (nil: the
        /// `SCALETOP_SSH` environment variable, else `ssh`).
        public var sshCommand: String?

        public init() {}
    }

    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(reason: String)
    }

    public let roots: [WatchRoot]
    public let options: Options
    public private(set) var mode: Mode
    /// Messages worth showing once (e.g. why polling was chosen).
    public internal(set) var notices: [String] = []

    var files: [TailedFile] = []
    /// The hosts of remote roots, and where their files are among `files`.
    var remote = RemoteFiles()
    var fileByPath: [String: Int] = [:]
    /// The parts of its matches' paths each glob root leaves out of run names (by root index).
    private var globSharedParts: [Int: LogPaths.SharedParts] = [:]
    /// The root whose files gave each run name, or `severalRoots` (two roots giving one name are
    /// told apart). One number a name, not a set: a sweep may have 100,000 of them.
    private var rootByRunName: [String: Int] = [:]
    private static let severalRoots = -1
    /// Regular files with an open descriptor.
    private var openFiles = Set<Int>()
    /// The current poll's clock.
    var pollClock = 0.0
    private var inotify: Inotify?
    private var directoryByWatch: [Int32: String] = [:]
    private var watchByDirectory: [String: Int32] = [:]
    private var needsRescan = true
    private var needsFullCheck = true
    private var lastFullCheck = -Double.infinity
    /// When a file last grew, was replaced or appeared (the poll's clock).
    private var lastActivity = -Double.infinity
    /// A file grew, was replaced or appeared during the current poll.
    var activity = false
    private let chunk: UnsafeMutableRawBufferPointer

    public init(roots: [WatchRoot], options: Options = Options()) {
        self.roots = roots
        self.options = options
        chunk = .allocate(byteCount: 1 << 20, alignment: 64)
        mode = .polling(reason: "one-shot read")
        startRemoteHosts()
        guard !options.oneShot else { return }
        if options.forcePolling {
            mode = .polling(reason: "polling requested")
            return
        }
        for root in roots {
            let path: String
            switch root {
            case let .file(p): path = p
            case let .directory(p): path = p
            case let .glob(p): path = Self.fixedPrefixDirectory(of: p)
            case .standardInput, .remote: continue
            }
            if let remote = FileSystemKind.remoteName(of: path) {
                mode = .polling(reason: "\(path) is on \(remote), where inotify misses remote writes")
                notices.append("polling every \(options.pollInterval) s: \(path) is on \(remote)")
                return
            }
        }
        do {
            inotify = try Inotify()
            mode = .inotify
        } catch {
            mode = .polling(reason: "inotify unavailable: \(error)")
            notices.append("polling: inotify unavailable (\(error))")
        }
    }

    deinit {
        stopRemoteHosts()
        chunk.deallocate()
    }

    /// Descriptors an event loop should wait on (inotify, and standard input while open).
    public var waitDescriptors: [Int32] {
        var fds: [Int32] = []
        if let inotify { fds.append(inotify.descriptor) }
        fds.append(contentsOf: remote.hosts.map(\.wake.descriptor))
        for file in files where file.isStream && !file.streamEnded {
            if let handle = file.handle, file.path == "-" { fds.append(handle.fd) }
        }
        return fds
    }

    /// Bumped whenever files beside the logs may have changed: at each rescan (a full check, a
    /// file created or moved in a watched folder) and on any event for a `*.meta.json` file,
    /// so a reader knows when to look at sidecars again without a stat of its own every poll.
    public private(set) var sidecarGeneration = 0

    /// True when the last `poll` stopped at its byte budget with bytes left to read.
    public internal(set) var hasBacklog = false
    /// Bytes the current poll may still read.
    var budgetLeft: Int64 = .max

    /// Seconds until `poll` should run again even if nothing is signalled.
    public func secondsUntilNextCheck(now: Double) -> Double {
        if hasBacklog { return 0 }
        let interval = fullCheckInterval(now: now)
        var wait = max(0, lastFullCheck + interval - now)
        // Streams that are not standard input (FIFOs, devices) cannot be waited on here.
        if files.contains(where: { $0.isStream && !$0.streamEnded && $0.path != "-" }) { wait = min(wait, options.pollInterval) }
        return min(wait, remoteWait)
    }

    public var fileCount: Int { files.count }
    /// Log files with an open descriptor now (standard input and other streams not counted).
    public var openFileCount: Int { openFiles.count }
    public func path(of file: Int) -> String { files[file].path }

    // MARK: - Polling

    /// Reads everything new. `now` is seconds on any monotonic clock.
    /// The seconds between full checks: when polling, the poll interval; with inotify, the
    /// safety net's, longer once the files have been quiet for a while.
    private func fullCheckInterval(now: Double) -> Double {
        guard inotify != nil else { return options.pollInterval }
        if let quiet = options.quietFullCheckInterval, now - lastActivity >= options.quietAfter {
            return max(quiet, options.fullCheckInterval)
        }
        return options.fullCheckInterval
    }

    public func poll<S: TailSink>(into sink: inout S, now: Double) {
        activity = false
        pollClock = now
        defer { if activity { lastActivity = now } }
        if let inotify { handle(inotify.drain()) }
        let interval = fullCheckInterval(now: now)
        if now - lastFullCheck >= interval || options.oneShot {
            needsRescan = true
            needsFullCheck = true
            lastFullCheck = now
        }
        if needsRescan {
            needsRescan = false
            sidecarGeneration &+= 1
            rescan(into: &sink)
        }
        let full = needsFullCheck
        needsFullCheck = false
        budgetLeft = options.oneShot ? .max : (options.pollByteBudget ?? .max)
        hasBacklog = false
        var pending = Set<Int>()
        for i in files.indices where full || files[i].dirty { pending.insert(i) }
        // Re-reads requested by a reset are served in the same poll.
        var rounds = 0
        while !pending.isEmpty && rounds < 4 {
            rounds += 1
            var again = Set<Int>()
            for i in pending.sorted() {
                files[i].dirty = false
                again.formUnion(check(i, into: &sink))
            }
            for i in again {
                files[i].rewind()
                rewindRemote(i)
            }
            pending = again
        }
        if full { closeQuietFiles(now: now) }
        pollRemote(into: &sink, now: now)
    }

    /// One-shot reads: hands over unterminated last lines as lines, and counts a partial
    /// binary record as truncated.
    public func flushPartialLines<S: TailSink>(into sink: inout S) {
        for i in files.indices { files[i].framing.flush(file: i, into: &sink) }
    }

    // MARK: - Finding files

    private static func fixedPrefixDirectory(of pattern: String) -> String {
        var dir = ""
        for component in pattern.split(separator: "/", omittingEmptySubsequences: false) {
            if LogPaths.isGlob(String(component)) { break }
            dir += (dir.isEmpty && pattern.hasPrefix("/") ? "" : (dir.isEmpty ? "" : "/")) + component
        }
        if pattern.hasPrefix("/") && !dir.hasPrefix("/") { dir = "/" + dir }
        return dir.isEmpty ? "." : dir
    }

    private func rescan<S: TailSink>(into sink: inout S) {
        var found: [(path: String, runName: String, format: LogFormat, stream: Bool, root: Int)] = []
        var directories: [String] = []
        for (r, root) in roots.enumerated() {
            switch root {
            case let .file(path):
                guard fileByPath[path] == nil else { continue }
                let stream = (try? FileStatus.of(path: path).get()).map { !$0.isRegular } ?? false
                let format = stream ? (LogFormat.fromName(path) ?? .jsonLines) : LogFormat.detect(path: path)
                found.append((path, LogPaths.fileRunName(of: path, format: format), format, stream, r))
                directories.append(Self.parentDirectory(of: path))
            case let .directory(dir):
                var errors: [String: SystemError] = [:]
                let listing = DirectoryListing.walk(dir, errors: &errors)
                for path in listing.files where fileByPath[path] == nil {
                    guard let format = LogFormat.fromName(path) else { continue }
                    found.append((path, LogPaths.runName(of: path, under: dir, format: format), format, false, r))
                }
                directories.append(contentsOf: listing.directories)
                for (path, error) in errors where !error.isNotFound && !notices.contains(where: { $0.hasPrefix(path) }) {
                    notices.append("\(path): \(error)")
                }
            case let .glob(pattern):
                var matches: [(path: String, format: LogFormat)] = []
                for path in DirectoryListing.glob(pattern) where fileByPath[path] == nil {
                    matches.append((path, LogFormat.detect(path: path)))
                }
                // A glob's runs are named by the part of the path that varies among its files,
                // decided when it first matches, so that files appearing later name alike.
                if globSharedParts[r] == nil, let format = matches.first?.format {
                    var shared = LogPaths.sharedParts(ofPattern: pattern, format: format)
                    if matches.count > 1 {
                        let common = LogPaths.sharedParts(of: matches.map { LogPaths.namingComponents(of: $0.path, format: $0.format) })
                        shared = .init(leading: max(shared.leading, common.leading), trailing: max(shared.trailing, common.trailing))
                    }
                    globSharedParts[r] = shared
                }
                for match in matches {
                    let shared = globSharedParts[r] ?? .init(leading: 0, trailing: 0)
                    found.append((match.path, LogPaths.name(of: match.path, format: match.format, leaving: shared), match.format, false, r))
                }
                directories.append(Self.fixedPrefixDirectory(of: pattern))
                // The folders of its matches too, so a sidecar beside one is seen at once.
                for match in matches { directories.append(Self.parentDirectory(of: match.path)) }
            case .standardInput:
                found.append(("-", "stdin", .jsonLines, true, r))
            case .remote:
                continue
            }
        }
        // Files named one by one (a shell-expanded glob) are named by the part that varies too.
        let givenFiles = found.indices.filter { k in
            if case .file = roots[found[k].root] { return !found[k].stream } else { return false }
        }
        if givenFiles.count > 1 {
            let shared = LogPaths.sharedParts(of: givenFiles.map { LogPaths.namingComponents(of: found[$0].path, format: found[$0].format) })
            for k in givenFiles { found[k].runName = LogPaths.name(of: found[k].path, format: found[k].format, leaving: shared) }
        }
        if files.isEmpty && found.count > 1 {
            // The first look finds most files: room for them at once, not by doubling.
            files.reserveCapacity(found.count)
            fileByPath.reserveCapacity(found.count)
            rootByRunName.reserveCapacity(found.count)
            sink.tailerWillDiscover(count: found.count)
        }
        for entry in found where fileByPath[entry.path] == nil {
            var name = entry.runName
            // Two roots holding the same file name must not merge into one run.
            if let known = rootByRunName[name], known != entry.root {
                name = Self.parentDirectory(of: entry.path).split(separator: "/").last.map { "\($0)/\(name)" } ?? entry.path
            }
            if let known = rootByRunName[name] {
                if known != entry.root { rootByRunName[name] = Self.severalRoots }
            } else {
                rootByRunName[name] = entry.root
            }
            let framing = entry.format.makeFraming(
                FramingLimits(maximumLineLength: options.maximumLineLength, maximumRecordLength: options.maximumRecordLength))
            let file = TailedFile(path: entry.path, runName: name, root: entry.root, isStream: entry.stream, framing: framing)
            files.append(file)
            fileByPath[entry.path] = files.count - 1
            sink.tailerDiscovered(file: files.count - 1, path: entry.path, runName: name, format: entry.format)
        }
        if let inotify {
            for dir in directories where watchByDirectory[dir] == nil {
                let atLimit = options.maximumWatches.map { watchByDirectory.count >= $0 } ?? false
                switch atLimit ? .failure(SystemError(errno: ENOSPC)) : inotify.watchDirectory(dir) {
                case let .success(wd):
                    watchByDirectory[dir] = wd
                    directoryByWatch[wd] = dir
                case let .failure(error):
                    if error.errno == ENOSPC {
                        // The per-user watch limit: degrade to polling rather than fail.
                        self.inotify = nil
                        directoryByWatch = [:]
                        watchByDirectory = [:]
                        mode = .polling(reason: "inotify watch limit reached")
                        notices.append("polling every \(options.pollInterval) s: inotify watch limit reached (fs.inotify.max_user_watches)")
                        return
                    }
                }
            }
        }
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private func handle(_ events: [Inotify.Event]) {
        for event in events {
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                needsRescan = true
                needsFullCheck = true
                continue
            }
            guard let dir = directoryByWatch[event.watch] else { continue }
            if event.mask & (UInt32(IN_IGNORED) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                directoryByWatch[event.watch] = nil
                watchByDirectory[dir] = nil
                needsRescan = true
                needsFullCheck = true
                continue
            }
            let path = DirectoryListing.join(dir, event.name)
            if event.name.hasSuffix(SidecarMeta.suffix) { sidecarGeneration &+= 1 }
            let structural = UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)
            if event.mask & structural != 0 { needsRescan = true }
            if let i = fileByPath[path] ?? fileByPath[event.name] {
                files[i].dirty = true
            } else if event.mask & structural == 0 && roots.contains(where: { if case .glob = $0 { true } else { false } }) {
                needsRescan = true
            }
        }
    }

    // MARK: - Reading one file

    /// Brings file `i` up to date; returns other files to read again from the start.
    private func check<S: TailSink>(_ i: Int, into sink: inout S) -> Set<Int> {
        var rereads = Set<Int>()
        // A remote file's bytes come from its host's thread (`pollRemote`).
        if files[i].remote != nil { return rereads }
        if files[i].isStream {
            if files[i].handle == nil && !files[i].streamEnded {
                if files[i].path == "-" {
                    files[i].handle = ReadableFile.standardInput(blocking: options.oneShot)
                } else if case let .success(handle) = ReadableFile.open(files[i].path) {
                    files[i].handle = handle
                }
            }
            readNew(i, into: &sink, budget: Int64(options.streamBudget))
            return rereads
        }
        let path = files[i].path
        if files[i].handle == nil {
            if let known = files[i].identity {
                // Closed while quiet: stat says whether there is anything to read (a file that
                // is gone keeps what it gave, as an open one would).
                guard case let .success(now) = FileStatus.of(path: path) else { return rereads }
                let unchanged = now.isSameFile(as: known) && now.size == files[i].offset && now.size == files[i].lastSize
                    && now.modified == files[i].lastModified
                if unchanged { return rereads }
            }
            switch openLogFile(i) {
            case let .success(opened):
                let known = files[i].identity
                setHandle(i, opened.file)
                files[i].identity = opened.status
                if let known, opened.status.isSameFile(as: known) {
                    // The same file, opened again: on from where it was left.
                    opened.file.seek(to: files[i].offset)
                } else if known != nil {
                    // Replaced while closed.
                    files[i].rewind()
                    if !files[i].framing.isRewrittenWhole { rereads.formUnion(sink.tailerReset(file: i)) }
                } else {
                    files[i].offset = 0
                }
                report(nil, file: i, into: &sink)
            case .failure(.notRegular(let kind)) where files[i].identity != nil:
                rereads.formUnion(replacedByNonRegular(i, kind: kind, into: &sink))
                return rereads
            case let .failure(failure):
                report(failure.message, file: i, into: &sink)
                return rereads
            }
        } else if case let .success(now) = FileStatus.of(path: path), let known = files[i].identity, !now.isSameFile(as: known) {
            // Replaced under the same name (rotation, `mv new old`, deleted and re-created).
            switch openLogFile(i) {
            case let .success(opened):
                setHandle(i, opened.file)
                files[i].identity = opened.status
                files[i].rewind()
                // A document read whole is compared entry by entry instead.
                if !files[i].framing.isRewrittenWhole { rereads.formUnion(sink.tailerReset(file: i)) }
            case .failure(.notRegular(let kind)):
                rereads.formUnion(replacedByNonRegular(i, kind: kind, into: &sink))
                return rereads
            case .failure:
                return rereads
            }
        }
        guard let handle = files[i].handle, case let .success(status) = handle.status() else { return rereads }
        let rewrittenWhole = files[i].framing.isRewrittenWhole
        if rewrittenWhole {
            // Rewritten whole: read it whole again whenever it changed at all.
            guard status.size != files[i].lastSize || status.modified != files[i].lastModified || files[i].offset == 0 else {
                return rereads
            }
            files[i].rewind()
        } else if status.size < files[i].offset || tailChanged(i, handle) {
            files[i].rewind()
            rereads.formUnion(sink.tailerReset(file: i))
        }
        files[i].lastSize = status.size
        files[i].lastModified = status.modified
        if status.size > files[i].offset {
            activity = true
            sink.tailerWillRead(file: i, modifiedSecondsAgo: max(0, WallClock.now() - Double(status.modified) / 1e9))
        }
        // Bounded by what is there now plus a margin, so a writer faster than us cannot hold us,
        // and by what is left of this poll's budget (a document read whole is not cut).
        var budget = max(0, status.size - files[i].offset) + Int64(options.streamBudget)
        if !rewrittenWhole { budget = min(budget, budgetLeft) }
        let before = files[i].offset
        if budget > 0 { readNew(i, into: &sink, budget: budget) }
        if budgetLeft != .max { budgetLeft = max(0, budgetLeft - (files[i].offset - before)) }
        if files[i].offset > before { files[i].lastGrowth = pollClock }
        // A one-shot read holds one file open at a time.
        if options.oneShot { setHandle(i, nil) }
        if files[i].offset < status.size && !rewrittenWhole {
            // The budget ran out: the rest waits for the next poll.
            files[i].dirty = true
            hasBacklog = true
        }
        return rereads
    }

    /// Replaced by a device or FIFO (a link to /dev/zero would never end): what the old file
    /// gave is void, and nothing is read until a regular file is back.
    private func replacedByNonRegular<S: TailSink>(_ i: Int, kind: String, into sink: inout S) -> Set<Int> {
        setHandle(i, nil)
        files[i].identity = nil
        files[i].rewind()
        let rereads = sink.tailerReset(file: i)
        report(ReadableFile.OpenFailure.notRegular(kind).message, file: i, into: &sink)
        return rereads
    }

    // MARK: - Descriptors

    /// The descriptor limit (`ulimit -n`), or nil when unlimited or unknown.
    private static let descriptorLimit: Int? = {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }()

    private var maximumOpenFiles: Int {
        options.maximumOpenFiles ?? min(1024, max(8, (Self.descriptorLimit ?? 4096) / 4))
    }

    private func setHandle(_ i: Int, _ handle: ReadableFile?) {
        files[i].handle = handle
        if handle == nil { openFiles.remove(i) } else { openFiles.insert(i) }
    }

    /// Opens file `i` as a regular file, first closing the files that grew least recently when
    /// as many are open as allowed; at the descriptor limit (EMFILE), closes every other file
    /// and tries once more.
    private func openLogFile(_ i: Int) -> Result<(file: ReadableFile, status: FileStatus), ReadableFile.OpenFailure> {
        let cap = maximumOpenFiles
        if openFiles.count >= cap { closeLeastRecentlyGrown(keeping: max(0, cap * 3 / 4)) }
        var result = ReadableFile.openRegular(files[i].path)
        if case let .failure(.system(error)) = result, error.errno == EMFILE || error.errno == ENFILE {
            closeLeastRecentlyGrown(keeping: 0)
            result = ReadableFile.openRegular(files[i].path)
            if case let .failure(.system(error)) = result, error.errno == EMFILE || error.errno == ENFILE {
                // Tried again at the next poll.
                files[i].dirty = true
                let limit = Self.descriptorLimit.map { " (ulimit -n \($0))" } ?? ""
                return .failure(.system(SystemError(errno: error.errno, detail: "the process's descriptor limit is reached\(limit)")))
            }
        }
        return result
    }

    private func closeLeastRecentlyGrown(keeping count: Int) {
        guard openFiles.count > count else { return }
        let oldest = openFiles.sorted { files[$0].lastGrowth < files[$1].lastGrowth }
        for i in oldest.prefix(openFiles.count - count) { setHandle(i, nil) }
    }

    /// At a full check: files that have not grown for `quietAfter` seconds give their
    /// descriptor back.
    private func closeQuietFiles(now: Double) {
        for i in openFiles where now - files[i].lastGrowth >= options.quietAfter && !files[i].dirty {
            setHandle(i, nil)
        }
    }

    /// Tells the sink about a file's error once (nil: readable again).
    private func report<S: TailSink>(_ message: String?, file i: Int, into sink: inout S) {
        guard files[i].error != message else { return }
        files[i].error = message
        sink.tailerError(message, file: i)
    }

    /// True when the bytes just before the read position differ from those read there: the
    /// file was rewritten in place to at least its old length.
    private func tailChanged(_ i: Int, _ handle: ReadableFile) -> Bool {
        let file = files[i]
        guard file.offset > 0, !file.tail.isEmpty else { return false }
        let n = file.tail.count
        var bytes = [UInt8](repeating: 0, count: n)
        let result = bytes.withUnsafeMutableBytes { handle.read(into: $0, at: file.offset - Int64(n)) }
        guard case let .success(got) = result else { return false }
        return got != n || bytes != file.tail
    }

    private func readNew<S: TailSink>(_ i: Int, into sink: inout S, budget: Int64) {
        guard let handle = files[i].handle else { return }
        var remaining = budget
        while remaining > 0 {
            let outcome = handle.read(into: chunk)
            guard case let .bytes(n) = outcome else {
                if outcome == .endOfFile { files[i].framing.reachedEnd(file: i, into: &sink) }
                // A closed pipe on standard input is over; a FIFO may get a new writer later.
                if outcome == .endOfFile && files[i].isStream && (files[i].path == "-" || options.oneShot) {
                    files[i].streamEnded = true
                }
                if case let .failed(error) = outcome {
                    let message = "read failed: \(error)"
                    if files[i].error != message {
                        files[i].error = message
                        sink.tailerError(message, file: i)
                    }
                }
                return
            }
            let bytes = UnsafeRawBufferPointer(start: chunk.baseAddress, count: n)
            files[i].framing.consume(bytes, file: i, into: &sink)
            files[i].remember(bytes)
            files[i].offset += Int64(n)
            remaining -= Int64(n)
        }
    }
}
