/// The single-variable fits of Kaplan et al. 2020.
public enum KaplanFits {
    /// L(N) = (N_c/N)^α_N on final points. Kaplan's L(N) is the loss of a size when data is not
    /// the bottleneck, so each distinct N contributes its lowest final loss (in an IsoFLOP sweep
    /// the same N is trained at several budgets; the longest run approximates convergence best).
    public static func lossVersusParams(_ runs: [RunFinalPoint]) -> KaplanPowerLaw? {
        var best: [Double: Double] = [:]
        for run in runs where run.isUsable { best[run.params] = min(best[run.params] ?? .infinity, run.loss) }
        let sizes = best.keys.sorted()
        return KaplanPowerLaw(x: sizes, loss: sizes.map { best[$0]! })
    }

    /// Frontier L(C) = (C_c/C)^α_C, fitted to the compute-efficient frontier the caller passes
    /// (the lower envelope of loss against compute, C in FLOPs).
    public static func computeFrontier(_ frontier: [ComputeLossPoint]) -> KaplanPowerLaw? {
        let usable = frontier.filter(\.isUsable)
        return KaplanPowerLaw(x: usable.map(\.compute), loss: usable.map(\.loss))
    }
}
