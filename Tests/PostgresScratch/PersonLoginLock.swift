import Foundation

/// Who may use the test cluster's person login roles (`anna`, `bo`, `boss` …) right now.
///
/// On PostgreSQL a person's login role is named like their handle (the spec: role name =
/// handle) and roles belong to the whole cluster, while every test makes its own scratch
/// database and the rule suites use the same handles in each. A role is the login of one
/// socialtime database at a time (`create_login` never adopts another database's), so the
/// tests that act through real login roles take turns: a test holds this lock from the first
/// login it needs until its databases and the roles made for them are dropped.
///
/// The holder is a key (`currentKey`: the test's task), and the same key may hold it several
/// times at once — a test with two stores alive — released as often as taken. In-process only:
/// two `swift test` runs against one cluster are not protected from each other.
public final class PersonLoginLock: @unchecked Sendable {
    public static let shared = PersonLoginLock()

    private let mutex = NSLock()
    private var holder: Int?
    private var holds = 0
    private var waiting: [(key: Int, resume: CheckedContinuation<Void, Never>)] = []

    /// The calling task's key.
    public static var currentKey: Int { withUnsafeCurrentTask { $0?.hashValue ?? 0 } }

    /// Waits until nobody else holds the lock, then holds it (once more) for `key`.
    public func acquire(_ key: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            mutex.lock()
            if holder == nil || holder == key {
                holder = key
                holds += 1
                mutex.unlock()
                continuation.resume()
            } else {
                waiting.append((key, continuation))
                mutex.unlock()
            }
        }
    }

    /// Gives one hold of `key` back; the last one hands the lock to the longest waiting key
    /// (with every waiter of that key).
    public func release(_ key: Int) {
        mutex.lock()
        guard holder == key, holds > 0 else {
            mutex.unlock()
            return
        }
        holds -= 1
        var woken: [CheckedContinuation<Void, Never>] = []
        if holds == 0 {
            holder = nil
            if let next = waiting.first?.key {
                woken = waiting.filter { $0.key == next }.map(\.resume)
                waiting.removeAll { $0.key == next }
                holder = next
                holds = woken.count
            }
        }
        mutex.unlock()
        for continuation in woken { continuation.resume() }
    }
}
