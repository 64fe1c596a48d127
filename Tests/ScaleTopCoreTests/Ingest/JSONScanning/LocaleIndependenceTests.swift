import Foundation
import Testing
@testable import ScaleTopCore

#if canImport(Glibc)
import Glibc
#else
#error("unsupported platform")
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

    /// The same under each locale the CLI test runs with: C, C.UTF-8 and de_DE.UTF-8.
    @Test(.enabled(if: germanInstalled, "de_DE.UTF-8 not installed: run scripts/install-deps.sh"))
    func sameNumbersUnderCAndCUTF8AndGerman() throws {
        let lines = [
            #"{"loss": 2.5, "tokens": "3.25e9", "flops": 46091097939640320, "step": 1.5e3}"#,
            #"{"loss": "0,5", "tokens": 1e-300, "flops": 9.993852799709755e+18, "step": "  7 "}"#,
        ]
        func readAndPrint() -> String {
            var scanner = LineScanner()
            return lines.map { line in
                _ = scanner.scan(line)
                let r = scanner.record
                return JSONValue.array([r[.loss], r[.tokens], r[.flops], r[.step]].map { $0.map(JSONValue.number) ?? .null })
                    .serialized(pretty: false) + " " + (r[.tokens].map(NumberText.short) ?? "-")
            }.joined(separator: "; ")
        }
        guard let previous = setlocale(LC_NUMERIC, nil).map({ String(cString: $0) }) else { return }
        defer { setlocale(LC_NUMERIC, previous) }
        var outputs: [String: String] = [:]
        for locale in ["C", "C.UTF-8", "de_DE.UTF-8"] {
            #expect(setlocale(LC_NUMERIC, locale) != nil, "\(locale) is not installed")
            outputs[locale] = readAndPrint()
        }
        #expect(Set(outputs.values).count == 1, "\(outputs)")
        // "0,5" is not a number in any locale here.
        #expect(outputs["C"] == "[2.5,3250000000,4.609109793964032e+16,1500] 3.3e9; [null,1e-300,9.993852799709755e+18,7] 1e-300")
    }
}
