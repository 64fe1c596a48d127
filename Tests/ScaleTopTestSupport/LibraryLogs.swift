import Foundation

/// Logs written the way training libraries write them, with the losses each one logs, so a
/// test can check every point a reader takes from them.
public enum LibraryLogs {
    /// A Hugging Face Trainer `trainer_state.json` (indent 2, keys sorted, as `save_to_json`
    /// writes it): a training entry every 10 steps, an eval entry every 20, and, when
    /// `finished`, the closing summary whose `train_loss` is the mean over the run.
    public static func trainerState(trainLosses: [Double], evalLosses: [Double], finished: Bool) -> String {
        var entries: [String] = []
        for (k, loss) in trainLosses.enumerated() {
            let step = 10 * (k + 1)
            entries.append("""
                    {
                      "epoch": \(Double(step) / 60),
                      "grad_norm": 2.25,
                      "learning_rate": 5e-05,
                      "loss": \(loss),
                      "step": \(step)
                    }
                """)
            if step % 20 == 0, step / 20 - 1 < evalLosses.count {
                entries.append("""
                        {
                          "epoch": \(Double(step) / 60),
                          "eval_loss": \(evalLosses[step / 20 - 1]),
                          "eval_runtime": 1.2,
                          "eval_samples_per_second": 100.0,
                          "eval_steps_per_second": 12.5,
                          "step": \(step)
                        }
                    """)
            }
        }
        let steps = 10 * trainLosses.count
        if finished {
            let mean = trainLosses.reduce(0, +) / Double(trainLosses.count)
            entries.append("""
                    {
                      "epoch": 1.0,
                      "step": \(steps),
                      "total_flos": 1.2e15,
                      "train_loss": \(mean),
                      "train_runtime": 30.5,
                      "train_samples_per_second": 16.0,
                      "train_steps_per_second": 2.0
                    }
                """)
        }
        return """
            {
              "best_metric": null,
              "best_model_checkpoint": null,
              "epoch": \(Double(steps) / 60),
              "eval_steps": 20,
              "global_step": \(steps),
              "is_hyper_param_search": false,
              "is_local_process_zero": true,
              "is_world_process_zero": true,
              "log_history": [
            \(entries.joined(separator: ",\n"))
              ],
              "logging_steps": 10,
              "max_steps": 60,
              "num_input_tokens_seen": 0,
              "num_train_epochs": 1,
              "save_steps": 500,
              "total_flos": 1.2e15,
              "train_batch_size": 8,
              "trial_name": null,
              "trial_params": null
            }

            """
    }

    /// Lightning's `CSVLogger` `metrics.csv`: the validation sanity check's row first (step 0),
    /// then `train_loss` rows every 50 steps and a `val_loss` row at the end of each epoch (every
    /// 100 steps, on the same step as the training row before it).
    public static let lightningMetrics = """
        epoch,step,train_loss,val_loss
        0,0,,10.95
        0,49,8.91,
        0,99,7.62,
        0,99,,7.7
        1,149,6.8,
        1,199,6.31,
        1,199,,6.45

        """
    public static let lightningTrainSteps: [Double] = [49, 99, 149, 199]
    public static let lightningTrainLosses = [8.91, 7.62, 6.8, 6.31]
    public static let lightningValSteps: [Double] = [0, 99, 199]
    public static let lightningValLosses = [10.95, 7.7, 6.45]

    /// nanoGPT's training loop written as JSON lines: a config line (its own key names, the
    /// parameter count as people say it), an evaluation every 250 iterations first (`train/loss`
    /// and `val/loss` estimated on held-out batches, as its `wandb.log` has them), and a line
    /// per logged iteration (`iter`, `loss`, `time`).
    public static let nanoGPT = """
        {"config": {"batch_size": 12, "block_size": 1024, "gradient_accumulation_steps": 40, "max_iters": 500, "tokens_per_step": 491520}, "params": "124M"}
        {"iter": 0, "train/loss": 10.9812, "val/loss": 10.9855, "lr": 0.0}
        {"iter": 0, "loss": 10.9951, "time": 1200.5, "mfu": -100.0}
        {"iter": 100, "loss": 6.2301, "time": 310.2, "mfu": 38.1}
        {"iter": 200, "loss": 5.1124, "time": 309.8, "mfu": 38.2}
        {"iter": 250, "train/loss": 4.9801, "val/loss": 5.0412, "lr": 0.0006}
        {"iter": 300, "loss": 4.7133, "time": 310.0, "mfu": 38.2}
        {"iter": 400, "loss": 4.4519, "time": 309.9, "mfu": 38.2}
        {"iter": 500, "train/loss": 4.3307, "val/loss": 4.4020, "lr": 0.00006}
        {"iter": 500, "loss": 4.3561, "time": 310.1, "mfu": 38.2}

        """

    /// nanochat's base training as JSON lines: its own names for the planned end and the
    /// batch (`num_iterations`, `total_batch_size` in tokens), the model size nested under
    /// `config`, `train/loss` every 100 steps and the validation bits per byte (not a loss).
    public static let nanochat = """
        {"run": "d20", "num_iterations": 400, "total_batch_size": 524288, "config": {"n_params": 5.61e8, "depth": 20}}
        {"step": 100, "train/loss": 4.1203, "train/lrm": 1.0, "total_training_time": 61.2}
        {"step": 200, "train/loss": 3.5122, "train/lrm": 1.0, "total_training_time": 122.3}
        {"step": 250, "val/bpb": 1.0411}
        {"step": 300, "train/loss": 3.2871, "train/lrm": 0.5, "total_training_time": 183.5}
        {"step": 400, "train/loss": 3.1404, "train/lrm": 0.0, "total_training_time": 244.6}

        """
}
