/// The `groups` and `comparison` keys: each group's runs, envelope and fit, and the compute
/// multiplier of each group against the baseline (report-json.md; README, "The JSON contract").
extension SweepReport {
    /// name → its runs, envelope, fit and band; null when the sweep has no groups (or one).
    func groupsJSON() -> JSONValue {
        guard let grouped = analysis?.grouped else { return .null }
        let order = orderedRunIndices
        return .object(grouped.groups.map { group in
            // The report's run order (by size, then name), whatever order the files were found in.
            let members = Set(group.runs)
            let entries = envelopeBins.map { group.envelope.binned($0) } ?? group.envelope.entries
            return (group.name, .object([
                ("runs", .array(order.filter(members.contains).map { .string(sweep.runs[$0].name) })),
                ("baseline", .bool(group.name == grouped.baseline)),
                ("envelope", .array(entries.map { entry in
                    .object([("flops", .number(entry.flops)), ("loss", .number(entry.loss)), ("run", .string(sweep.runs[entry.run].name))])
                })),
                ("fit", groupFitJSON(group)),
                ("reason", group.noFitReason.map { .string($0) } ?? .null),
            ]))
        })
    }

    private func groupFitJSON(_ group: GroupAnalysis) -> JSONValue {
        guard let fit = group.fit else { return .null }
        let loss = targetFlops.map { fit.loss(at: $0) }
        return .object([
            ("E", .number(fit.E)),
            ("A", .number(fit.A)),
            ("alpha", .number(fit.alpha)),
            ("points", .int(fit.points)),
            ("form", .string(fit.isPurePowerLaw ? "A*C^-alpha" : "E + A*C^-alpha")),
            ("loss_at_target", .number(loss.flatMap { $0.isFinite ? $0 : nil })),
            ("band", group.band.map { .array([.number($0.low), .number($0.high)]) } ?? .null),
        ])
    }

    /// One entry per group other than the baseline.
    func comparisonJSON() -> JSONValue {
        guard let grouped = analysis?.grouped else { return .array([]) }
        return .array(grouped.comparisons.map { comparison in
            .object([
                ("baseline", .string(comparison.baseline)),
                ("other", .string(comparison.other)),
                ("method", .string(comparison.method.rawValue)),
                ("separate_floors_evidence", .number(comparison.separateFloorsEvidence)),
                ("target_flops", .number(comparison.target)),
                ("multiplier_at_target", .number(comparison.multiplierAtTarget)),
                ("multiplier_band", Self.bandJSON(comparison.atTarget)),
                ("band_quantiles", .array([.number(0.1), .number(0.9)])),
                ("crossing_flops", .number(comparison.crossingFlops)),
                ("reason", comparison.reason.map { .string($0) } ?? .null),
                ("range", comparison.range.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("multiplier_curve", .array(comparison.curve.map { point in
                    .object([("flops", .number(point.compute)), ("multiplier", .number(point.multiplier)), ("band", Self.bandJSON(point))])
                })),
            ])
        })
    }

    /// [low, high], an unbounded end (the other group below the baseline's floor in more than
    /// 10 % of resamples) written null; null when there is no band.
    static func bandJSON(_ point: GroupComparison.Point?) -> JSONValue {
        guard let point, let low = point.low, let high = point.high else { return .null }
        func end(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }
        return .array([end(low), end(high)])
    }
}
