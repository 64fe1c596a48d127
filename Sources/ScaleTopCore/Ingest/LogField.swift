/// A quantity scaletop reads from a log line.
public enum LogField: Int, CaseIterable, Sendable {
    case loss
    case step
    case tokens
    case flops
    case params
    case tokensPerStep
    case totalTokens
    case totalSteps
    case flopsBudget
    case time

    public static let count = allCases.count

    /// The keys that mean this field, in priority order: when a line holds several, the first
    /// listed wins, whatever their order in the line. Nested keys are written with `/`
    /// (`{"train": {"loss": 1}}` and `"train.loss"` both read as `train/loss`).
    public var aliases: [String] {
        switch self {
        case .loss: ["loss", "train_loss", "train/loss", "eval_loss", "val_loss", "val/loss"]
        case .step: ["step", "_step", "iter", "iteration", "global_step"]
        case .tokens: ["tokens", "tokens_seen", "num_tokens", "train/tokens"]
        case .flops: ["flops", "compute", "total_flops"]
        case .params:
            ["params", "n_params", "num_params", "parameters", "model_params", "non_embedding_params"]
        case .tokensPerStep: ["tokens_per_step", "batch_tokens"]
        case .totalTokens: ["total_tokens", "target_tokens"]
        case .totalSteps: ["total_steps", "max_steps"]
        case .flopsBudget: ["total_flops_budget"]
        case .time: ["time", "timestamp", "_timestamp", "_runtime", "elapsed"]
        }
    }

    /// Fields that describe a run rather than one point of it.
    public var describesRun: Bool {
        switch self {
        case .params, .tokensPerStep, .totalTokens, .totalSteps, .flopsBudget: true
        default: false
        }
    }
}
