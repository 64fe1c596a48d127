import ScaleTopCore

/// A path argument that may name its group: `base=runs/baseline`. The group is a `NAME=` prefix
/// of identifier characters (letters, digits, `_`, `-`; not first a `-`, so an ssh option given as
/// a host is still refused as one) before any `/` or `:`; anything else, and an argument that is
/// itself an existing file or folder, is a plain path.
enum GroupedPathArgument {
    static func split(_ argument: String) -> (group: String?, path: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex, !argument.hasPrefix("-") else { return (nil, argument) }
        let name = argument[..<eq]
        guard name.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" })
        else { return (nil, argument) }
        let path = String(argument[argument.index(after: eq)...])
        guard !path.isEmpty, case .failure = FileStatus.of(path: argument) else { return (nil, argument) }
        return (String(name), path)
    }
}
