import Foundation

extension RunningProcess {
    var isRunning: Bool { process.isRunning }
}

/// What `Sandbox.runConcurrently` saw: every worker's results in order, and the background loop's.
struct ConcurrentRuns {
    var workers: [[RunResult]]
    var background: [RunResult]

    var all: [RunResult] { workers.flatMap { $0 } + background }
}

extension Sandbox {
    /// Runs every worker's command lines one after another, all workers side by side: each
    /// worker's first process starts before any is waited for, and a worker starts its next
    /// command as soon as its previous one exits. While the workers run, `background` (e.g. a
    /// reader or an export) is started again and again. One thread polls, so the processes race
    /// each other, not the test's threads.
    func runConcurrently(_ workers: [[[String]]], background: [String]? = nil) throws -> ConcurrentRuns {
        var results = ConcurrentRuns(workers: workers.map { _ in [] }, background: [])
        var next = workers.map { _ in 1 }
        var running: [RunningProcess?] = try workers.map { commands in try commands.first.map { try start($0) } }
        var loop = try background.map { try start($0) }

        while running.contains(where: { $0 != nil }) {
            var progressed = false
            for worker in running.indices {
                guard let process = running[worker], !process.isRunning else { continue }
                results.workers[worker].append(try process.finish())
                let commands = workers[worker]
                running[worker] = next[worker] < commands.count ? try start(commands[next[worker]]) : nil
                next[worker] += 1
                progressed = true
            }
            if let background, let process = loop, !process.isRunning {
                results.background.append(try process.finish())
                loop = try start(background)
                progressed = true
            }
            if !progressed { usleep(1_000) }
        }
        if let process = loop { results.background.append(try process.finish()) }
        return results
    }
}
