import Foundation
import PackagePlugin

/// Before every build, writes `BuildCommit.swift` with the checkout's git commit (`unknown`
/// outside a checkout or without git; `+changes` when tracked files differ from it), so that
/// `scaletop --version` says what it was built from. The file is rewritten only when the text
/// changes, so an unchanged commit costs no recompilation.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let script = """
            root="$1"; out="$2"; mkdir -p "$out"
            commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
            if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | head -c 1)" ]; then
                commit="$commit+changes"
            fi
            text="// Generated before each build by BuildCommitPlugin.
            enum BuildCommit { static let id = \\"$commit\\" }"
            [ "$(cat "$out/BuildCommit.swift" 2>/dev/null)" = "$text" ] || printf '%s\\n' "$text" > "$out/BuildCommit.swift"
            """
        return [.prebuildCommand(
            displayName: "Record the git commit for --version",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
            outputFilesDirectory: output)]
    }
}
