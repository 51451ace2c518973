import Foundation
import Synchronization

/// "导入企业 [########------------] 40% 4000/10000" on standard error, redrawn at most ten times a
/// second, and only when standard error is a terminal (so logs and CI output stay clean).
final class ProgressBar: Sendable {
    private let title: String
    private let state = Mutex<(shown: Int, total: Int, at: ContinuousClock.Instant?)>((-1, 0, nil))

    private init(title: String) { self.title = title }

    /// A bar when standard error is a terminal, nil otherwise.
    static func onTerminal(title: String) -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar(title: title) : nil
    }

    func advance(to done: Int, of total: Int) {
        let now = ContinuousClock.now
        state.withLock { s in
            if let at = s.at, now - at < .milliseconds(100), done < total { return }
            guard done > s.shown else { return }
            s = (done, total, now)
            draw(done, total)
        }
    }

    func finish() {
        state.withLock { s in
            draw(s.total, s.total)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func draw(_ done: Int, _ total: Int) {
        let width = 30
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)".utf8))
    }
}
