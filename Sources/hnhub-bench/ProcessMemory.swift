import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's resident memory, from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// Peak resident set size (`VmHWM`) in bytes, or nil where /proc is missing.
    static var peakResident: Int? { field("VmHWM") }
    /// Current resident set size (`VmRSS`) in bytes.
    static var resident: Int? { field("VmRSS") }

    /// Starts the peak over from the current size (writes 5 to `/proc/self/clear_refs`), so that
    /// generating the data set does not count towards the import's peak. False when not allowed.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").dropFirst().first { $0.allSatisfy(\.isNumber) }
            return digits.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}

/// CPU time (user + system) the process has used so far, in seconds: unlike wall-clock time it
/// does not grow when other processes compete for the cores.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
