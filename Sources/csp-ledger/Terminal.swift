import Foundation

/// What the command line knows of the terminal it prints to.
enum Terminal {
    /// The width of the terminal on `descriptor`: `COLUMNS` when it is a positive number
    /// (as shells and `script` set it, and as a user sets it to narrow a display), else
    /// the terminal's own, else 80.
    static func columns(of descriptor: Int32) -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
