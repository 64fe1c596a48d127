/// `approaches` of the report: Chinchilla's three estimates side by side, and the points
/// `--drop-highest` left out of the parametric fit.
extension SweepReport {
    func approachesJSON() -> JSONValue {
        guard let approaches = analysis?.approaches,
              approaches.envelope != nil || approaches.isoflop != nil || approaches.parametric != nil else { return .null }
        func estimate(_ e: ApproachEstimate?, extra: [(String, JSONValue)] = []) -> JSONValue {
            guard let e else { return .null }
            return .object([
                ("a", .number(e.a)), ("b", .number(e.b)),
                ("params_at_target", .number(e.paramsAtTarget)), ("tokens_at_target", .number(e.tokensAtTarget)),
            ] + extra)
        }
        var intervals: [(String, JSONValue)] = []
        if let ci = approaches.parametricIntervals {
            func pair(_ r: ClosedRange<Double>) -> JSONValue { .array([.number(r.lowerBound), .number(r.upperBound)]) }
            intervals = [
                ("ci", .object([("alpha", pair(ci.alpha)), ("beta", pair(ci.beta)), ("a", pair(ci.a)), ("E", pair(ci.E))])),
                ("ci_quantiles", .array([.number(0.1), .number(0.9)])),
                ("ci_resamples", .int(ci.resamples)),
            ]
        }
        return .object([
            ("envelope", estimate(approaches.envelope)),
            ("isoflop", estimate(approaches.isoflop)),
            ("parametric", estimate(approaches.parametric, extra: intervals)),
        ])
    }

    /// The final points the parametric fit left out, highest loss first.
    func droppedJSON() -> JSONValue {
        .array((analysis?.parametricDropped ?? []).map { point in
            .object([
                ("run", point.run.map { .string($0) } ?? .null),
                ("params", .number(point.params)), ("tokens", .number(point.tokens)), ("loss", .number(point.loss)),
            ])
        })
    }
}
