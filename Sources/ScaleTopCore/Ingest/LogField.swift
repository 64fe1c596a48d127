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
    /// An evaluation loss: a loss key of its own field, so that a line holding a training and an
    /// evaluation loss gives both (the run's loss series is chosen by `LogField.lossKeys`).
    case evalLoss
    /// The learning rate at this line (a line with a step or a loss; on a header it is the
    /// declared peak, read by `ScheduleDeclaration`).
    case learningRate

    public static let count = allCases.count

    /// The keys that mean this field, in priority order: when a line holds several, the first
    /// listed wins, whatever their order in the line. Nested keys are written with `/`
    /// (`{"train": {"loss": 1}}` and `"train.loss"` both read as `train/loss`).
    public var aliases: [String] {
        switch self {
        case .loss: ["loss", "train_loss", "train/loss"]
        case .evalLoss: ["eval_loss", "val_loss", "val/loss"]
        case .step: ["step", "_step", "iter", "iteration", "global_step"]
        case .tokens: ["tokens", "tokens_seen", "num_tokens", "train/tokens"]
        case .flops: ["flops", "compute", "total_flops"]
        case .params:
            ["params", "n_params", "num_params", "parameters", "model_params", "non_embedding_params"]
        case .tokensPerStep: ["tokens_per_step", "batch_tokens", "total_batch_size"]
        case .totalTokens: ["total_tokens", "target_tokens"]
        case .totalSteps: ["total_steps", "max_steps", "max_iters", "num_iterations", "num_training_steps"]
        case .flopsBudget: ["total_flops_budget"]
        case .time: ["time", "timestamp", "_timestamp", "_runtime", "elapsed"]
        case .learningRate:
            ["lr", "learning_rate", "train/lr", "train/learning_rate", "optimizer/lr", "trainer/learning_rate",
             "lr-AdamW", "lr-Adam", "lr-SGD", "lr_0", "lr/group_0"]
        }
    }

    /// Every loss key in the order a run prefers them (training keys before evaluation keys):
    /// a key's place here is its rank among a run's loss series.
    public static let lossKeys = LogField.loss.aliases + LogField.evalLoss.aliases

    /// Counts that may be written as people say them, with a suffix (`"124M"`, `"2T"`).
    public var acceptsCountSuffix: Bool {
        switch self {
        case .params, .tokens, .tokensPerStep, .totalTokens: true
        default: false
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
