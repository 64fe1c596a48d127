import Foundation
import Testing
@testable import ScaleTopCore

#if canImport(Glibc)
import Glibc
#endif

/// With a German numeric locale in force in this very process (where C's strtod reads "2.5"
/// as 2), scaletop's parsing and printing of numbers must not change.
@Suite struct LocaleIndependenceTests {
    /// Needs the de_DE.UTF-8 locale, which `scripts/install-deps.sh` (run by CI) generates.
    static let germanInstalled: Bool = {
        guard let previous = setlocale(LC_NUMERIC, nil).map({ String(cString: $0) }) else { return false }
        defer { setlocale(LC_NUMERIC, previous) }
        return setlocale(LC_NUMERIC, "de_DE.UTF-8") != nil
    }()

    @Test(.enabled(if: germanInstalled, "de_DE.UTF-8 not installed: run scripts/install-deps.sh"))
    func germanNumericLocaleChangesNothing() throws {
        let line = #"{"loss": 2.5, "tokens": "3.25e9", "flops": 46091097939640320, "step": 1.5e3}"#
        func readAndPrint() -> String {
            var scanner = LineScanner()
            _ = scanner.scan(line)
            let r = scanner.record
            let json = JSONValue.array([r[.loss], r[.tokens], r[.flops], r[.step]].map { JSONValue.number($0) })
            return json.serialized(pretty: false) + " " + NumberText.short(r[.tokens]!) + " " + NumberText.fixed(r[.loss]!, digits: 3)
        }
        let before = readAndPrint()
        guard let previous = setlocale(LC_NUMERIC, nil).map({ String(cString: $0) }) else { return }
        guard setlocale(LC_NUMERIC, "de_DE.UTF-8") != nil else {
            Issue.record("de_DE.UTF-8 is not installed: run scripts/install-deps.sh")
            return
        }
        defer { setlocale(LC_NUMERIC, previous) }
        // The locale really is in force: the C library now reads a comma as the decimal point.
        #expect(strtod("2,5", nil) == 2.5)
        let after = readAndPrint()
        #expect(before == after)
        #expect(before == "[2.5,3250000000,4.609109793964032e+16,1500] 3.3e9 2.500")
    }
}
