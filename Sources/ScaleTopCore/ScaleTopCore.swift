/// scaletop's pure core: reading logs, the run model, fitting and diagnostics.
/// Nothing in this module touches a terminal.
public enum ScaleTopVersion {
    public static let string = "0.1.0"
}
