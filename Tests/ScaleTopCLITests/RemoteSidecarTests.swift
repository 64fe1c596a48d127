import Foundation
import ScaleTopTestSupport
import Testing

/// `NAME.meta.json` sidecars beside logs on another host (a real sshd on 127.0.0.1): read as a
/// local sidecar is, and read again when they change.
@Suite(.tags(.slow), .enabled(if: LocalSSHServer.isAvailable, "needs OpenSSH's sshd, ssh and ssh-keygen (scripts/install-deps.sh installs them)"))
struct RemoteSidecarTests {
    let host = LocalSSHServer.host

    func report(_ arguments: [String], server: LocalSSHServer) throws -> ScaleTopProcess.Outcome {
        try ScaleTopProcess.run(["report"] + arguments, environment: ["SCALETOP_SSH": server.sshCommand], timeout: 120)
    }

    /// The report with the host's name taken out (of paths, and of run names, which may follow a
    /// group's `group/`) and the fit's timing left out.
    func comparable(_ json: String) -> String {
        json.replacingOccurrences(of: "\(host):", with: "")
            .replacingOccurrences(of: #""last_ms": [0-9.e+-]+"#, with: "\"last_ms\": 0", options: .regularExpression)
    }

    func object(_ output: String) throws -> [String: Any] {
        try JSONLines.parse(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func runs(_ report: [String: Any]) -> [String: [String: Any]] {
        let runs = report["runs"] as? [[String: Any]] ?? []
        return Dictionary(runs.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A shared sweep with each run's description moved from its first line (which keeps only
    /// `"run"`) into a sidecar spread over several lines, with a group by size (`small` below
    /// 2e8 parameters, else `large`); its lines lose `flops`, so a point's compute comes from the
    /// sidecar's `params` alone. A `metrics.csv` log in a folder of its own has a sidecar too.
    /// Returns each run's params and group, by its local name.
    func writeSweepDescribedBySidecars(_ name: String, in dir: TemporaryDirectory) throws -> [String: (params: Double, group: String)] {
        var written: [String: (params: Double, group: String)] = [:]
        let data = SharedData.data(name).path
        for file in try FileManager.default.contentsOfDirectory(atPath: data) where file.hasSuffix(".jsonl") {
            let lines = try String(contentsOfFile: data + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
            var header = try JSONLines.parse(lines[0])
            let run = try #require(header.removeValue(forKey: "run") as? String)
            let params = try #require(header["params"] as? Double)
            let group = params < 2e8 ? "small" : "large"
            let body = lines.dropFirst().map { $0.replacingOccurrences(of: #", "flops": [0-9]+"#, with: "", options: .regularExpression) }
            try dir.write(file, (["{\"run\": \"\(run)\"}"] + body).joined(separator: "\n") + "\n")
            header["group"] = group
            let sidecar = try JSONSerialization.data(withJSONObject: header, options: [.prettyPrinted, .sortedKeys])
            _ = try dir.write(run + ".meta.json", bytes: sidecar)
            written["\(group)/\(run)"] = (params, group)
        }
        var csv = "step,tokens,loss\n"
        for step in 1...20 { csv += "\(step * 100),\(step * 100 * 65536),\(5.0 - Double(step) * 0.05)\n" }
        try dir.write("csv-run/metrics.csv", csv)
        try dir.write("csv-run/metrics.meta.json", "{\"params\": 3.5e7, \"group\": \"small\"}\n")
        written["small/csv-run"] = (3.5e7, "small")
        return written
    }

    /// A remote sweep whose sizes, groups and schedules live in sidecars gives the same report
    /// as the same folder read locally: every run with its sidecar's params and group, its
    /// points (whose compute needs those params), the envelope, the fits and the projections
    /// with the schedules the sidecars declare.
    @Test(arguments: ["sweep-li2025", "schedules-mpl25m"])
    func aSweepDescribedBySidecarsGivesTheSameReportAsLocally(name: String) throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        let written = try writeSweepDescribedBySidecars(name, in: dir)
        let local = try ScaleTopProcess.run(["report", dir.path, "--json"])
        let remote = try report(["\(host):\(dir.path)", "--json"], server: server)
        #expect(local.status == 0 && remote.status == 0, "\(remote.error)")
        #expect(comparable(remote.output) == comparable(local.output))

        let report = try object(remote.output)
        let runs = runs(report)
        #expect(Set(runs.keys.map { $0.replacingOccurrences(of: "\(host):", with: "") }) == Set(written.keys))
        for (name, run) in runs {
            let local = name.replacingOccurrences(of: "\(host):", with: "")
            #expect(run["params"] as? Double == written[local]?.params, "\(name)")
            #expect(run["group"] as? String == written[local]?.group, "\(name)")
            #expect((run["points"] as? Int ?? 0) > 0, "\(name)")
        }
        #expect((report["envelope"] as? [Any])?.isEmpty == false)
        if name == "schedules-mpl25m" {
            let projection = runs["small/25M-cosine_24000"]?["projection"] as? [String: Any]
            #expect(projection?["schedule"] as? String == "cosine_with_min_lr")
        }
    }

    /// A log named alone and a glob's logs are read with the sidecars beside them too, in a
    /// folder whose name a shell would run: it is data (no PWNED file appears).
    @Test func theSidecarsOfANamedFileAndOfAGlobAreRead() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        let folder = "runs/$(touch PWNED) q'x\"`touch PWNED`"
        try dir.write("a.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        try dir.write("a.meta.json", "{\"params\": 1.5e7}\n")
        try dir.write("\(folder)/b.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        try dir.write("\(folder)/b.meta.json", "{\"params\": 2.5e7, \"group\": \"g\"}\n")
        let named = try report(["\(host):\(dir.path)/a.jsonl", "\(host):\(dir.path)/\(folder)/*.jsonl", "--json"], server: server)
        #expect(named.status == 0, "\(named.error)")
        let runs = runs(try object(named.output))
        #expect(runs["\(host):a"]?["params"] as? Double == 1.5e7)
        #expect(runs["g/\(host):b"]?["params"] as? Double == 2.5e7)
        #expect(runs["g/\(host):b"]?["group"] as? String == "g")
        let home = String(cString: getpwuid(getuid())!.pointee.pw_dir)
        for place in [home, dir.path, dir.path + "/runs", FileManager.default.currentDirectoryPath, "/"] {
            #expect(!FileManager.default.fileExists(atPath: place + "/PWNED"), "\(place)")
        }
    }

    /// More sidecars than one request asks for: each run has its own.
    @Test func sidecarsBeyondOneRequestAreAllRead() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        let count = 600
        for i in 0..<count {
            try dir.write("r\(i).jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
            try dir.write("r\(i).meta.json", "{\"params\": \(1_000_000 + i)}\n")
        }
        let outcome = try report(["\(host):\(dir.path)", "--json"], server: server)
        #expect(outcome.status == 0, "\(outcome.error)")
        let runs = runs(try object(outcome.output))
        #expect(runs.count == count)
        #expect((0..<count).allSatisfy { runs["\(host):r\($0)"]?["params"] as? Double == Double(1_000_000 + $0) })
    }

    func params(_ line: String, _ run: String) -> Double? {
        runs((try? object(line)) ?? [:])[run]?["params"] as? Double
    }

    func points(_ line: String, _ run: String) -> Int? {
        runs((try? object(line)) ?? [:])[run]?["points"] as? Int
    }

    func notices(_ line: String) -> [String] {
        (try? object(line))?["notices"] as? [String] ?? []
    }

    /// While following, a sidecar rewritten on the host, and one that appears beside a log
    /// already read, are applied; one rewritten malformed is a notice until it is mended.
    @Test func aSidecarChangedOnTheHostWhileFollowingIsApplied() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n")
        try dir.write("a.meta.json", "{\"params\": 1e7}\n")
        try dir.write("b.jsonl", "{\"tokens\": 1e9, \"loss\": 3.1}\n")
        let process = try RunningProcess(["report", "\(host):\(dir.path)", "--json", "--follow", "--interval", "0.05"],
                                         environment: ["SCALETOP_SSH": server.sshCommand])
        let a = "\(host):a", b = "\(host):b"
        #expect(process.waitForNextLine { self.params($0, a) == 1e7 } != nil, "\(process.errorOutput)")
        try dir.write("a.meta.json", "{\"params\": 2.5e7, \"tokens_per_step\": 65536}\n")
        #expect(process.waitForNextLine { self.params($0, a) == 2.5e7 } != nil)
        try dir.write("b.meta.json", "{\"params\": 4e7}\n")
        #expect(process.waitForNextLine { self.params($0, b) == 4e7 && self.params($0, a) == 2.5e7 } != nil)
        // Broken: a notice, and the description read before stays in force; mended: applied, the notice gone.
        let notice = "\(host):\(dir.path)/a.meta.json: line 1:"
        try dir.write("a.meta.json", "{\"params\": 3e7,}\n")
        // A notice alone prints no line (as locally): a new point does (the point may come in
        // the listing before the one that sees the sidecar: another point, then).
        var broken: String?
        for point in 2...6 where broken == nil {
            try dir.append("a.jsonl", "{\"tokens\": \(point)e9, \"loss\": \(3.0 - Double(point) * 0.1)}\n")
            guard let line = process.waitForNextLine({ self.points($0, a) == point }) else { break }
            if notices(line).contains(where: { $0.hasPrefix(notice) }) { broken = line }
        }
        #expect(broken.map { self.params($0, a) } == 2.5e7, "\(process.errorOutput)")
        try dir.write("a.meta.json", "{\"params\": 3.25e7}\n")
        #expect(process.waitForNextLine { !self.notices($0).contains { $0.hasPrefix(notice) } && self.params($0, a) == 3.25e7 } != nil)
        #expect(process.stop(SIGTERM) == 0)
    }

    /// A malformed sidecar is the same notice as locally (its file and line, the host's name
    /// before it) and its run is read all the same.
    @Test func aMalformedRemoteSidecarIsTheSameNoticeAsLocally() throws {
        let server = try LocalSSHServer()
        let dir = try TemporaryDirectory()
        try dir.write("a.jsonl", "{\"tokens\": 1e9, \"loss\": 3.0}\n{\"tokens\": 2e9, \"loss\": 2.9}\n")
        try dir.write("a.meta.json", "{\n  \"params\": 1e7,\n  \"tokens_per_step\": \n}\n")
        let local = try ScaleTopProcess.run(["report", dir.path, "--json"])
        let remote = try report(["\(host):\(dir.path)", "--json"], server: server)
        #expect(remote.status == 0, "\(remote.error)")
        let localNotices = try object(local.output)["notices"] as? [String] ?? []
        let remoteNotices = try object(remote.output)["notices"] as? [String] ?? []
        let expected = "\(dir.path)/a.meta.json: line 4:"
        #expect(localNotices.contains { $0.hasPrefix(expected) }, "\(localNotices)")
        #expect(remoteNotices.map { $0.replacingOccurrences(of: "\(host):", with: "") } == localNotices)
        #expect(remoteNotices.contains { $0.hasPrefix("\(host):\(expected)") })
        #expect(runs(try object(remote.output))["\(host):a"]?["points"] as? Int == 2)
        #expect(comparable(remote.output) == comparable(local.output))
    }
}
