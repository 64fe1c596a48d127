import Foundation
import ScaleTopTestSupport
import Testing

/// The plot's inspection tools driven as a person would, in tmux at 120×40: keys, and raw
/// xterm SGR mouse reports typed into the pane (`ESC [ < button ; column ; row M`).
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: run scripts/install-deps.sh"), .tags(.slow))
struct InspectTmuxTests {
    static func start(_ extra: [String] = []) throws -> (TmuxSession, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let simulated = try ScaleTopProcess.run(["simulate", dir.file("runs").path, "--instant"])
        #expect(simulated.status == 0, "\(simulated.error)")
        let session = try TmuxSession(
            command: [ScaleTopProcess.executable.path, dir.file("runs").path, "--target", "1e22"] + extra, environment: ["LANG": "C.UTF-8"])
        _ = try #require(session.waitFor(timeout: 60) { $0.contains("sim08") && $0.contains("α") && $0.contains("diverged") })
        return (session, dir)
    }

    /// The readout line: the one that starts with the cursor's mark.
    static func readout(_ screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.hasPrefix(" ● ") && $0.contains("loss ") }
    }

    static func mouse(_ session: TmuxSession, _ report: String) {
        _ = try? TmuxSession.tmux(["send-keys", "-t", session.name, "-l", "\u{1B}[<" + report])
    }

    @Test func keysMoveTheCursorZoomSmoothAndOpenTheDetail() throws {
        let (session, _) = try Self.start()
        // Two runs pinned: the readout compares them.
        session.send("j")
        session.send("Space")
        session.send("j")
        session.send("Space")
        session.send("Tab")
        let first = try #require(session.waitFor { Self.readout($0)?.contains("FLOPs") == true }, "\(session.screen())")
        let line = try #require(Self.readout(first))
        #expect(line.contains("step ") && line.contains("fit ") && line.contains(" %)"), "\(line)")
        #expect(line.contains(" sim01-N10.0…/sim02-N19.3… "), "\(line)")
        // Left moves to an earlier step of the same run.
        session.send("Left")
        let moved = try #require(session.waitFor { Self.readout($0) != line }, "\(session.screen())")
        #expect(Self.readout(moved)?.contains("sim02") == true)
        // Zoomed in four times: the title says so, and intermediate x ticks appear.
        for _ in 0..<4 { session.send("+") }
        let zoomed = try #require(session.waitFor { $0.contains("zoomed (0 resets)") }, "\(session.screen())")
        let axisLabels = zoomed.split(separator: "\n").first { $0.contains("e1") && !$0.contains("┤") && !$0.contains("●") }
        #expect(axisLabels?.split(separator: " ").contains { !$0.contains("1e") } == true, "\(zoomed)")
        session.send("0")
        #expect(session.waitFor { !$0.contains("zoomed") } != nil)
        session.send("o")
        #expect(session.waitFor { $0.contains("smoothed light") && Self.readout($0)?.contains("(smoothed ") == true } != nil, "\(session.screen())")
        session.send("o")
        #expect(session.waitFor { $0.contains("smoothed heavy") } != nil)
        session.send("o")
        #expect(session.waitFor { !$0.contains("smoothed") } != nil)
        // The detail pane opens on Enter and closes on Esc.
        session.send("Enter")
        let detail = try #require(session.waitFor { $0.contains("Esc closes") }, "\(session.screen())")
        #expect(detail.contains("sim02-N19.3M-D386M.jsonl") && detail.contains("bad") && detail.contains("projection") && detail.contains("stored"))
        session.send("Escape")
        #expect(session.waitFor { !$0.contains("Esc closes") } != nil)
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
    }

    @Test func theMouseClicksZoomsAndIsTurnedOffOnExitOrByAFlag() throws {
        let (session, _) = try Self.start()
        let flags = { (try? TmuxSession.tmux(["display", "-p", "-t", session.name, "#{mouse_sgr_flag}#{mouse_button_flag}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(flags() == "11", "the view asks for SGR reports of buttons and drags")
        // A click in the plot's middle: the focus moves to the plot and the readout appears.
        Self.mouse(session, "0;60;12M")
        Self.mouse(session, "0;60;12m")
        #expect(session.waitFor { Self.readout($0) != nil && $0.contains("┌ ▶ loss") } != nil, "\(session.screen())")
        // A click on a table line selects its run (its reason goes in the table's edge).
        let screen = session.screen().split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(screen.firstIndex { $0.contains("● sim05-N139M") })
        Self.mouse(session, "0;10;\(row + 1)M")
        Self.mouse(session, "0;10;\(row + 1)m")
        #expect(session.waitFor { $0.contains("└ sim05-N139M-D2.78B finished") && $0.contains("┌ ▶ runs") } != nil, "\(session.screen())")
        // The wheel zooms; a right click shows everything again.
        Self.mouse(session, "64;60;12M")
        #expect(session.waitFor { $0.contains("zoomed (0 resets)") } != nil, "\(session.screen())")
        Self.mouse(session, "2;60;12M")
        #expect(session.waitFor { !$0.contains("zoomed") } != nil, "\(session.screen())")
        // A dragged box zooms to it; Shift-wheel zooms the loss axis.
        Self.mouse(session, "0;30;5M")
        Self.mouse(session, "32;70;15M")
        Self.mouse(session, "0;70;15m")
        #expect(session.waitFor { $0.contains("zoomed (0 resets)") } != nil, "\(session.screen())")
        session.send("0")
        #expect(session.waitFor { !$0.contains("zoomed") } != nil)
        Self.mouse(session, "68;60;12M")
        #expect(session.waitFor { $0.contains("zoomed (0 resets)") } != nil, "\(session.screen())")
        session.send("q")
        #expect(session.waitFor { $0.contains("EXITED 0") } != nil)
        #expect(flags() == "00", "mouse reporting is off again after q")

        // --no-mouse: no reports asked for, and a report typed in changes nothing.
        let (quiet, _) = try Self.start(["--no-mouse"])
        let quietFlags = (try? TmuxSession.tmux(["display", "-p", "-t", quiet.name, "#{mouse_sgr_flag}#{mouse_button_flag}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(quietFlags == "00")
        quiet.send("q")
        #expect(quiet.waitFor { $0.contains("EXITED 0") } != nil)
    }
}
