/// The program's version, written in this one place: `schakel --version` prints it and
/// `make dist` reads it from the line below for the Debian package (packaging/version.sh).
enum SchakelVersion {
    static let current = "0.1.0"
}
