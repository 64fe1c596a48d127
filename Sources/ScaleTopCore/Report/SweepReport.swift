/// Builds the `scaletop report --json` object (contract: report-json.md) from a sweep.
/// The live view shows the same numbers; this is their one source for scripts.
public struct SweepReport {
    public var sweep: Sweep
    public var targetFlops: Double?
    public var notices: [String] = []
    /// The fits; nil leaves their keys null.
    public var analysis: SweepAnalysis?
    public var analysisOptions: SweepAnalysisOptions?
    /// Trend-based statuses and landing projections by run name; runs missing here get the
    /// status the log alone tells (`RunStatusVerdict.basic`).
    public var diagnoses: [String: RunDiagnosis] = [:]
    /// `--envelope-bins K`: the envelope reduced to its lowest loss in each of K log-spaced
    /// compute bins (nil: every entry, the default).
    public var envelopeBins: Int?
    /// The envelope's text as last written, for a loop that writes the report again and again
    /// (`report --follow`): the entries it shares with the last report are not written again.
    public var envelopeText: EnvelopeJSONText?

    public init(sweep: Sweep, targetFlops: Double?, notices: [String] = [], analysis: SweepAnalysis? = nil, analysisOptions: SweepAnalysisOptions? = nil, diagnoses: [String: RunDiagnosis] = [:]) {
        self.diagnoses = diagnoses
        self.sweep = sweep
        self.targetFlops = targetFlops
        self.notices = notices
        self.analysis = analysis
        self.analysisOptions = analysisOptions
    }

    public static let version = 1

    /// Runs in report order: by parameter count (unknown last), then by name.
    public var orderedRuns: [Run] { orderedRunIndices.map { sweep.runs[$0] } }

    /// Indices into `sweep.runs` in report order (sorting indices, not copies of the runs).
    var orderedRunIndices: [Int] {
        let params = sweep.runs.map(\.meta.params), names = sweep.runs.map(\.name)
        return params.indices.sorted { i, j in
            switch (params[i], params[j]) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return names[i].utf8.lexicographicallyPrecedes(names[j].utf8)
            }
        }
    }

    private var envelopeEntries: [ComputeEnvelope.Entry] {
        guard let envelopeBins else { return sweep.envelope.entries }
        return sweep.envelope.binned(envelopeBins)
    }

    public func json() -> JSONValue {
        .object(members().map { key, member in
            switch member {
            case let .value(value): (key, value)
            case let .items(count, item): (key, .array((0..<count).map(item)))
            }
        })
    }

    /// The report's text, as `json().serialized(pretty:)` writes it, handed to `flush` a piece at
    /// a time (about 64 KB) with each run, file and envelope entry made only as it is written: a
    /// sweep of 100,000 small runs never holds its whole JSON tree nor its whole text.
    public func write(pretty: Bool, flush: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        func spill() {
            guard out.count >= 1 << 16 else { return }
            flush(out)
            out.removeAll(keepingCapacity: true)
        }
        func newline(_ indent: Int) {
            guard pretty else { return }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
        }
        out.append(UInt8(ascii: "{"))
        for (k, (key, member)) in members().enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            newline(1)
            JSONValue.writeString(key, into: &out)
            out.append(contentsOf: (pretty ? ": " : ":").utf8)
            switch member {
            case let .value(value):
                value.write(into: &out, pretty: pretty, indent: 1)
            case let .items(count, item):
                // As `JSONValue.array` writes itself, one item at a time.
                if count == 0 {
                    out.append(contentsOf: "[]".utf8)
                    continue
                }
                out.append(UInt8(ascii: "["))
                for i in 0..<count {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(2)
                    item(i).write(into: &out, pretty: pretty, indent: 2)
                    spill()
                }
                newline(1)
                out.append(UInt8(ascii: "]"))
            }
            spill()
        }
        newline(0)
        out.append(UInt8(ascii: "}"))
        flush(out)
    }

    /// A member of the report: a value, or an array whose items are made one at a time.
    private enum Member {
        case value(JSONValue)
        case items(Int, (Int) -> JSONValue)
    }

    private func members() -> [(String, Member)] {
        let counts = sweep.lineCounts
        let order = orderedRunIndices
        let envelope: Member
        if let envelopeText {
            envelope = .value(.raw(envelopeText.update(envelopeEntries, names: sweep.runs.map(\.name), entry: envelopeJSON)))
        } else {
            let entries = envelopeEntries
            envelope = .items(entries.count) { envelopeJSON(entries[$0]) }
        }
        return [
            ("version", .value(.int(Self.version))),
            ("target_flops", .value(.number(targetFlops))),
            ("lines", .value(.object([("read", .int(counts.read)), ("bad", .int(counts.bad))]))),
            ("runs", .items(order.count) { runJSON(sweep.runs[order[$0]]) }),
            ("envelope", envelope),
            ("fit", .value(fitJSON())),
            ("fit_group", .value(analysis?.scopeGroup.map { .string($0) } ?? .null)),
            ("isoflop", .value(isoflopJSON())),
            ("parametric", .value(parametricJSON())),
            ("optimal_at_target", .value(optimalJSON())),
            ("approaches", .value(approachesJSON())),
            ("kaplan", .value(kaplanJSON())),
            ("groups", .value(groupsJSON())),
            ("comparison", .value(comparisonJSON())),
            ("files", .items(sweep.sources.count) { fileJSON(sweep.sources[$0]) }),
            ("notices", .value(.array(notices.map { .string($0) }))),
            ("notes", .value(.array(SweepNotes.notes(sweep: sweep, analysis: analysis, targetFlops: targetFlops).map { .string($0) }))),
        ]
    }

    private func pointJSON(_ point: LogPoint?, _ run: Run) -> JSONValue {
        guard let point else { return .null }
        return .object([
            ("step", .number(point.step)),
            ("tokens", .number(run.tokens(of: point))),
            ("flops", .number(run.flops(of: point))),
            ("loss", .number(point.loss)),
        ])
    }

    private func runJSON(_ run: Run) -> JSONValue {
        let diagnosis = diagnoses[run.name]
        let verdict = diagnosis?.verdict ?? RunStatusVerdict.basic(for: run)
        let bad = run.sources.reduce(0) { $0 + sweep.sources[$1].badLines }
        // A malformed schedule declaration is said in the run's status reason as well as its own key.
        var scheduleError: String?
        if case let .failure(failure)? = sweep.schedules[run.name] { scheduleError = failure.message }
        let reason = [verdict.reason, scheduleError.map { "learning-rate schedule not used: \($0)" }].compactMap { $0 }
        return .object([
            ("name", .string(run.name)),
            ("path", .string(run.path)),
            ("params", .number(run.meta.params)),
            ("points", .int(run.usablePoints)),
            ("bad_lines", .int(bad)),
            ("last", pointJSON(run.last, run)),
            ("best", pointJSON(run.best, run)),
            ("status", .string(verdict.status.rawValue)),
            ("status_reason", reason.isEmpty ? .null : .string(reason.joined(separator: "; "))),
            ("schedule_error", scheduleError.map { .string($0) } ?? .null),
            ("projection", projectionJSON(diagnosis?.projection)),
            ("episodes", .array((diagnosis?.episodes ?? []).map { episodeJSON($0, axis: diagnosis?.axis ?? .steps) })),
            ("tokens_per_step", .number(run.meta.tokensPerStep)),
            ("planned_tokens", .number(run.meta.plannedTokens)),
            ("planned_flops", .number(run.meta.plannedFlops)),
            ("nonfinite_losses", .int(run.nonFiniteLosses)),
            ("nonpositive_losses", .int(run.nonPositiveLosses)),
            ("stored_points", .int(run.curve.count)),
            ("flops_unavailable", run.flopsUnavailableReason.map { .string($0) } ?? .null),
            ("loss_key", run.lossKey.map { .string($0) } ?? .null),
            ("other_losses", .object(run.otherSeries.map { ($0.key, .int($0.usablePoints)) })),
            ("planned_end_missing", run.meta.plannedEndMissingReason.map { .string($0) } ?? .null),
            ("group", sweep.group(of: run).map { .string($0) } ?? .null),
        ])
    }

    private func projectionJSON(_ projection: LandingProjection?) -> JSONValue {
        guard let projection, let projected = projection.projectedLoss else { return .null }
        return .object([
            ("final_flops", .number(projection.finalFlops)),
            ("predicted_loss", .number(projection.predictedLoss)),
            ("projected_loss", .number(projected)),
            ("verdict", projection.verdict.map { .string($0.rawValue) } ?? .null),
            ("projected_range", .array([.number(projection.projectedLow), .number(projection.projectedHigh)])),
            ("projected_band", projection.projectedBand.map { .array([.number($0.0), .number($0.1)]) } ?? .null),
            ("schedule", projection.schedule.map { .string($0) } ?? .null),
            ("schedule_note", projection.scheduleNote.map { .string($0) } ?? .null),
            ("progress", .number(projection.progress)),
            ("note", projection.note.map { .string($0) } ?? .null),
        ])
    }

    /// Steps are null when the log has none; `from_x`/`to_x` are on the run's `axis`.
    private func episodeJSON(_ episode: RunEpisode, axis: CurveSeries.Axis) -> JSONValue {
        .object([
            ("kind", .string(episode.kind.rawValue)),
            ("from_step", .number(episode.fromStep)),
            ("to_step", .number(episode.toStep)),
            ("peak_loss", .number(episode.peakLoss)),
            ("ongoing", .bool(episode.ongoing)),
            ("axis", .string(axis.rawValue)),
            ("from_x", .number(episode.fromX)),
            ("to_x", .number(episode.toX)),
        ])
    }

    private func envelopeJSON(_ entry: ComputeEnvelope.Entry) -> JSONValue {
        .object([
            ("flops", .number(entry.flops)),
            ("loss", .number(entry.loss)),
            ("run", .string(sweep.runs[entry.run].name)),
            ("tokens", .number(entry.tokens)),
            ("step", .number(entry.step)),
        ])
    }

    private func fileJSON(_ source: LogSource) -> JSONValue {
        .object([
            ("path", .string(source.path)),
            ("lines", .int(source.lines)),
            ("bad", .int(source.badLines)),
            ("bad_kinds", .object(BadLineKind.allCases.compactMap { kind in
                source.badByKind[kind].map { (kind.rawValue, .int($0)) }
            })),
            ("ignored", .int(source.ignoredLines)),
            ("error", source.error.map { .string($0) } ?? .null),
        ])
    }
}
