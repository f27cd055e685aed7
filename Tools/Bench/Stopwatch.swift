import Dispatch

/// Monotonic elapsed time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var milliseconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
    var seconds: Double { milliseconds / 1000 }
}
