#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The remote roots' side of a `LogTailer`: one `RemoteHost` per host, whose thread fetches
/// bytes; each poll hands them to the same framings and sink as a local file's.
struct RemoteFiles {
    var hosts: [RemoteHost] = []
    /// Each host's files' places in the tailer's `files`, by the host's numbering.
    var fileIndex: [[Int]] = []
    /// The message each host's files last showed (nil: none).
    var shownStatus: [String?] = []
    var socketDirectory: String?
    /// The first look has been waited for.
    var firstLookDone = false
    /// Remote paths that named nothing (`host:path: no such file or directory`).
    var missing: [String] = []
}

extension LogTailer {
    /// Starts a connection thread per host named by the remote roots.
    func startRemoteHosts() {
        var byHost: [String: [RemoteHost.Root]] = [:]
        var order: [String] = []
        for (r, root) in roots.enumerated() {
            guard case let .remote(path) = root else { continue }
            if byHost[path.hostKey] == nil { order.append(path.hostKey) }
            byHost[path.hostKey, default: []].append(.init(index: r, remote: path))
        }
        guard !order.isEmpty else { return }
        guard let directory = PrivateDirectory.create(prefix: "scaletop-ssh") else {
            notices.append("remote paths: cannot create a private folder for ssh's sockets in /tmp")
            return
        }
        remote.socketDirectory = directory
        let command = options.sshCommand ?? getenv(SSHCommand.environmentVariable).map { String(cString: $0) }
        var settings = RemoteHost.Settings()
        settings.pollInterval = min(options.pollInterval, 0.5)
        settings.oneShot = options.oneShot
        var leftBehind: [String] = []
        for (h, key) in order.enumerated() {
            let roots = byHost[key]!
            let ssh: SSHCommand
            do {
                ssh = try SSHCommand(environmentValue: command, controlPath: "\(directory)/\(h)")
            } catch {
                notices.append("\(SSHCommand.environmentVariable): \(error)")
                return
            }
            let host = RemoteHost(label: roots[0].remote.hostLabel, roots: roots, ssh: ssh, settings: settings,
                                  errorLogPath: "\(directory)/ssh-\(h).err")
            leftBehind += [ssh.controlPath, "\(directory)/ssh-\(h).err"]
            remote.hosts.append(host)
            remote.fileIndex.append([])
            remote.shownStatus.append(nil)
            host.start()
        }
        RemoteCleanup.register(files: leftBehind, directory: directory)
    }

    func stopRemoteHosts() {
        for host in remote.hosts { host.stop() }
        for host in remote.hosts { host.waitUntilStopped(seconds: 3) }
        if let directory = remote.socketDirectory {
            PrivateDirectory.remove(directory)
            RemoteCleanup.unregister(directory: directory)
        }
    }

    /// Seconds until a poll is due for the remote hosts' sake: at once when bytes wait, every
    /// second while a host is down (its countdown), else never (their threads wake us).
    var remoteWait: Double {
        var wait = Double.infinity
        for host in remote.hosts {
            if host.hasQueued { return 0 }
            if case .unreachable = host.state { wait = 1 }
        }
        return wait
    }

    /// One line per host that is down: `gpu1 unreachable, retrying in 4 s (Connection refused)`.
    public var remoteNotices: [String] {
        remote.hosts.compactMap { Self.statusMessage($0, now: MonotonicClock.now()) }
    }

    /// The header's word on the hosts that are down: `gpu1 unreachable, retrying in 4 s`, the
    /// first one and how many more; nil when all are up.
    public var remoteHeadline: String? {
        let now = MonotonicClock.now()
        let down = remote.hosts.compactMap { host -> String? in
            guard case let .unreachable(_, retryAt) = host.state else { return nil }
            guard let retryAt else { return "\(host.label) unreachable" }
            return "\(host.label) unreachable, retrying in \(max(1, Int((retryAt - now).rounded(.up)))) s"
        }
        guard let first = down.first else { return nil }
        return down.count == 1 ? first : "\(first) (+\(down.count - 1) hosts)"
    }

    /// After a one-shot read: why a remote root could not be read (its host unreachable, its
    /// path naming nothing), one sentence each; empty when all were read.
    public var remoteFailures: [String] {
        remoteNotices + remote.missing
    }

    static func statusMessage(_ host: RemoteHost, now: Double) -> String? {
        guard case let .unreachable(reason, retryAt) = host.state else { return nil }
        let authentication = reason.contains("Permission denied") || reason.contains("Host key verification failed")
        let what = authentication ? "\(host.label): authentication failed (\(reason))" : "\(host.label) unreachable (\(reason))"
        guard let retryAt else { return what }
        return "\(what), retrying in \(max(1, Int((retryAt - now).rounded(.up)))) s"
    }

    /// Hands the hosts' queued bytes to the framings, within what is left of the poll's byte
    /// budget. A one-shot read waits until each host has made one whole pass (or failed).
    func pollRemote<S: TailSink>(into sink: inout S, now: Double) {
        guard !remote.hosts.isEmpty else { return }
        if options.oneShot {
            while true {
                let done = remote.hosts.allSatisfy { $0.passes >= 1 }
                for h in remote.hosts.indices { apply(remote.hosts[h].take(byteBudget: .max), host: h, into: &sink) }
                if done && !remote.hosts.contains(where: \.hasQueued) { break }
                DescriptorWait.readable(remote.hosts.map(\.wake.descriptor), timeout: 0.5)
            }
        } else {
            if !remote.firstLookDone {
                // The first picture waits (a while) for every host's first look, as a local read would.
                remote.firstLookDone = true
                let deadline = MonotonicClock.now() + 15
                while MonotonicClock.now() < deadline
                    && remote.hosts.contains(where: { $0.passes < 1 && !$0.isUnreachable })
                {
                    DescriptorWait.readable(remote.hosts.map(\.wake.descriptor), timeout: 0.2)
                }
            }
            for h in remote.hosts.indices {
                let budget = Int(clamping: budgetLeft)
                guard budget > 0 else {
                    hasBacklog = hasBacklog || remote.hosts[h].hasQueued
                    continue
                }
                apply(remote.hosts[h].take(byteBudget: budget), host: h, into: &sink)
                if remote.hosts[h].hasQueued { hasBacklog = true }
            }
        }
        for h in remote.hosts.indices {
            let message = Self.statusMessage(remote.hosts[h], now: now)
            guard message != remote.shownStatus[h] else { continue }
            remote.shownStatus[h] = message
            for i in remote.fileIndex[h] where files[i].error != message {
                files[i].error = message
                sink.tailerError(message, file: i)
            }
        }
    }

    private func apply<S: TailSink>(_ events: [RemoteEvent], host h: Int, into sink: inout S) {
        for event in events {
            switch event {
            case let .discovered(file, path, runName, format):
                let root = remote.hosts[h].roots[0].index
                let framing = format.makeFraming(
                    FramingLimits(maximumLineLength: options.maximumLineLength, maximumRecordLength: options.maximumRecordLength))
                var tailed = TailedFile(path: path, runName: runName, root: root, isStream: false, framing: framing)
                tailed.remote = RemoteFileReference(host: h, file: file, headerPending: format == .jsonLines)
                tailed.dirty = false
                files.append(tailed)
                let i = files.count - 1
                fileByPath[path] = i
                while remote.fileIndex[h].count <= file { remote.fileIndex[h].append(-1) }
                remote.fileIndex[h][file] = i
                activity = true
                sink.tailerDiscovered(file: i, path: path, runName: runName, format: format)
                sink.tailerFileIsRemote(file: i)
            case let .bytes(file, epoch, data, age):
                let i = remote.fileIndex[h][file]
                guard files[i].remote?.epoch == epoch else { continue }
                if files[i].error != nil {
                    files[i].error = nil
                    sink.tailerError(nil, file: i)
                }
                sink.tailerWillRead(file: i, modifiedSecondsAgo: age)
                if files[i].remote?.headerPending == true { passHeaderLine(i, data, into: &sink) }
                data.withUnsafeBytes { bytes in
                    files[i].framing.consume(bytes, file: i, into: &sink)
                    files[i].remember(bytes)
                }
                files[i].offset += Int64(data.count)
                files[i].lastGrowth = pollClock
                if budgetLeft != .max { budgetLeft = max(0, budgetLeft - Int64(data.count)) }
                activity = true
            case let .caughtUp(file, epoch):
                let i = remote.fileIndex[h][file]
                guard files[i].remote?.epoch == epoch else { continue }
                files[i].framing.reachedEnd(file: i, into: &sink)
            case let .reset(file):
                let i = remote.fileIndex[h][file]
                files[i].rewind()
                files[i].dirty = false
                if files[i].framing is JSONLinesFraming { files[i].remote?.headerPending = true }
                activity = true
                for j in sink.tailerReset(file: i) {
                    files[j].rewind()
                    rewindRemote(j)
                }
            case let .rereadWhole(file):
                let i = remote.fileIndex[h][file]
                files[i].rewind()
                files[i].dirty = false
            case let .sidecar(file, path, bytes):
                let i = remote.fileIndex[h][file]
                let prefix = remote.hosts[h].label + ":"
                let name = files[i].runName.hasPrefix(prefix) ? String(files[i].runName.dropFirst(prefix.count)) : files[i].runName
                activity = true
                sink.tailerRemoteSidecar(bytes, path: path, localRunName: name, file: i)
            case let .error(file, message):
                let i = remote.fileIndex[h][file]
                guard files[i].error != message else { continue }
                files[i].error = message
                sink.tailerError(message, file: i)
            case let .notice(text):
                if !notices.contains(text) { notices.append(text) }
            case .passEnd:
                break
            case let .missing(text):
                if !remote.missing.contains(text) { remote.missing.append(text) }
                if !notices.contains(text) { notices.append(text) }
            }
        }
    }

    /// Hands a remote JSONL file's first line to the sink once it is complete (its header,
    /// which a local file's reader reads by path).
    private func passHeaderLine<S: TailSink>(_ i: Int, _ data: [UInt8], into sink: inout S) {
        guard var reference = files[i].remote else { return }
        if files[i].offset == 0 { reference.headerBytes = [] }
        if let newline = data.firstIndex(of: 0x0A) {
            reference.headerBytes += data[..<newline]
            reference.headerPending = false
            reference.headerBytes.withUnsafeBytes { sink.tailerHeaderLine($0, file: i) }
            reference.headerBytes = []
        } else if reference.headerBytes.count + data.count > 1 << 20 {
            reference.headerPending = false
            reference.headerBytes = []
        } else {
            reference.headerBytes += data
        }
        files[i].remote = reference
    }

    /// File `i`, when remote, is fetched again from the start under a new epoch.
    func rewindRemote(_ i: Int) {
        guard var reference = files[i].remote else { return }
        reference.epoch += 1
        reference.headerPending = reference.headerPending || files[i].framing is JSONLinesFraming
        files[i].remote = reference
        files[i].dirty = false
        remote.hosts[reference.host].rewind(file: reference.file, epoch: reference.epoch)
    }
}
