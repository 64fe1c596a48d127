/// The program scaletop runs on a remote host: POSIX `sh` and coreutils only. ssh runs a fixed
/// command that reads exactly the script's bytes from standard input and evaluates them; the
/// script then answers requests on the same input, one line each, until it closes:
///
/// - `L id 0 0 PATH`: `L id EPOCH` (the host's clock), then NUL-terminated items: the kind
///   (`d` directory, `f` file, `g` anything else, matched as a glob), one
///   `SIZE INODE DEVICE MTIME NAME` per regular file (in a directory: recursively, links to
///   files followed, links to folders and hidden folders not entered, as locally), and an empty item.
/// - `R id OFFSET COUNT PATH`: `N id` when the file is gone, else `D id SIZE INODE DEVICE MTIME
///   N`, exactly N bytes of the file from OFFSET (GNU `dd`, one process from file to ssh; where
///   `dd` lacks `iflag=count_bytes`, `tail | head`), zeros past what could be read if it shrank
///   meanwhile, and `E id SIZE INODE DEVICE MTIME GOT` as it is afterwards with the bytes really
///   read, so a read that raced a truncation or a replacement is told apart and thrown away.
/// - `C id COUNT LIMIT -`, then COUNT lines of one path each: the first LIMIT bytes of each of
///   these small files (sidecars) in one go: `C id`, then NUL-terminated items: `u NAME` per
///   file that cannot be read; per batch `xargs` gives one `sh`: `s`, a `SIZE INODE DEVICE MTIME
///   NAME` per readable file, `c N` and N bytes (their first LIMIT bytes, one after another),
///   the same stamps again as they are afterwards, and `e`; and an empty item. A batch whose
///   stamps changed, or whose N is not the sum of its files' lengths, raced a writer.
///
/// PATH is sent as `printf %b` octal escapes of every byte other than letters, digits and
/// `/._-`, so a request line holds no blank, quote or `$`, and the path reaches the remote side
/// as data: it is only ever expanded inside double quotes (and, for a glob, with IFS empty,
/// which expands wildcards and nothing else). File bytes go from `tail` to ssh and are never
/// read by a shell.
enum RemoteScript {
    static let text = """
        LC_ALL=C; export LC_ALL
        IFS=' '
        t=$(mktemp) || exit 1
        trap 'rm -f "$t"' EXIT
        trap 'rm -f "$t"; exit 1' HUP INT TERM PIPE
        dec() { p=$(printf '%bx' "$1"); p=${p%x}; }
        fmt='%s %i %d %Y %n\\0'
        st() { stat -L -c '%s %i %d %Y' -- "$1" 2>/dev/null; }
        rec() { stat -L --printf "$fmt" -- "$1" 2>/dev/null; }
        heads='t=$1 n=$2 fmt=$3; shift 3; k=$#
        for f; do if [ -f "$f" ] && [ -r "$f" ]; then set -- "$@" "$f"; elif [ -f "$f" ]; then printf "u %s\\0" "$f"; fi; done
        shift $k; [ $# -gt 0 ] || exit 0
        printf "s\\0"; stat -L --printf "$fmt" -- "$@"
        head -q -c "$n" -- "$@" >"$t"; printf "c %s\\0" $(wc -c <"$t"); cat "$t"
        stat -L --printf "$fmt" -- "$@"; printf "e\\0"'
        echo "scaletop-remote 1 $(date +%s)"
        while read -r op id off count enc; do
          dec "$enc"
          case $op in
          L)
            echo "L $id $(date +%s)"
            if [ -d "$p" ]; then
              printf 'd\\0'
              find "$p" -type d -name '.?*' ! -path "$p" -prune -o -type f -exec stat -L --printf "$fmt" -- {} + \\
                -o -type l -exec sh -c 'for f; do [ -f "$f" ] && stat -L --printf "$0" -- "$f"; done' "$fmt" {} + 2>/dev/null
            elif [ -e "$p" ]; then
              printf 'f\\0'; rec "$p"
            else
              printf 'g\\0'
              IFS=''
              for f in $p; do [ -f "$f" ] && printf '%s\\0' "$f"; done | xargs -0 stat -L --printf "$fmt" -- 2>/dev/null
              IFS=' '
            fi
            printf '\\0';;
          R)
            s=$(st "$p")
            if [ -z "$s" ] || [ ! -f "$p" ]; then echo "N $id"; continue; fi
            set -- $s
            n=$(($1 - off))
            [ "$n" -gt "$count" ] && n=$count
            [ "$n" -lt 0 ] && n=0
            echo "D $id $s $n"
            got=$n
            if [ "$n" -gt 0 ]; then
              got=
              dd if="$p" bs=1048576 skip="$off" count="$n" iflag=skip_bytes,count_bytes 2>"$t"
              got=$(sed -n '$s/ bytes .*//p' "$t")
              case $got in
              ''|*[!0-9]*) { tail -c +$((off + 1)) -- "$p" 2>/dev/null; cat /dev/zero; } | head -c "$n"; got=$n;;
              *) [ "$got" -lt "$n" ] && head -c $((n - got)) /dev/zero;;
              esac
            fi
            echo "E $id $(st "$p") $got";;
          C)
            set --
            while [ $# -lt "$off" ] && read -r e; do set -- "$@" "$e"; done
            echo "C $id"
            [ $# -gt 0 ] && printf '%b\\0' "$@" | xargs -0 sh -c "$heads" sh "$t" "$count" "$fmt" 2>/dev/null
            printf '\\0';;
          *) exit 2;;
          esac
        done

        """

    /// The command ssh runs there: read the script's bytes exactly (head -c reads no further)
    /// and evaluate them. Plain enough for any login shell (sh, bash, zsh, csh, fish).
    static var bootstrapCommand: String {
        "exec sh -c 'eval \"$(head -c \(text.utf8.count))\"'"
    }

    /// Letters, digits and `/._-` as they are, every other byte as `\0ooo`.
    static func encode<Bytes: Sequence<UInt8>>(_ path: Bytes) -> String {
        var out = ""
        for byte in path {
            let c = Character(Unicode.Scalar(byte))
            if byte < 128 && (c.isLetter || c.isNumber || "/._-".contains(c)) {
                out.append(c)
            } else {
                let octal = String(byte, radix: 8)
                out += "\\0" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out
    }
}
